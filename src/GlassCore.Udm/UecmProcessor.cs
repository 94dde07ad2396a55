// TS 29.503 §5.3 Nudm_UEContextManagement: Registration of the AMF for 3GPP access (PUT amf-3gpp-access), its Update
// (PATCH: the AMF's purge, §5.3.2.4) and Get.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Udm;

public sealed class UecmProcessor(UdrClient udr)
{
    public async Task<Result<Amf3GppAccessRegistration>> RegisterAmf3GppAccessAsync(string ueId, Amf3GppAccessRegistration reg, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reg);
        if (!ueId.StartsWith("imsi-", StringComparison.Ordinal))
        {
            return Problems.MandatoryIeIncorrect("ueId must be a SUPI", "ueId");
        }
        if (!Uri.TryCreate(reg.DeregCallbackUri, UriKind.Absolute, out _))
        {
            return Problems.MandatoryIeIncorrect("deregCallbackUri must be an absolute URI", "/deregCallbackUri");
        }
        Result<Amf3GppAccessRegistration> r = await udr.PutAmf3GppAccessAsync(ueId, reg, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return r.Problem!.Status == 404 ? Problems.UserNotFound("no subscriber " + ueId) : r.Problem!;
        }
        // TS 29.503 §5.3.2.2.2: 201 with the registration for a new one, 200 when an existing one is replaced.
        return r.Status == 201
            ? Result<Amf3GppAccessRegistration>.Created(reg, $"/nudm-uecm/v1/{ueId}/registrations/amf-3gpp-access")
            : Result<Amf3GppAccessRegistration>.Ok(reg);
    }

    public async Task<Result<Amf3GppAccessRegistration>> GetAmf3GppAccessAsync(string ueId, CancellationToken ct)
    {
        Result<Amf3GppAccessRegistration> r = await udr.GetAmf3GppAccessAsync(ueId, ct).ConfigureAwait(false);
        return r.IsOk ? r : r.Problem!.Status == 404 && r.Problem.Cause == "USER_NOT_FOUND" ? Problems.UserNotFound("no subscriber " + ueId) : r.Problem!;
    }

    /// <summary>
    /// TS 29.503 §5.3.2.4.2: the registered AMF updates its registration; with purgeFlag true it has de-registered
    /// the UE and deleted its context. Only the AMF that holds the registration may (same GUAMI, else 403 INVALID_GUAMI).
    /// </summary>
    public async Task<Result<Amf3GppAccessRegistration>> UpdateAmf3GppAccessAsync(string ueId, Amf3GppAccessRegistrationModification modification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(modification);
        Result<Amf3GppAccessRegistration> current = await GetAmf3GppAccessAsync(ueId, ct).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return current.Problem!;
        }
        Amf3GppAccessRegistration reg = current.Value!;
        if (modification.Guami is not { } g || g.AmfId != reg.Guami.AmfId || g.PlmnId.Mcc != reg.Guami.PlmnId.Mcc || g.PlmnId.Mnc != reg.Guami.PlmnId.Mnc)
        {
            return Problems.Make(403, "INVALID_GUAMI", "the GUAMI is not the registered AMF's", "/guami");
        }
        reg.PurgeFlag = modification.PurgeFlag ?? reg.PurgeFlag;
        reg.Pei = modification.Pei ?? reg.Pei;
        Result<Amf3GppAccessRegistration> r = await udr.PutAmf3GppAccessAsync(ueId, reg, ct).ConfigureAwait(false);
        return r.IsOk ? Result<Amf3GppAccessRegistration>.NoContent() : r.Problem!;
    }
}
