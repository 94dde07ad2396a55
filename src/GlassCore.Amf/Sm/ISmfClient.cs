// TS 29.502 §5.2.2.2-§5.2.2.4 (Nsmf_PDUSession Create/Update/Release SM Context): the AMF's view of the SMF.
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sm;

/// <summary>
/// What an SMF answered: on success the SM context reference (Create's Location), the user plane state and the N1 SM
/// message / N2 SM information to relay; on failure the ProblemDetails, with the SMF's N1 SM message (a 5GSM reject)
/// when it sent one (SmContextCreateError / SmContextUpdateError).
/// </summary>
public sealed record SmfAnswer(int Status, ProblemDetails? Problem, string? SmContextRef = null, string? UpCnxState = null,
    byte[]? N1SmMsg = null, byte[]? N2SmInfo = null, string? N2SmInfoType = null)
{
    public bool IsOk => Problem is null;

    public static SmfAnswer Failed(ProblemDetails problem, byte[]? n1 = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Status ?? 500, problem, N1SmMsg: n1);
    }
}

/// <summary>
/// Consumer of Nsmf_PDUSession (style anchor #10). The UE's mailbox starts these calls and gets the answer back as an
/// event; it never awaits them inside a handler.
/// </summary>
public interface ISmfClient
{
    /// <summary>POST {apiRoot}/nsmf-pdusession/v1/sm-contexts (SmContextCreateData + the N1 SM message); the SMF is selected here.</summary>
    Task<SmfAnswer> CreateSmContextAsync(SmContextCreateData data, byte[] n1SmMsg, CancellationToken ct);

    /// <summary>POST {smContextRef}/modify with the N1 SM message and/or N2 SM information given.</summary>
    Task<SmfAnswer> UpdateSmContextAsync(string smContextRef, SmContextUpdateData data, byte[]? n1SmMsg, byte[]? n2SmInfo, CancellationToken ct);

    /// <summary>POST {smContextRef}/release.</summary>
    Task<SmfAnswer> ReleaseSmContextAsync(string smContextRef, SmContextReleaseData data, CancellationToken ct);

    /// <summary>TS 29.518 §5.2.2.3.1 (callback): POST the failure notification to the n1n2FailureTxfNotifURI the SMF gave;
    /// true on 204.</summary>
    Task<bool> N1N2TransferFailureNotifyAsync(string uri, N1N2MsgTxfrFailureNotification notification, CancellationToken ct) => Task.FromResult(false);
}
