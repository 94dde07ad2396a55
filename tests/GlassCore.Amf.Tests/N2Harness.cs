// Style anchor #15: the AMF with its NGAP layer on a real N2 (usrsctp over UDP encapsulation, in process), simulated
// gNBs (GlassCore.Sim.SimGnb) and UEs (UeNas) against it, and an AUSF fake on the real Milenage/KDF functions.
using System.Collections.Concurrent;
using System.Net;
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Ngap;
using GlassCore.Nas.Ies;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

/// <summary>Every N2 test runs alone: they share this process's usrsctp stack (one UDP encapsulation port).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class N2Collection
{
    public const string Name = "n2";
}

internal sealed class N2Harness : IGmmObserver, IAsyncDisposable
{
    /// <summary>RFC 6951 UDP encapsulation port of this test process (the SCTP tests use 9911-9915).</summary>
    public const int UdpPort = 9931;

    private static int s_nextPort = 38600;
    private readonly ConcurrentDictionary<long, GmmState> _states = new();
    private readonly List<SimGnb> _gnbs = [];

    private N2Harness(SctpTransport transport, IPEndPoint address, AmfConfiguration config, Sm.ISmfClient? smf)
    {
        Transport = transport;
        Address = address;
        var deconcealer = new SuciDeconcealer();
        deconcealer.AddKey(ProtectionScheme.ProfileA, 1, N1Harness.ProfileAPrivateKey);
        deconcealer.AddKey(ProtectionScheme.ProfileB, 2, N1Harness.ProfileBPrivateKey);
        Ausf = new FakeAusf(deconcealer);
        Ngap = new AmfNgap(config);
        Amf = new AmfContext(config, Ausf, Ngap, observer: this, smf: smf);
        Server = new N2Server(transport, new N2Options { ListenAddresses = [address] });
    }

    public SctpTransport Transport { get; }

    public IPEndPoint Address { get; }

    public FakeAusf Ausf { get; }

    public AmfNgap Ngap { get; }

    public AmfContext Amf { get; }

    public N2Server Server { get; }

    public static AmfConfiguration DefaultConfig => new()
    {
        Plmn = N1Harness.Plmn,
        TaiList = [new Tai(N1Harness.Plmn, 1)],
        SupportedNssai = [new SNssaiValue(1), new SNssaiValue(1, 0x000001)],
    };

    public static SctpOptions SctpOptions => new()
    {
        Backend = SctpBackendKind.Usrsctp,
        UdpEncapsulationPort = UdpPort,
        RemoteUdpEncapsulationPort = UdpPort,
        RtoInitial = TimeSpan.FromMilliseconds(200),
        RtoMin = TimeSpan.FromMilliseconds(100),
        RtoMax = TimeSpan.FromMilliseconds(500),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        MaxRetransmissions = 3,
    };

    /// <summary>Skips visibly when usrsctp is not installed here.</summary>
    public static async Task<N2Harness> StartAsync(Func<AmfConfiguration, AmfConfiguration>? configure = null, Sm.ISmfClient? smf = null)
    {
        SctpTransport transport;
        try
        {
            transport = SctpTransport.Create(SctpOptions);
        }
        catch (SctpException e)
        {
            Assert.Skip("usrsctp is not usable here: " + e.Message);
            throw;
        }
        var address = new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_nextPort));
        var h = new N2Harness(transport, address, configure?.Invoke(DefaultConfig) ?? DefaultConfig, smf);
        h.Server.Start();
        h.Ngap.Start(h.Amf, h.Server);
        await Task.CompletedTask;
        return h;
    }

    public static SimGnbConfig GnbConfig(uint id = 1) => new() { Plmn = N1Harness.Plmn, GnbId = id, Name = $"gnb-{id}" };

    /// <summary>A gNB connected and through NG Setup (asserted).</summary>
    public async Task<SimGnb> ConnectGnbAsync(SimGnbConfig? config = null)
    {
        var (gnb, outcome) = await TryConnectGnbAsync(config);
        Assert.True(outcome.Accepted, "NG Setup was refused");
        return gnb;
    }

    public async Task<(SimGnb Gnb, NgSetupOutcome Outcome)> TryConnectGnbAsync(SimGnbConfig? config = null)
    {
        var gnb = new SimGnb(Transport, Address, config ?? GnbConfig());
        lock (_gnbs)
        {
            _gnbs.Add(gnb);
        }
        var outcome = await gnb.StartAsync(Timeout());
        return (gnb, outcome);
    }

    public static CancellationToken Timeout()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        return cts.Token;
    }

    /// <summary>A UE whose subscriber the AUSF knows (with <paramref name="usimK"/> the USIM may hold another K).</summary>
    public UeNas AddUe(int i, ProtectionScheme scheme = ProtectionScheme.Null, byte[]? usimK = null, byte fiveGIa = 0x70)
    {
        Ausf.Add(N1Harness.Supi(i), N1Harness.K(i), N1Harness.Opc);
        var config = new UeConfig
        {
            Plmn = N1Harness.Plmn,
            Scheme = scheme,
            HomeNetworkPublicKeyId = scheme switch { ProtectionScheme.ProfileA => 1, ProtectionScheme.ProfileB => 2, _ => 0 },
            HomeNetworkPublicKey = scheme switch
            {
                ProtectionScheme.ProfileA => SuciDeconcealer.PublicKey(scheme, N1Harness.ProfileAPrivateKey),
                ProtectionScheme.ProfileB => SuciDeconcealer.PublicKey(scheme, N1Harness.ProfileBPrivateKey),
                _ => ReadOnlyMemory<byte>.Empty,
            },
            FiveGIa = fiveGIa,
        };
        return new UeNas(config, new Usim(N1Harness.Supi(i), usimK ?? N1Harness.K(i), N1Harness.Opc));
    }

    /// <summary>
    /// Runs one UE over <paramref name="gnb"/>: Initial UE Message with <paramref name="initial"/>, then every downlink
    /// into the UE and every uplink it answers back, until the UE is registered and its last uplink sent, or the RAN
    /// connection is released. <paramref name="tamper"/> may change or multiply uplinks (fault injection).
    /// </summary>
    public static async Task<UeRun> RunUeAsync(SimGnb gnb, UeNas ue, byte[]? initial = null, Func<byte[], IEnumerable<byte[]>>? tamper = null, CancellationToken ct = default)
    {
        var link = gnb.NewUe();
        var run = new UeRun(link);
        await gnb.SendInitialUeMessageAsync(link, initial ?? ue.StartRegistration(), ct);
        await foreach (var e in link.Events.Reader.ReadAllAsync(ct))
        {
            switch (e)
            {
                case SimDownlinkNas d:
                    run.Downlinks.Add(d);
                    foreach (var up in ue.OnDownlink(d.Pdu))
                    {
                        foreach (var sent in tamper?.Invoke(up) ?? [up])
                        {
                            await gnb.SendUplinkNasAsync(link, sent, ct);
                        }
                    }
                    if (ue.State == UeGmmState.Registered)
                    {
                        return run;
                    }
                    break;
                case SimUeReleased r:
                    run.Released = r;
                    return run;
                case SimUeErrorIndication ei:
                    run.ErrorIndications.Add(ei);
                    break;
            }
        }
        return run;
    }

    /// <summary>Waits (bounded) until the AMF's 5GMM state for the UE is <paramref name="state"/>.</summary>
    public async Task WaitForStateAsync(long amfUeNgapId, GmmState state)
    {
        var ct = Timeout();
        while (!_states.TryGetValue(amfUeNgapId, out var s) || s != state)
        {
            await Task.Delay(10, ct);
        }
    }

    public GmmState? StateOf(long amfUeNgapId) => _states.TryGetValue(amfUeNgapId, out var s) ? s : null;

    public void StateChanged(long amfUeNgapId, GmmState from, GmmState to) => _states[amfUeNgapId] = to;

    public async ValueTask DisposeAsync()
    {
        foreach (var g in _gnbs)
        {
            await g.DisposeAsync();
        }
        await Ngap.DisposeAsync();
        await Amf.DisposeAsync();
        await Server.DisposeAsync();
        await Transport.DisposeAsync();
        Ausf.Dispose();
    }
}

/// <summary>What one UE's run over a simulated gNB saw.</summary>
internal sealed class UeRun(SimGnbUe link)
{
    public SimGnbUe Link { get; } = link;

    public List<SimDownlinkNas> Downlinks { get; } = [];

    public List<SimUeErrorIndication> ErrorIndications { get; } = [];

    public SimUeReleased? Released { get; set; }
}
