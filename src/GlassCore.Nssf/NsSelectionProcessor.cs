// TS 29.531 §5.2.2.2 Nnssf_NSSelection Get: for registration the allowed NSSAI (requested ∩ subscribed ∩ supported, or the
// default subscribed S-NSSAIs when none was requested, TS 23.501 §5.15.5.2.1) and the rejected ones; for a PDU session the
// network slice instance of the S-NSSAI (TS 23.502 §4.3.2.2.3.3).
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Nssf;

public sealed class NsSelectionProcessor(NssfOptions options)
{
    public const string ApiRoot = "/nnssf-nsselection/v2";
    private static readonly string[] s_nfTypes = ["AMF", "SMF", "NSSF", "SCP", "NRF"];

    private bool Supported(Snssai s) => options.Slices.Any(x => x.Sst == s.Sst && string.Equals(x.Sd ?? "", s.Sd ?? "", StringComparison.OrdinalIgnoreCase));

    /// <summary>The query as the endpoint hands it over: every parameter raw (JSON-encoded objects as strings).</summary>
    public Task<Result<AuthorizedNetworkSliceInfo>> SelectAsync(string? nfType, string? nfId, string? forRegistration, string? forPduSession, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(nfType) || !s_nfTypes.Contains(nfType))
        {
            return Done(Problems.InvalidQueryParam($"nf-type '{nfType}' is missing or not a consumer of this service", "nf-type"));
        }
        if (!Guid.TryParse(nfId, out _))
        {
            return Done(Problems.InvalidQueryParam("nf-id must be a UUID", "nf-id"));
        }
        if ((forRegistration is null) == (forPduSession is null))
        {
            return Done(Problems.InvalidQueryParam("exactly one of slice-info-request-for-registration and slice-info-request-for-pdu-session",
                forRegistration is null ? "slice-info-request-for-registration" : "slice-info-request-for-pdu-session"));
        }
        if (forRegistration is not null)
        {
            SliceInfoForRegistration? reg = ParseQuery(forRegistration, SessionJsonContext.Default.SliceInfoForRegistration);
            return reg is null
                ? Done(Problems.InvalidQueryParam("slice-info-request-for-registration is not a SliceInfoForRegistration", "slice-info-request-for-registration"))
                : Done(Result<AuthorizedNetworkSliceInfo>.Ok(ForRegistration(reg)));
        }
        SliceInfoForPduSession? pdu = ParseQuery(forPduSession!, SessionJsonContext.Default.SliceInfoForPduSession);
        if (pdu is null)
        {
            return Done(Problems.InvalidQueryParam("slice-info-request-for-pdu-session is not a SliceInfoForPduSession", "slice-info-request-for-pdu-session"));
        }
        if (!Supported(pdu.SNssai))
        {
            // TS 29.531 Table 6.1.7.3-1: the S-NSSAI is not supported in this PLMN.
            return Done(Problems.Make(403, "SNSSAI_NOT_SUPPORTED", $"S-NSSAI {pdu.SNssai.Sst}/{pdu.SNssai.Sd} is not supported"));
        }
        SupportedSliceOptions slice = options.Slices.First(x => x.Sst == pdu.SNssai.Sst && string.Equals(x.Sd ?? "", pdu.SNssai.Sd ?? "", StringComparison.OrdinalIgnoreCase));
        return Done(Result<AuthorizedNetworkSliceInfo>.Ok(new AuthorizedNetworkSliceInfo
        {
            NsiInformation = new NsiInformation { NrfId = options.NrfUri, NsiId = slice.NsiId },
        }));
    }

    private AuthorizedNetworkSliceInfo ForRegistration(SliceInfoForRegistration reg)
    {
        List<SubscribedSnssai> subscribed = reg.SubscribedNssai ?? [];
        var allowed = new List<Snssai>();
        var rejected = new List<Snssai>();
        if (reg.RequestedNssai is { Count: > 0 } requested)
        {
            foreach (Snssai s in requested)
            {
                bool ok = Supported(s) && subscribed.Any(x => x.SubscribedSnssaiValue.Matches(s));
                (ok ? allowed : rejected).Add(s);
            }
        }
        if (allowed.Count == 0)
        {
            // §5.15.5.2.1: nothing requested (or nothing of it allowed) → the default subscribed S-NSSAIs the PLMN supports.
            allowed.AddRange(subscribed.Where(x => x.DefaultIndication == true && Supported(x.SubscribedSnssaiValue)).Select(x => x.SubscribedSnssaiValue));
        }
        var info = new AuthorizedNetworkSliceInfo
        {
            RejectedNssaiInPlmn = rejected.Count > 0 ? rejected : null,
        };
        if (allowed.Count > 0)
        {
            info.AllowedNssaiList =
            [
                new AllowedNssai
                {
                    AccessType = "3GPP_ACCESS",
                    AllowedSnssaiList = [.. allowed.Select(s => new AllowedSnssai { AllowedSnssaiValue = s })],
                },
            ];
        }
        return info;
    }

    private static T? ParseQuery<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, info);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<Result<AuthorizedNetworkSliceInfo>> Done(Result<AuthorizedNetworkSliceInfo> r) => Task.FromResult(r);
}
