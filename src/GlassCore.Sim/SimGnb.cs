// TS 38.413 §8 (gNB side of NG Setup, NAS transport, Initial Context Setup, UE Context Release, PDU Session Resource
// Setup/Modify/Release, Paging) over TS 38.412 §7:
// a small simulated gNB. One task reads its association; each UE gets its downlink as events on its own channel.
using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using GlassCore.Asn1;
using GlassCore.Ngap;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sim;

/// <summary>Something the AMF sent about one UE.</summary>
public abstract record SimGnbUeEvent;

/// <summary>A NAS-PDU from Downlink NAS Transport, or the one inside Initial Context Setup Request or another UE-associated
/// request (<paramref name="Procedure"/> names it for ladders; null = Downlink NAS Transport or Initial Context Setup).</summary>
public sealed record SimDownlinkNas(byte[] Pdu, bool InInitialContextSetup, string? Procedure = null) : SimGnbUeEvent;

/// <summary>PDU session resources the gNB set up for this UE (§8.2.1, or within Initial Context Setup, §8.3.1): each
/// session's N3 tunnels. Comes before the NAS-PDUs of the same request.</summary>
public sealed record SimPduSessionsSetUp(IReadOnlyList<(long PduSessionId, SimTunnel Tunnel)> Sessions) : SimGnbUeEvent;

/// <summary>PDU session resources released by a PDU Session Resource Release Command (§8.2.2, already answered).</summary>
public sealed record SimPduSessionsReleased(IReadOnlyList<long> PduSessionIds) : SimGnbUeEvent;

/// <summary>UE Context Release Command (already answered with Release Complete).</summary>
public sealed record SimUeReleased(Cause Cause) : SimGnbUeEvent;

/// <summary>An Error Indication naming this UE.</summary>
public sealed record SimUeErrorIndication(Cause? Cause) : SimGnbUeEvent;

/// <summary>One UE-associated logical NG connection of the simulated gNB.</summary>
public sealed class SimGnbUe
{
    internal SimGnbUe(long ranUeNgapId) => RanUeNgapId = ranUeNgapId;

    public long RanUeNgapId { get; }

    /// <summary>Learnt from the AMF's first message for this UE.</summary>
    public long? AmfUeNgapId { get; internal set; }

    /// <summary>The Initial Context Setup Request the AMF sent (K_gNB, security capabilities, allowed NSSAI), if any.</summary>
    public InitialContextSetupRequest? ContextSetup { get; internal set; }

    /// <summary>The PDU session resources this connection holds (PDU session ID → its N3 tunnels).</summary>
    public ConcurrentDictionary<long, SimTunnel> Sessions { get; } = new();

    public Channel<SimGnbUeEvent> Events { get; } = Channel.CreateUnbounded<SimGnbUeEvent>(new UnboundedChannelOptions { SingleReader = true });
}

/// <summary>How NG Setup went.</summary>
public sealed record NgSetupOutcome(NgSetupResponse? Response, NgSetupFailure? Failure)
{
    public bool Accepted => Response is not null;
}

/// <summary>
/// A gNB that connects to an AMF (<see cref="N2Client"/>), does NG Setup, and carries its UEs' NAS. It answers
/// Initial Context Setup and UE Context Release by itself, like a RAN with radio always available.
/// </summary>
public sealed class SimGnb : IAsyncDisposable
{
    private readonly N2Client _client;
    private readonly ConcurrentDictionary<long, SimGnbUe> _ues = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<NgapPdu> _nonUe = Channel.CreateUnbounded<NgapPdu>();
    private readonly Channel<FiveGSTmsi> _pagings = Channel.CreateUnbounded<FiveGSTmsi>();
    private TaskCompletionSource<N2Association> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<NgSetupOutcome> _setup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private Task _read = Task.CompletedTask;
    private long _nextRan;
    private int _disposed;

    public SimGnb(SctpTransport transport, IPEndPoint amf, SimGnbConfig config, ILogger? log = null, SimUserPlane? userPlane = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        UserPlane = userPlane;
        _client = new N2Client(transport, new N2Options { AmfAddress = amf, ReconnectInitialDelay = TimeSpan.FromMilliseconds(100) }, log);
    }

    public SimGnbConfig Config { get; }

    /// <summary>The N3 side for PDU sessions; without one every PDU session resource setup fails (radio network: unspecified).</summary>
    public SimUserPlane? UserPlane { get; }

    /// <summary>Paging messages (§8.5.1) for a UE this gNB has no connection with: the 5G-S-TMSI's 5G-TMSI, AMF set and pointer.</summary>
    public ChannelReader<FiveGSTmsi> Pagings => _pagings.Reader;

    /// <summary>Non-UE-associated PDUs from the AMF other than NG Setup's answer (Error Indication, NG Reset Acknowledge, …).</summary>
    public ChannelReader<NgapPdu> NonUeMessages => _nonUe.Reader;

    /// <summary>Undecodable PDUs received from the AMF (should stay 0).</summary>
    public int UndecodableReceived { get; private set; }

    /// <summary>Connects and runs NG Setup; returns the AMF's answer.</summary>
    public async Task<NgSetupOutcome> StartAsync(CancellationToken ct)
    {
        _run = _client.RunAsync(_stop.Token);
        _read = Task.Run(() => ReadAsync(_stop.Token), CancellationToken.None);
        var association = await _up.Task.WaitAsync(ct).ConfigureAwait(false);
        await association.SendNonUeAsync(Per.Encode(SimGnbBuild.NgSetupRequest(Config)), ct).ConfigureAwait(false);
        return await _setup.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends NG Setup again on the current association (e.g. after a failure) and waits for the answer.</summary>
    public async Task<NgSetupOutcome> RepeatNgSetupAsync(CancellationToken ct)
    {
        _setup = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendNonUeAsync(SimGnbBuild.NgSetupRequest(Config), ct).ConfigureAwait(false);
        return await _setup.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private N2Association Association => _client.Current ?? throw new SctpException("the gNB has no association with the AMF");

    /// <summary>A new UE-associated connection with a fresh RAN-UE-NGAP-ID.</summary>
    public SimGnbUe NewUe()
    {
        var ue = new SimGnbUe(Interlocked.Increment(ref _nextRan));
        _ues[ue.RanUeNgapId] = ue;
        return ue;
    }

    public ValueTask SendInitialUeMessageAsync(SimGnbUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct, FiveGSTmsi? sTmsi = null)
    {
        ArgumentNullException.ThrowIfNull(ue);
        return SendUeAsync(ue.RanUeNgapId, SimGnbBuild.InitialUeMessage(Config, ue.RanUeNgapId, nasPdu, sTmsi: sTmsi), ct);
    }

    public ValueTask SendUplinkNasAsync(SimGnbUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ue);
        long amf = ue.AmfUeNgapId ?? throw new InvalidOperationException("the AMF has not named this UE yet");
        return SendUeAsync(ue.RanUeNgapId, SimGnbBuild.UplinkNasTransport(Config, amf, ue.RanUeNgapId, nasPdu), ct);
    }

    public ValueTask SendUeContextReleaseRequestAsync(SimGnbUe ue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ue);
        long amf = ue.AmfUeNgapId ?? throw new InvalidOperationException("the AMF has not named this UE yet");
        return SendUeAsync(ue.RanUeNgapId, SimGnbBuild.UeContextReleaseRequest(amf, ue.RanUeNgapId, new Cause.RadioNetwork { Value = CauseRadioNetwork.UserInactivity }), ct);
    }

    public ValueTask SendNonUeAsync(NgapPdu pdu, CancellationToken ct) => Association.SendNonUeAsync(Per.Encode(pdu), ct);

    /// <summary>Any bytes as an NGAP message on <paramref name="stream"/> (fault injection: garbage NGAP).</summary>
    public ValueTask SendRawAsync(ReadOnlyMemory<byte> bytes, ushort stream, CancellationToken ct) =>
        Association.Sctp.SendAsync(bytes, stream, N2Constants.NgapPpid, ct);

    private ValueTask SendUeAsync(long ranUeNgapId, NgapPdu pdu, CancellationToken ct)
    {
        var association = Association;
        return association.Sctp.SendAsync(Per.Encode(pdu), NgapStreams.Select(true, ranUeNgapId, association.Sctp.OutboundStreams), N2Constants.NgapPpid, ct);
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in _client.Events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                switch (e)
                {
                    case N2AssociationUp up:
                        _up.TrySetResult(up.Association);
                        break;
                    case N2AssociationDown:
                        _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
                        foreach (var ue in _ues.Values)
                        {
                            ue.Events.Writer.TryWrite(new SimUeReleased(new Cause.Transport { Value = CauseTransport.TransportResourceUnavailable }));
                        }
                        _ues.Clear();
                        break;
                    case N2MessageReceived m:
                        try
                        {
                            await HandleAsync(m, ct).ConfigureAwait(false);
                        }
                        catch (SctpException)
                        {
                            // The association went while answering; its Down event follows.
                        }
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async ValueTask HandleAsync(N2MessageReceived m, CancellationToken ct)
    {
        if (!Per.TryDecode<NgapPdu>(m.Pdu.Span, out var pdu, out _))
        {
            UndecodableReceived++;
            return;
        }
        if (!Config.AnswerSessionProcedures && pdu is NgapPdu.InitiatingMessage
            {
                Value.Value: InitiatingMessageValue.PduSessionResourceSetup or InitiatingMessageValue.PduSessionResourceModify
                    or InitiatingMessageValue.PduSessionResourceRelease or InitiatingMessageValue.Paging,
            })
        {
            _nonUe.Writer.TryWrite(pdu);
            return;
        }
        switch (pdu)
        {
            case NgapPdu.SuccessfulOutcome { Value.Value: SuccessfulOutcomeValue.NgSetup r }:
                _setup.TrySetResult(new NgSetupOutcome(r.Value, null));
                return;
            case NgapPdu.UnsuccessfulOutcome { Value.Value: UnsuccessfulOutcomeValue.NgSetup f }:
                _setup.TrySetResult(new NgSetupOutcome(null, f.Value));
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.DownlinkNasTransport d }:
                if (Ue(d.Value.RanUeNgapId, d.Value.AmfUeNgapId) is { } ue && d.Value.NasPdu is { } nas)
                {
                    ue.Events.Writer.TryWrite(new SimDownlinkNas(nas, false));
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.InitialContextSetup ics }:
                if (Ue(ics.Value.RanUeNgapId, ics.Value.AmfUeNgapId) is { } icsUe)
                {
                    icsUe.ContextSetup = ics.Value;
                    // §8.3.1.2: PDU sessions in the request (e.g. re-activated by a Service Request) are set up with the context.
                    var items = ics.Value.PduSessionResourceSetupListCxtReq?.Select(i => new SetupItem(i.PduSessionId, i.PduSessionResourceSetupRequestTransfer, i.NasPdu)).ToList();
                    var (results, tunnels) = items is null ? ([], []) : SetUpSessions(icsUe, items);
                    if (tunnels.Count > 0)
                    {
                        icsUe.Events.Writer.TryWrite(new SimPduSessionsSetUp(tunnels));
                    }
                    await SendUeAsync(icsUe.RanUeNgapId, SimGnbBuild.InitialContextSetupResponse(icsUe.AmfUeNgapId!.Value, icsUe.RanUeNgapId, results), ct).ConfigureAwait(false);
                    if (ics.Value.NasPdu is { } icsNas)
                    {
                        icsUe.Events.Writer.TryWrite(new SimDownlinkNas(icsNas, true));
                    }
                    foreach (var item in items ?? [])
                    {
                        if (item.Nas is { } itemNas)
                        {
                            icsUe.Events.Writer.TryWrite(new SimDownlinkNas(itemNas, false, "InitialContextSetupRequest"));
                        }
                    }
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.PduSessionResourceSetup setup }:
                if (Ue(setup.Value.RanUeNgapId, setup.Value.AmfUeNgapId) is { } setupUe)
                {
                    var items = setup.Value.PduSessionResourceSetupListSuReq?.Select(i => new SetupItem(i.PduSessionId, i.PduSessionResourceSetupRequestTransfer, i.PduSessionNasPdu)).ToList() ?? [];
                    var (results, tunnels) = SetUpSessions(setupUe, items);
                    if (tunnels.Count > 0)
                    {
                        setupUe.Events.Writer.TryWrite(new SimPduSessionsSetUp(tunnels));
                    }
                    // §8.2.1.2: the NAS-PDUs go to the UE; the response reports what the gNB set up.
                    if (setup.Value.NasPdu is { } setupNas)
                    {
                        setupUe.Events.Writer.TryWrite(new SimDownlinkNas(setupNas, false, "PDUSessionResourceSetupRequest"));
                    }
                    foreach (var item in items)
                    {
                        if (item.Nas is { } itemNas)
                        {
                            setupUe.Events.Writer.TryWrite(new SimDownlinkNas(itemNas, false, "PDUSessionResourceSetupRequest"));
                        }
                    }
                    await SendUeAsync(setupUe.RanUeNgapId, SimGnbBuild.PduSessionResourceSetupResponse(setupUe.AmfUeNgapId!.Value, setupUe.RanUeNgapId, results), ct).ConfigureAwait(false);
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.PduSessionResourceModify modify }:
                if (Ue(modify.Value.RanUeNgapId, modify.Value.AmfUeNgapId) is { } modifyUe)
                {
                    // §8.2.3.2: apply each session's new QoS (the tunnels stay), pass the NAS-PDUs on and report what was modified;
                    // a session this connection has no resources for, or a transfer that does not decode, fails with its cause.
                    var modified = new List<PduSessionSetupResult>();
                    foreach (var item in modify.Value.PduSessionResourceModifyListModReq ?? [])
                    {
                        Cause? failure = null;
                        if (!modifyUe.Sessions.TryGetValue(item.PduSessionId, out var tunnel))
                        {
                            failure = new Cause.RadioNetwork { Value = CauseRadioNetwork.UnknownPduSessionId };
                        }
                        else if (!Per.TryDecode<PduSessionResourceModifyRequestTransfer>(item.PduSessionResourceModifyRequestTransfer, out _, out _))
                        {
                            failure = new Cause.Protocol { Value = CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage };
                        }
                        modified.Add(failure is null
                            ? new PduSessionSetupResult(item.PduSessionId, true, SimGnbBuild.ModifyResponseTransfer(tunnel!.QosFlows))
                            : new PduSessionSetupResult(item.PduSessionId, false, SimGnbBuild.ModifyUnsuccessfulTransfer(failure)));
                        if (item.NasPdu is { } modNas)
                        {
                            modifyUe.Events.Writer.TryWrite(new SimDownlinkNas(modNas, false, "PDUSessionResourceModifyRequest"));
                        }
                    }
                    await SendUeAsync(modifyUe.RanUeNgapId, SimGnbBuild.PduSessionResourceModifyResponse(modifyUe.AmfUeNgapId!.Value, modifyUe.RanUeNgapId, modified), ct).ConfigureAwait(false);
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.PduSessionResourceRelease release }:
                if (Ue(release.Value.RanUeNgapId, release.Value.AmfUeNgapId) is { } releaseUe)
                {
                    // §8.2.2.2: release each listed session's resources, pass the NAS-PDU on and confirm.
                    var released = new List<long>();
                    foreach (var item in release.Value.PduSessionResourceToReleaseListRelCmd ?? [])
                    {
                        if (releaseUe.Sessions.TryRemove(item.PduSessionId, out var tunnel))
                        {
                            UserPlane?.Remove(tunnel, sessionReleased: true);
                        }
                        released.Add(item.PduSessionId);
                    }
                    releaseUe.Events.Writer.TryWrite(new SimPduSessionsReleased(released));
                    if (release.Value.NasPdu is { } releaseNas)
                    {
                        releaseUe.Events.Writer.TryWrite(new SimDownlinkNas(releaseNas, false, "PDUSessionResourceReleaseCommand"));
                    }
                    await SendUeAsync(releaseUe.RanUeNgapId, SimGnbBuild.PduSessionResourceReleaseResponse(releaseUe.AmfUeNgapId!.Value, releaseUe.RanUeNgapId, released), ct).ConfigureAwait(false);
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.Paging paging }:
                // §8.5.1.2: the gNB pages in its cells; the simulated UE with that 5G-S-TMSI answers with a Service Request.
                if (paging.Value.UePagingIdentity is UePagingIdentity.FiveGSTmsi { Value: { } pagedTmsi })
                {
                    _pagings.Writer.TryWrite(pagedTmsi);
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.UeContextRelease rel }:
                var (amf, ran) = rel.Value.UeNgapIDs switch
                {
                    UeNgapIDs.UeNgapIdPair p => (p.Value.AmfUeNgapId, (long?)p.Value.RanUeNgapId),
                    UeNgapIDs.AmfUeNgapId a => (a.Value, _ues.Values.FirstOrDefault(u => u.AmfUeNgapId == a.Value)?.RanUeNgapId),
                    _ => (-1L, null),
                };
                if (ran is long r2 && _ues.TryRemove(r2, out var relUe))
                {
                    // §8.3.3.2: the UE's radio and N3 resources go with its context; the sessions stay in the core, deactivated.
                    foreach (var tunnel in relUe.Sessions.Values)
                    {
                        UserPlane?.Remove(tunnel, sessionReleased: false);
                    }
                    relUe.Sessions.Clear();
                    await SendUeAsync(r2, SimGnbBuild.UeContextReleaseComplete(amf, r2), ct).ConfigureAwait(false);
                    relUe.Events.Writer.TryWrite(new SimUeReleased(rel.Value.Cause ?? new Cause.Misc { Value = CauseMisc.Unspecified }));
                }
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.ErrorIndication ei }:
                if (ei.Value.RanUeNgapId is long eRan && _ues.TryGetValue(eRan, out var eUe))
                {
                    eUe.Events.Writer.TryWrite(new SimUeErrorIndication(ei.Value.Cause));
                }
                _nonUe.Writer.TryWrite(pdu);
                return;
            case NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.AmfConfigurationUpdate }:
                await SendNonUeAsync(SimGnbBuild.AmfConfigurationUpdateAcknowledge(), ct).ConfigureAwait(false);
                _nonUe.Writer.TryWrite(pdu);
                return;
            default:
                _nonUe.Writer.TryWrite(pdu);
                return;
        }
    }

    private readonly record struct SetupItem(long PduSessionId, byte[] Transfer, byte[]? Nas);

    /// <summary>
    /// §8.2.1.2 / §9.3.4.1: for each session, read the UL NG-U tunnel and QoS flows from its Setup Request Transfer, give it a
    /// DL TEID on this gNB's N3 and answer with a Setup Response Transfer; a transfer that does not decode, a PDU session ID
    /// already in use, or no user plane gives an Unsuccessful Transfer with the cause.
    /// </summary>
    private (List<PduSessionSetupResult> Results, List<(long, SimTunnel)> Tunnels) SetUpSessions(SimGnbUe ue, List<SetupItem> items)
    {
        var results = new List<PduSessionSetupResult>();
        var tunnels = new List<(long, SimTunnel)>();
        foreach (var item in items)
        {
            Cause? failure = null;
            if (UserPlane is null)
            {
                failure = new Cause.RadioNetwork { Value = CauseRadioNetwork.Unspecified };
            }
            else if (ue.Sessions.ContainsKey(item.PduSessionId) || items.Count(i => i.PduSessionId == item.PduSessionId) > 1)
            {
                failure = new Cause.RadioNetwork { Value = CauseRadioNetwork.MultiplePduSessionIdInstances };
            }
            else if (!Per.TryDecode<PduSessionResourceSetupRequestTransfer>(item.Transfer, out var transfer, out _)
                || !UpTransportLayer.TryReadGtpTunnel(transfer.UlNguUpTnlInformation, out IPAddress? upf, out uint ulTeid, out _)
                || transfer.QosFlowSetupRequestList is not { Length: > 0 } flows)
            {
                failure = new Cause.Protocol { Value = CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage };
            }
            else
            {
                long[] qfis = [.. flows.Select(f => f.QosFlowIdentifier)];
                SimTunnel tunnel = UserPlane.Add(new IPEndPoint(upf, SimUserPlane.GtpUPort), ulTeid, qfis);
                ue.Sessions[item.PduSessionId] = tunnel;
                tunnels.Add((item.PduSessionId, tunnel));
                results.Add(new PduSessionSetupResult(item.PduSessionId, true, SimGnbBuild.SetupResponseTransfer(UserPlane.N3.Address, tunnel.DlTeid, qfis)));
                continue;
            }
            results.Add(new PduSessionSetupResult(item.PduSessionId, false, SimGnbBuild.SetupUnsuccessfulTransfer(failure)));
        }
        return (results, tunnels);
    }

    /// <summary>The UE a message names; the AMF's ID is learnt on first sight.</summary>
    private SimGnbUe? Ue(long? ran, long? amf)
    {
        if (ran is not long r || !_ues.TryGetValue(r, out var ue))
        {
            return null;
        }
        ue.AmfUeNgapId ??= amf;
        return ue;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        await _read.ConfigureAwait(false);
        _stop.Dispose();
    }
}
