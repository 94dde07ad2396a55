// TS 38.413 §8.7.1 (NG Setup), §8.6 (NAS transport), §8.3 (Initial Context Setup, UE Context Release), §8.2 (PDU session
// resources), §8.5.1 (Paging) for a fleet:
// N simulated gNBs (SimGnb) that UEs are spread over; each UE's NG connection gets its downlinks pumped into its SimUe.
using System.Net;
using GlassCore.Asn1;
using GlassCore.Sctp;

namespace GlassCore.Sim;

/// <summary>The gNBs of a simulation. Connect with <see cref="ConnectAsync"/>, then <see cref="Place"/> the UEs.</summary>
public sealed class GnbFleet : IAsyncDisposable
{
    private readonly List<SimGnb> _gnbs = [];
    private readonly List<GnbRadio> _radios = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<LadderEntry>? _ladder;
    private readonly List<Task> _pagers = [];
    private IReadOnlyList<SimUe> _ues = [];

    private GnbFleet(Action<LadderEntry>? ladder) => _ladder = ladder;

    public int Count => _gnbs.Count;

    /// <summary>The gNBs' N3 side (null: no PDU sessions).</summary>
    public SimUserPlane? UserPlane { get; private init; }

    /// <summary>How long a Service Request answering paging may take.</summary>
    public TimeSpan PagingAnswerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<SimGnb> Gnbs => _gnbs;

    /// <summary>Starts <paramref name="count"/> gNBs (gNB-IDs 1..count) and runs NG Setup on each; throws if one is refused.</summary>
    public static async Task<GnbFleet> ConnectAsync(SctpTransport transport, IPEndPoint amf, int count, SimGnbConfig template, Action<LadderEntry>? ladder,
        TimeSpan timeout, CancellationToken ct, SimUserPlane? userPlane = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var fleet = new GnbFleet(ladder) { UserPlane = userPlane };
        try
        {
            for (int i = 0; i < count; i++)
            {
                var gnb = new SimGnb(transport, amf, template with { GnbId = template.GnbId + (uint)i, Name = $"{template.Name}-{i + 1}" }, userPlane: userPlane);
                fleet._gnbs.Add(gnb);
                ladder?.Invoke(new LadderEntry(-1, true, "NGSetupRequest", null));
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(timeout);
                NgSetupOutcome outcome;
                try
                {
                    outcome = await gnb.StartAsync(limit.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new TimeoutException($"no NG Setup answer from {amf} within {timeout.TotalSeconds:F0} s");
                }
                ladder?.Invoke(new LadderEntry(-1, false, outcome.Accepted ? "NGSetupResponse" : "NGSetupFailure", null));
                if (!outcome.Accepted)
                {
                    throw new InvalidOperationException($"NG Setup refused: {outcome.Failure?.Cause}");
                }
                fleet._radios.Add(new GnbRadio(gnb, fleet._stop.Token));
                fleet._pagers.Add(Task.Run(() => fleet.AnswerPagingAsync(gnb), CancellationToken.None));
            }
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Round-robin: UE i is served by gNB i mod N.</summary>
    public void Place(IReadOnlyList<SimUe> ues)
    {
        ArgumentNullException.ThrowIfNull(ues);
        _ues = ues;
        for (int i = 0; i < ues.Count; i++)
        {
            ues[i].Radio = _radios[i % _radios.Count];
            if (_ladder is not null)
            {
                ues[i].Ladder = _ladder;
            }
        }
    }

    /// <summary>§5.6.1.2 / TS 38.413 §8.5.1: a paged UE in 5GMM-IDLE answers with a Service Request, service type
    /// "mobile terminated services".</summary>
    private async Task AnswerPagingAsync(SimGnb gnb)
    {
        try
        {
            await foreach (Ngap.FiveGSTmsi tmsi in gnb.Pagings.ReadAllAsync(_stop.Token))
            {
                if (tmsi.FiveGTmsi.Length != 4)
                {
                    continue;
                }
                uint paged = (uint)(tmsi.FiveGTmsi[0] << 24 | tmsi.FiveGTmsi[1] << 16 | tmsi.FiveGTmsi[2] << 8 | tmsi.FiveGTmsi[3]);
                SimUe? ue = _ues.FirstOrDefault(u => u.Nas.Guti is { } g && g.Tmsi == paged && ReferenceEquals(u.Radio, _radios[_gnbs.IndexOf(gnb)]));
                if (ue is null)
                {
                    continue;
                }
                ue.NotePaged();
                ue.Note(false, "Paging");
                if (!ue.Connected && ue.Nas.State == UeGmmState.Registered)
                {
                    _ = ue.ServiceRequestAsync(2, PagingAnswerTimeout, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (SimGnb g in _gnbs)
        {
            await g.DisposeAsync();
        }
        await Task.WhenAll(_pagers);
        _stop.Dispose();
    }

    /// <summary>One gNB as the UEs see it. A UE's NG connection lives from its Initial UE Message to its release.</summary>
    private sealed class GnbRadio(SimGnb gnb, CancellationToken stop) : IUeRadio
    {
        public async ValueTask SendInitialUeMessageAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
        {
            SimGnbUe connection = gnb.NewUe();
            ue.Connection = connection;
            ue.RanUeNgapId = connection.RanUeNgapId;
            _ = Task.Run(() => PumpAsync(ue, connection), CancellationToken.None);
            // §8.6.1: a Service Request from 5GMM-IDLE comes with the 5G-S-TMSI the RRC connection was set up with.
            Ngap.FiveGSTmsi? sTmsi = ue.Nas.State == UeGmmState.ServiceRequestInitiated && ue.Nas.Guti is { } g
                ? new Ngap.FiveGSTmsi
                {
                    AmfSetId = BitString.FromUInt64(g.AmfSetId, 10),
                    AmfPointer = BitString.FromUInt64(g.AmfPointer, 6),
                    FiveGTmsi = [(byte)(g.Tmsi >> 24), (byte)(g.Tmsi >> 16), (byte)(g.Tmsi >> 8), (byte)g.Tmsi],
                }
                : null;
            await gnb.SendInitialUeMessageAsync(connection, nasPdu, ct, sTmsi);
        }

        public ValueTask SendUplinkNasAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct) =>
            ue.Connection is SimGnbUe c ? gnb.SendUplinkNasAsync(c, nasPdu, ct) : throw new InvalidOperationException("the UE has no NG connection");

        public ValueTask SendGarbageNgapAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) => gnb.SendRawAsync(bytes, 0, ct);

        public ValueTask RequestReleaseAsync(SimUe ue, CancellationToken ct) =>
            ue.Connection is SimGnbUe c ? gnb.SendUeContextReleaseRequestAsync(c, ct) : ValueTask.CompletedTask;

        private async Task PumpAsync(SimUe ue, SimGnbUe connection)
        {
            try
            {
                await foreach (SimGnbUeEvent e in connection.Events.Reader.ReadAllAsync(stop))
                {
                    ue.AmfUeNgapId = connection.AmfUeNgapId ?? -1;
                    switch (e)
                    {
                        case SimDownlinkNas { InInitialContextSetup: true } d:
                            ue.OnContextSetup();
                            await ue.OnDownlinkNasAsync(d.Pdu, "InitialContextSetupRequest", stop, "InitialContextSetupResponse");
                            break;
                        case SimDownlinkNas d:
                            await ue.OnDownlinkNasAsync(d.Pdu, d.Procedure ?? "DownlinkNASTransport", stop, d.Procedure switch
                            {
                                "PDUSessionResourceSetupRequest" => "PDUSessionResourceSetupResponse",
                                "PDUSessionResourceModifyRequest" => "PDUSessionResourceModifyResponse",
                                "PDUSessionResourceReleaseCommand" => "PDUSessionResourceReleaseResponse",
                                _ => null,
                            });
                            break;
                        case SimPduSessionsSetUp setUp:
                            ue.OnPduSessionsSetUp(setUp.Sessions, gnb.UserPlane);
                            break;
                        case SimPduSessionsReleased released:
                            ue.OnPduSessionsReleased(released.PduSessionIds);
                            break;
                        case SimUeErrorIndication:
                            ue.Note(false, "ErrorIndication");
                            break;
                        case SimUeReleased:
                            ue.Note(false, "UEContextReleaseCommand");
                            ue.Note(true, "UEContextReleaseComplete");
                            if (ReferenceEquals(ue.Connection, connection))
                            {
                                ue.OnContextReleased();
                            }
                            return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is SctpException or InvalidOperationException)
            {
                // The association went away under this UE; the procedure ends by its own timeout.
            }
        }
    }
}
