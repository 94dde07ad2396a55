// TS 33.501 §6.12.2 / TS 29.503 §6.3.3.2.3.1 (Table 6.3.3.2.3.1-3): the SIDF's ECIES de-concealment with the home network
// keys, and the ProblemDetails each failure is answered with.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Security;

namespace GlassCore.Udm;

public sealed class SidfDeconcealer(SuciDeconcealer sidf) : ISuciDeconcealer
{
    public ProblemDetails? TryDeconceal(string suci, out string supi)
    {
        ArgumentNullException.ThrowIfNull(sidf);
        if (sidf.TryDeconceal(suci, out supi, out SuciError error))
        {
            return null;
        }
        return error switch
        {
            SuciError.Malformed => Problems.MandatoryIeIncorrect("malformed SUCI", "supiOrSuci"),
            SuciError.UnsupportedScheme => Problems.Make(501, "UNSUPPORTED_PROTECTION_SCHEME", "protection scheme not supported"),
            // No such home network key, or an output that does not open with it: the UE cannot be identified.
            SuciError.UnknownKeyId => Problems.AuthenticationRejected("unknown home network public key id"),
            _ => Problems.AuthenticationRejected("SUCI de-concealment failed: " + error),
        };
    }
}
