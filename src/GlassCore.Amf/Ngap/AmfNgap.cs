// TS 38.413 §8 (NGAP procedures, AMF side), §10 (handling of erroneous data) and TS 38.412 §7 (streams). Style
// anchors #1, #9, #11: one task per gNB association reads its NGAP; UE NAS goes into the UE's own mailbox; every
// error a peer can cause ends in an NGAP answer (Error Indication or a failure message), never in a crash.
using System.Collections.Concurrent;
using GlassCore.Asn1;
using GlassCore.Ngap;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Amf.Ngap;

/// <summary>
/// The AMF's NGAP layer. <see cref="Start"/> binds it to the AMF core and an <see cref="N2Server"/>; one dispatcher
/// hands each association's events to that gNB's task, so a slow or hostile gNB only delays itself. It is also the
/// core's <see cref="INasDownlink"/>: downlink NAS, Initial Context Setup and UE Context Release leave through it.
/// </summary>
public sealed partial class AmfNgap : INasDownlink, IAsyncDisposable
{
    private readonly AmfConfiguration _config;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<long, GnbContext> _gnbs = new();
    private readonly ConcurrentDictionary<long, UeLink> _ues = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _gnbMailboxCapacity;
    private AmfContext? _amf;
    private Task _dispatch = Task.CompletedTask;

    public AmfNgap(AmfConfiguration config, ILogger<AmfNgap>? log = null, int gnbMailboxCapacity = 16384)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _log = log ?? (ILogger)NullLogger.Instance;
        _gnbMailboxCapacity = gnbMailboxCapacity;
    }

    /// <summary>gNBs with an association up (NG Setup done or not).</summary>
    public ICollection<GnbContext> Gnbs => _gnbs.Values;

    /// <summary>UE-associated logical NG connections in place.</summary>
    public int UeConnectionCount => _ues.Count;

    private AmfContext Amf => _amf ?? throw new InvalidOperationException("AmfNgap.Start has not been called");

    /// <summary>Starts reading <paramref name="server"/>'s events into the per-gNB tasks.</summary>
    public void Start(AmfContext amf, N2Server server)
    {
        ArgumentNullException.ThrowIfNull(amf);
        ArgumentNullException.ThrowIfNull(server);
        _amf = amf;
        _dispatch = Task.Run(() => DispatchAsync(server, _stop.Token), CancellationToken.None);
    }

    private async Task DispatchAsync(N2Server server, CancellationToken ct)
    {
        try
        {
            await foreach (var e in server.Events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                switch (e)
                {
                    case N2AssociationUp up:
                        var gnb = new GnbContext(up.Association, _gnbMailboxCapacity);
                        _gnbs[gnb.Id] = gnb;
                        gnb.Completion = Task.Run(() => RunGnbAsync(gnb, ct), CancellationToken.None);
                        break;
                    case N2MessageReceived m when _gnbs.TryGetValue(m.Association.Id, out var g):
                        // Copied: the SCTP layer may reuse the buffer once the event is consumed.
                        var copy = m with { Pdu = m.Pdu.ToArray() };
                        if (!g.Mailbox.Writer.TryWrite(copy))
                        {
                            g.CountDropped();
                            LogGnbMailboxFull(_log, m.Association.RemoteEndPoint);
                        }
                        break;
                    case N2AssociationDown d when _gnbs.TryGetValue(d.Association.Id, out var g):
                        // Never dropped: the gNB's task must learn that its association is gone.
                        await g.Mailbox.Writer.WriteAsync(d, ct).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RunGnbAsync(GnbContext gnb, CancellationToken ct)
    {
        try
        {
            await foreach (var e in gnb.Mailbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (e is N2AssociationDown)
                {
                    AssociationLost(gnb);
                    break;
                }
                if (e is N2MessageReceived m)
                {
                    try
                    {
                        await HandleAsync(gnb, m, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is SctpException or ObjectDisposedException)
                    {
                        // The answer could not be sent: the association is going; its Down event follows.
                        LogSendFailed(_log, gnb.Association.RemoteEndPoint, ex);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A bug in one handler costs that message, not the association or the AMF.
                        LogHandlerFailed(_log, gnb.Association.RemoteEndPoint, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _gnbs.TryRemove(new KeyValuePair<long, GnbContext>(gnb.Id, gnb));
            gnb.Mailbox.Writer.TryComplete();
        }
    }

    /// <summary>The association is gone: every UE-associated connection over it goes too (TS 38.413 §8.7.1.1 note, TS 23.502 §4.2.6).</summary>
    private void AssociationLost(GnbContext gnb)
    {
        AssociationLostUes(gnb);
        LogGnbLost(_log, gnb.Association.RemoteEndPoint, gnb.RanNodeName ?? "");
    }

    // ---- sending ----------------------------------------------------------------------------------------------------

    private static ValueTask SendNonUeAsync(GnbContext gnb, NgapPdu pdu, CancellationToken ct) =>
        gnb.Association.Sctp.SendAsync(Per.Encode(pdu), NgapStreams.NonUeAssociated, N2Constants.NgapPpid, ct);

    private static ValueTask SendUeAsync(GnbContext gnb, long ranUeNgapId, NgapPdu pdu, CancellationToken ct) =>
        gnb.Association.Sctp.SendAsync(Per.Encode(pdu), gnb.StreamFor(ranUeNgapId), N2Constants.NgapPpid, ct);

    /// <summary>Error Indication (§8.7.3) on the UE's stream when the error concerns a UE, else on stream 0.</summary>
    private ValueTask SendErrorIndicationAsync(GnbContext gnb, long? amfUeNgapId, long? ranUeNgapId, Cause? cause, CriticalityDiagnostics? diagnostics, CancellationToken ct)
    {
        LogErrorIndicationSent(_log, gnb.Association.RemoteEndPoint, amfUeNgapId ?? -1, ranUeNgapId ?? -1, new CauseText(cause));
        var pdu = NgapErrorIndication.Build(amfUeNgapId, ranUeNgapId, cause, diagnostics);
        return ranUeNgapId is >= 0 and <= uint.MaxValue ? SendUeAsync(gnb, ranUeNgapId.Value, pdu, ct) : SendNonUeAsync(gnb, pdu, ct);
    }

    // ---- INasDownlink (called from UE tasks) ------------------------------------------------------------------------

    public async ValueTask SendAsync(UeNgapIds ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
    {
        if (!_ues.TryGetValue(ue.AmfUeNgapId, out var link))
        {
            // No N2 connection (CM-IDLE or released): nothing to carry it; the NAS retransmission timer covers it.
            return;
        }
        await SendUeSafeAsync(link, NgapBuild.DownlinkNasTransport(ue.AmfUeNgapId, link.RanUeNgapId, nasPdu), ct).ConfigureAwait(false);
    }

    public async ValueTask InitialContextSetupAsync(UeNgapIds ue, InitialContextSetupInfo info, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
    {
        if (!_ues.TryGetValue(ue.AmfUeNgapId, out var link))
        {
            return;
        }
        await SendUeSafeAsync(link, NgapBuild.InitialContextSetupRequest(_config, ue.AmfUeNgapId, link.RanUeNgapId, info, nasPdu), ct).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(UeNgapIds ue, UeReleaseCause cause, CancellationToken ct)
    {
        if (!_ues.TryGetValue(ue.AmfUeNgapId, out var link) || link.Releasing)
        {
            return;
        }
        link.Releasing = true;
        var nas = cause switch
        {
            UeReleaseCause.AuthenticationFailure => CauseNas.AuthenticationFailure,
            UeReleaseCause.Deregister => CauseNas.Deregister,
            _ => CauseNas.NormalRelease,
        };
        await SendUeSafeAsync(link, NgapBuild.UeContextReleaseCommand(ue.AmfUeNgapId, link.RanUeNgapId, NgapBuild.Cause(nas)), ct).ConfigureAwait(false);
    }

    /// <summary>A UE task's send: a gNB that went away is not the UE task's failure (its Down event cleans up).</summary>
    private async ValueTask SendUeSafeAsync(UeLink link, NgapPdu pdu, CancellationToken ct)
    {
        try
        {
            await SendUeAsync(link.Gnb, link.RanUeNgapId, pdu, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SctpException or ObjectDisposedException)
        {
            LogSendFailed(_log, link.Gnb.Association.RemoteEndPoint, ex);
        }
    }

    /// <summary>
    /// TS 38.413 §8.7.6: sends AMF Configuration Update (the current name, GUAMI, capacity and PLMN support) to
    /// every gNB that completed NG Setup; returns how many it went to. The acknowledgements are logged as they come.
    /// </summary>
    public async Task<int> SendAmfConfigurationUpdateAsync(CancellationToken ct)
    {
        int sent = 0;
        foreach (var gnb in _gnbs.Values.Where(g => g.SetupDone))
        {
            try
            {
                await SendNonUeAsync(gnb, NgapBuild.AmfConfigurationUpdate(_config), ct).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is SctpException or ObjectDisposedException)
            {
                LogSendFailed(_log, gnb.Association.RemoteEndPoint, ex);
            }
        }
        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _dispatch.ConfigureAwait(false);
        await Task.WhenAll(_gnbs.Values.Select(g => g.Completion)).ConfigureAwait(false);
        _stop.Dispose();
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "gNB {Peer}: mailbox full, NGAP message dropped")]
    private static partial void LogGnbMailboxFull(ILogger log, System.Net.IPEndPoint peer);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: send failed")]
    private static partial void LogSendFailed(ILogger log, System.Net.IPEndPoint peer, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "gNB {Peer}: handling an NGAP message failed")]
    private static partial void LogHandlerFailed(ILogger log, System.Net.IPEndPoint peer, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer} ({Name}): association lost, its UE connections released")]
    private static partial void LogGnbLost(ILogger log, System.Net.IPEndPoint peer, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: Error Indication sent (AMF-UE-NGAP-ID {Amf}, RAN-UE-NGAP-ID {Ran}, cause {Cause})")]
    private static partial void LogErrorIndicationSent(ILogger log, System.Net.IPEndPoint peer, long amf, long ran, CauseText cause);
}
