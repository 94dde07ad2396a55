// TS 23.003 §2.2B / TS 29.503 §6.3.3.2.3.1: the UDM's SIDF turns a SUCI ("suci-0-mcc-mnc-ri-scheme-keyid-output")
// into the SUPI: null scheme directly, ECIES Profile A/B with the home network private key of that key id
// (TS 33.501 §6.12.2, Annex C).
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Udm;

/// <summary>ECIES de-concealment of a SUCI's scheme output with the home network keys (Profile A/B).</summary>
public interface ISuciDeconcealer
{
    /// <returns>null on success with <paramref name="supi"/> set, otherwise the ProblemDetails to answer with.</returns>
    ProblemDetails? TryDeconceal(string suci, out string supi);
}

public sealed class SuciResolver(ISuciDeconcealer? ecies)
{
    /// <summary>SUPI (imsi-…) as is; SUCI de-concealed; anything else MANDATORY_IE_INCORRECT.</summary>
    public Result<string> Resolve(string supiOrSuci)
    {
        if (supiOrSuci.StartsWith("imsi-", StringComparison.Ordinal))
        {
            return IsDigits(supiOrSuci.AsSpan(5), 5, 15) ? Result<string>.Ok(supiOrSuci) : Problems.MandatoryIeIncorrect("malformed SUPI", "supiOrSuci");
        }
        if (!supiOrSuci.StartsWith("suci-", StringComparison.Ordinal))
        {
            return Problems.MandatoryIeIncorrect("expected imsi-… or suci-…", "supiOrSuci");
        }
        string[] f = supiOrSuci.Split('-');
        // suci-0-<mcc>-<mnc>-<routing indicator>-<scheme>-<key id>-<output>
        if (f.Length != 8 || f[1] != "0" || !IsDigits(f[2], 3, 3) || !IsDigits(f[3], 2, 3) || !IsDigits(f[4], 1, 4)
            || !int.TryParse(f[5], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int scheme)
            || !int.TryParse(f[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return Problems.MandatoryIeIncorrect("malformed SUCI (TS 23.003 §2.2B)", "supiOrSuci");
        }
        if (scheme == 0)
        {
            return IsDigits(f[7], 1, 10) ? Result<string>.Ok($"imsi-{f[2]}{f[3]}{f[7]}") : Problems.MandatoryIeIncorrect("null-scheme MSIN must be digits", "supiOrSuci");
        }
        if (scheme is not (1 or 2) || ecies is null)
        {
            // TS 29.503 Table 6.3.3.2.3.1-3: 501 UNSUPPORTED_PROTECTION_SCHEME.
            return Problems.Make(501, "UNSUPPORTED_PROTECTION_SCHEME", $"protection scheme {scheme} is not supported");
        }
        return ecies.TryDeconceal(supiOrSuci, out string supi) is ProblemDetails p ? p : Result<string>.Ok(supi);
    }

    private static bool IsDigits(ReadOnlySpan<char> s, int min, int max)
    {
        if (s.Length < min || s.Length > max)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
