// Style anchor #15: an in-memory N1 between simulated UEs (GlassCore.Sim) and the AMF core, standing in for NGAP.
using System.Collections.Concurrent;
using System.Threading.Channels;
using GlassCore.Amf.Gmm;
using GlassCore.Nas.Ies;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

/// <summary>One UE on the harness: its NAS, its downlink queue and what the AMF ended with.</summary>
internal sealed class SimUe(long ranUeNgapId, UeNas nas)
{
    public long RanUeNgapId { get; } = ranUeNgapId;

    public UeNas Nas { get; } = nas;

    public long AmfUeNgapId { get; set; }

    /// <summary>Downlink NAS-PDUs, and a final marker (no PDU) carrying the AMF's last state for this UE.</summary>
    public Channel<(byte[]? Pdu, GmmState Final)> Downlink { get; } = Channel.CreateUnbounded<(byte[]?, GmmState)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Set by the UE's loop once it has handled every downlink sent before the AMF's final state (Registered, or released).</summary>
    public TaskCompletionSource<GmmState> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<byte[]> Uplinks { get; } = [];

    /// <summary>Every downlink NAS-PDU the AMF sent to this UE, in order; <see cref="DownlinkSignal"/> counts them.</summary>
    public List<byte[]> Downlinks { get; } = [];

    public SemaphoreSlim DownlinkSignal { get; } = new(0);

    /// <summary>The last 5GMM message the UE handled from the network, and the last it sent (plain form).</summary>
    public Nas.Messages.FiveGmmMessage? LastDownlinkMessage { get; set; }

    public Nas.Messages.FiveGmmMessage? LastUplinkMessage { get; set; }

    /// <summary>Called with each uplink before it goes to the AMF; returns the PDUs to actually send (fault injection).</summary>
    public Func<byte[], IEnumerable<byte[]>> Tamper { get; set; } = pdu => [pdu];
}

internal sealed class N1Harness : INasDownlink, IGmmObserver, IAsyncDisposable
{
    public static readonly PlmnId Plmn = new(1, 1, false);

    /// <summary>TS 33.501 C.4.3 / C.4.4 home network private keys (Profile A X25519, Profile B P-256).</summary>
    public static readonly byte[] ProfileAPrivateKey = Convert.FromHexString("c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d");
    public static readonly byte[] ProfileBPrivateKey = Convert.FromHexString("F1AB1074477EBCC7F554EA1C5FC368B1616730155E0041AC447D6301975FECDA");

    private readonly ConcurrentDictionary<long, SimUe> _byRan = new();
    private readonly ConcurrentDictionary<long, SimUe> _byAmf = new();
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _cts = new();
    private long _nextRan;

    public N1Harness(Func<AmfConfiguration, AmfConfiguration>? configure = null, TimeProvider? time = null, Microsoft.Extensions.Logging.ILogger<AmfContext>? log = null)
    {
        var deconcealer = new SuciDeconcealer();
        deconcealer.AddKey(ProtectionScheme.ProfileA, 1, ProfileAPrivateKey);
        deconcealer.AddKey(ProtectionScheme.ProfileB, 2, ProfileBPrivateKey);
        Ausf = new FakeAusf(deconcealer);
        var config = new AmfConfiguration
        {
            Plmn = Plmn,
            TaiList = [new Tai(Plmn, 1)],
            SupportedNssai = [new SNssaiValue(1), new SNssaiValue(1, 0x000001)],
        };
        Amf = new AmfContext(configure?.Invoke(config) ?? config, Ausf, this, time, observer: this, log: log);
    }

    public FakeAusf Ausf { get; }

    public AmfContext Amf { get; }

    public static byte[] K(int i) => Convert.FromHexString($"465B5CE8B199B49FAA5F0A2EE238A6{i & 0xFF:X2}");

    public static readonly byte[] Opc = Convert.FromHexString("E8ED289DEBA952E4283B54E88E6183CA");

    public static string Supi(int i) => $"imsi-00101{i:D10}";

    /// <summary>A UE whose subscriber is provisioned in the AUSF with the same K (unless <paramref name="usimK"/> differs).</summary>
    public SimUe AddUe(int i, ProtectionScheme scheme = ProtectionScheme.Null, byte[]? usimK = null, byte fiveGIa = 0x70, byte fiveGEa = 0xF0, ulong sqnHe = 0,
        bool eapAkaPrime = false)
    {
        Ausf.Add(Supi(i), K(i), Opc, sqnHe, eapAkaPrime);
        var usim = new Usim(Supi(i), usimK ?? K(i), Opc);
        var config = new UeConfig
        {
            Plmn = Plmn,
            Scheme = scheme,
            HomeNetworkPublicKeyId = scheme switch { ProtectionScheme.ProfileA => 1, ProtectionScheme.ProfileB => 2, _ => 0 },
            HomeNetworkPublicKey = scheme switch
            {
                ProtectionScheme.ProfileA => SuciDeconcealer.PublicKey(scheme, ProfileAPrivateKey),
                ProtectionScheme.ProfileB => SuciDeconcealer.PublicKey(scheme, ProfileBPrivateKey),
                _ => ReadOnlyMemory<byte>.Empty,
            },
            FiveGIa = fiveGIa,
            FiveGEa = fiveGEa,
        };
        var ue = new SimUe(Interlocked.Increment(ref _nextRan), new UeNas(config, usim));
        ue.Nas.Trace = (up, m) =>
        {
            if (up)
            {
                ue.LastUplinkMessage = m;
            }
            else
            {
                ue.LastDownlinkMessage = m;
            }
        };
        _byRan[ue.RanUeNgapId] = ue;
        return ue;
    }

    /// <summary>Puts another UE (e.g. with a differently provisioned USIM) under an existing RAN-UE-NGAP-ID.</summary>
    public void Replace(SimUe ue) => _byRan[ue.RanUeNgapId] = ue;

    /// <summary>Replaces UE <paramref name="i"/> by one whose USIM has accepted SEQ 1000 in every IND slot, so the home
    /// network's next vector (SQN 0) is stale and the UE answers with a synchronisation failure.</summary>
    public SimUe ReplaceWithUsimAhead(SimUe ue, int i)
    {
        ArgumentNullException.ThrowIfNull(ue);
        var usimAhead = new Usim(Supi(i), K(i), Opc);
        for (int ind = 0; ind < usimAhead.Policy.ArraySize; ind++)
        {
            usimAhead.AcceptSqn(usimAhead.Policy.Compose(1000, ind));
        }
        var stale = new SimUe(ue.RanUeNgapId, new UeNas(new UeConfig { Plmn = Plmn }, usimAhead));
        Replace(stale);
        return stale;
    }

    /// <summary>Sends the UE's Registration Request as an Initial UE Message and runs its downlink loop.</summary>
    public void Start(SimUe ue) => Start(ue, ue.Nas.StartRegistration());

    public void Start(SimUe ue, byte[] initialNasPdu)
    {
        ue.Uplinks.Add(initialNasPdu);
        lock (_loops)
        {
            ue.AmfUeNgapId = Amf.OnInitialUeMessage(ue.RanUeNgapId, initialNasPdu);
            _byAmf[ue.AmfUeNgapId] = ue;
            _loops.Add(Task.Run(() => RunUeAsync(ue)));
        }
    }

    /// <summary>
    /// A UE in 5GMM-IDLE comes back with a new N2 connection (Initial UE Message) on its existing downlink loop: the
    /// AMF routes it by the 5G-GUTI or 5G-S-TMSI inside to the UE's context, or gives it a new one.
    /// </summary>
    public void Reconnect(SimUe ue, byte[] initialNasPdu)
    {
        ue.Uplinks.Add(initialNasPdu);
        ue.AmfUeNgapId = Amf.OnInitialUeMessage(ue.RanUeNgapId, initialNasPdu);
        _byAmf[ue.AmfUeNgapId] = ue;
    }

    /// <summary>Polls (bounded, so a hang fails instead of blocking CI) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private async Task RunUeAsync(SimUe ue)
    {
        try
        {
            await foreach (var (pdu, final) in ue.Downlink.Reader.ReadAllAsync(_cts.Token))
            {
                if (pdu is null)
                {
                    ue.Done.TrySetResult(final);
                    continue;
                }
                foreach (var up in ue.Nas.OnDownlink(pdu))
                {
                    ue.Uplinks.Add(up);
                    foreach (var sent in ue.Tamper(up))
                    {
                        Amf.OnUplinkNasTransport(ue.AmfUeNgapId, ue.RanUeNgapId, sent);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public ValueTask SendAsync(UeNgapIds ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
    {
        if (_byRan.TryGetValue(ue.RanUeNgapId, out var sim))
        {
            lock (sim.Downlinks)
            {
                sim.Downlinks.Add(nasPdu.ToArray());
            }
            sim.Downlink.Writer.TryWrite((nasPdu.ToArray(), default));
            sim.DownlinkSignal.Release();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(UeNgapIds ue, UeReleaseCause cause, CancellationToken ct)
    {
        if (_byRan.TryGetValue(ue.RanUeNgapId, out var sim))
        {
            // Queued behind the last downlink: the UE reads the reject before the test looks at it.
            sim.Downlink.Writer.TryWrite((null, GmmState.Deregistered));
        }
        return ValueTask.CompletedTask;
    }

    public void StateChanged(long amfUeNgapId, GmmState from, GmmState to)
    {
        if (to is GmmState.Registered or GmmState.Exception && _byAmf.TryGetValue(amfUeNgapId, out var sim))
        {
            sim.Downlink.Writer.TryWrite((null, to));
        }
    }

    /// <summary>Waits (bounded, so a hang fails instead of blocking CI) for the UE's final state.</summary>
    public static Task<GmmState> FinishAsync(SimUe ue) => ue.Done.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await Amf.DisposeAsync();
        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }
        await Task.WhenAll(loops);
        _cts.Dispose();
        Ausf.Dispose();
    }
}
