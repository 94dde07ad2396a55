// TS 38.413 §8.2.1 (PDU Session Resource Setup), §8.2.2 (PDU Session Resource Release), §8.2.3 (PDU Session Resource
// Modify), §8.3.1.2 (the PDU session
// lists of Initial Context Setup Response) and §8.5.1 (Paging): the AMF's NGAP side of PDU sessions. The transfers
// are N2 SM information the AMF relays between the SMF and the RAN without reading them.
using GlassCore.Amf.Sm;
using GlassCore.Nas.Ies;
using GlassCore.Ngap;
using GlassCore.Sbi.Models;
using GlassCore.Sctp;
using Microsoft.Extensions.Logging;
using Tai = GlassCore.Nas.Ies.Tai;

namespace GlassCore.Amf.Ngap;

public sealed partial class AmfNgap
{
    public async ValueTask PduSessionResourceSetupAsync(UeNgapIds ue, IReadOnlyList<N2SmTransfer> sessions, CancellationToken ct)
    {
        if (_ues.TryGetValue(ue.AmfUeNgapId, out var link))
        {
            await SendUeSafeAsync(link, NgapBuild.PduSessionResourceSetupRequest(ue.AmfUeNgapId, link.RanUeNgapId, sessions), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask PduSessionResourceReleaseAsync(UeNgapIds ue, IReadOnlyList<N2SmTransfer> sessions, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
    {
        if (_ues.TryGetValue(ue.AmfUeNgapId, out var link))
        {
            await SendUeSafeAsync(link, NgapBuild.PduSessionResourceReleaseCommand(ue.AmfUeNgapId, link.RanUeNgapId, sessions, nasPdu), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask PduSessionResourceModifyAsync(UeNgapIds ue, IReadOnlyList<N2SmTransfer> sessions, CancellationToken ct)
    {
        if (_ues.TryGetValue(ue.AmfUeNgapId, out var link))
        {
            await SendUeSafeAsync(link, NgapBuild.PduSessionResourceModifyRequest(ue.AmfUeNgapId, link.RanUeNgapId, sessions), ct).ConfigureAwait(false);
        }
    }

    public bool IsConnected(long amfUeNgapId) => _ues.TryGetValue(amfUeNgapId, out var link) && !link.Releasing;

    /// <summary>§8.5.1.2: Paging goes to each gNB (NG Setup done) that supports a TA of the UE's registration area.</summary>
    public async ValueTask<int> PageAsync(FiveGGuti guti, IReadOnlyList<Tai> registrationArea, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registrationArea);
        int paged = 0;
        NgapPdu? paging = null;
        foreach (var gnb in _gnbs.Values)
        {
            if (!gnb.SetupDone || !Serves(gnb, registrationArea))
            {
                continue;
            }
            paging ??= NgapBuild.Paging(guti, registrationArea);
            try
            {
                await SendNonUeAsync(gnb, paging, ct).ConfigureAwait(false);
                paged++;
            }
            catch (Exception ex) when (ex is SctpException or ObjectDisposedException)
            {
                LogSendFailed(_log, gnb.Association.RemoteEndPoint, ex);
            }
        }
        return paged;
    }

    private static bool Serves(GnbContext gnb, IReadOnlyList<Tai> area)
    {
        foreach (var ta in gnb.SupportedTaList)
        {
            if (NgapValues.Tac(ta.Tac) is not uint tac)
            {
                continue;
            }
            foreach (var b in ta.BroadcastPlmnList)
            {
                if (NgapValues.Plmn(b.PlmnIdentity) is { } plmn && area.Contains(new Tai(plmn, tac)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>§8.2.1.2: the Setup Response's per-session transfers go to the SMFs as PDU_RES_SETUP_RSP / PDU_RES_SETUP_FAIL.</summary>
    private async ValueTask HandlePduSessionResourceSetupResponseAsync(GnbContext gnb, SuccessfulOutcome so, PduSessionResourceSetupResponse msg, CancellationToken ct)
    {
        if (await LinkOfAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, so.ProcedureCode, TriggeringMessage.SuccessfulOutcome, ct).ConfigureAwait(false) is null)
        {
            return;
        }
        var items = new List<N2SmResponse>();
        foreach (var i in msg.PduSessionResourceSetupListSuRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResSetupRsp, i.PduSessionResourceSetupResponseTransfer);
        }
        foreach (var i in msg.PduSessionResourceFailedToSetupListSuRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResSetupFail, i.PduSessionResourceSetupUnsuccessfulTransfer);
        }
        Deliver(msg.AmfUeNgapId!.Value, items);
    }

    /// <summary>§8.2.2.2: each released session's Release Response Transfer goes to its SMF as PDU_RES_REL_RSP.</summary>
    private async ValueTask HandlePduSessionResourceReleaseResponseAsync(GnbContext gnb, SuccessfulOutcome so, PduSessionResourceReleaseResponse msg, CancellationToken ct)
    {
        if (await LinkOfAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, so.ProcedureCode, TriggeringMessage.SuccessfulOutcome, ct).ConfigureAwait(false) is null)
        {
            return;
        }
        var items = new List<N2SmResponse>();
        foreach (var i in msg.PduSessionResourceReleasedListRelRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResRelRsp, i.PduSessionResourceReleaseResponseTransfer);
        }
        Deliver(msg.AmfUeNgapId!.Value, items);
    }

    /// <summary>§8.2.3.2: each session's Modify Response / Modify Unsuccessful Transfer goes to its SMF as PDU_RES_MOD_RSP / PDU_RES_MOD_FAIL.</summary>
    private async ValueTask HandlePduSessionResourceModifyResponseAsync(GnbContext gnb, SuccessfulOutcome so, PduSessionResourceModifyResponse msg, CancellationToken ct)
    {
        if (await LinkOfAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, so.ProcedureCode, TriggeringMessage.SuccessfulOutcome, ct).ConfigureAwait(false) is null)
        {
            return;
        }
        var items = new List<N2SmResponse>();
        foreach (var i in msg.PduSessionResourceModifyListModRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResModRsp, i.PduSessionResourceModifyResponseTransfer);
        }
        foreach (var i in msg.PduSessionResourceFailedToModifyListModRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResModFail, i.PduSessionResourceModifyUnsuccessfulTransfer);
        }
        Deliver(msg.AmfUeNgapId!.Value, items);
    }

    /// <summary>§8.3.1.2: the PDU session lists of Initial Context Setup Response (service request reactivation).</summary>
    private void OnInitialContextSetupSessions(InitialContextSetupResponse msg)
    {
        var items = new List<N2SmResponse>();
        foreach (var i in msg.PduSessionResourceSetupListCxtRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResSetupRsp, i.PduSessionResourceSetupResponseTransfer);
        }
        foreach (var i in msg.PduSessionResourceFailedToSetupListCxtRes ?? [])
        {
            Add(items, i.PduSessionId, N2SmInfoTypes.PduResSetupFail, i.PduSessionResourceSetupUnsuccessfulTransfer);
        }
        if (items.Count > 0 && msg.AmfUeNgapId is long amf)
        {
            Deliver(amf, items);
        }
    }

    private static void Add(List<N2SmResponse> items, long psi, string type, byte[] transfer)
    {
        // PDU Session ID is 0..255 in NGAP (§9.3.1.50) but 1..15 in NAS; the UE's task drops IDs it has no session for.
        if (psi is >= 0 and <= 255)
        {
            items.Add(new N2SmResponse((byte)psi, type, transfer));
        }
    }

    private void Deliver(long amfUeNgapId, List<N2SmResponse> items)
    {
        if (items.Count > 0 && !Amf.OnN2SmResponses(amfUeNgapId, items))
        {
            LogN2SmDropped(_log, amfUeNgapId, items.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {Amf}: {Count} N2 SM response(s) dropped (UE gone or mailbox full)")]
    private static partial void LogN2SmDropped(ILogger log, long amf, int count);
}
