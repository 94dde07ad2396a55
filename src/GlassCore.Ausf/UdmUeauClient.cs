// Style anchor #10, consumer side: the AUSF's typed client of Nudm_UEAU (TS 29.503 §5.4).
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;

namespace GlassCore.Ausf;

public sealed class UdmUeauClient(SbiClient client, Func<string, CancellationToken, Task<Result<Uri>>> resolveUdm)
{
    private const string Scope = "nudm-ueau";

    public async Task<Result<AuthenticationInfoResult>> GenerateAuthDataAsync(string supiOrSuci, AuthenticationInfoRequest req, CancellationToken ct)
    {
        Result<Uri> root = await resolveUdm(supiOrSuci, ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        return await client.SendAsync(HttpMethod.Post, new Uri(root.Value!, $"nudm-ueau/v1/{Uri.EscapeDataString(supiOrSuci)}/security-information/generate-auth-data"),
            req, SbiJsonContext.Default.AuthenticationInfoRequest, SbiJsonContext.Default.AuthenticationInfoResult, NfTypes.Udm, Scope, ct).ConfigureAwait(false);
    }

    public async Task<Result<AuthEvent>> ConfirmAsync(string supi, AuthEvent evt, CancellationToken ct)
    {
        Result<Uri> root = await resolveUdm(supi, ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        return await client.SendAsync(HttpMethod.Post, new Uri(root.Value!, $"nudm-ueau/v1/{supi}/auth-events"),
            evt, SbiJsonContext.Default.AuthEvent, SbiJsonContext.Default.AuthEvent, NfTypes.Udm, Scope, ct).ConfigureAwait(false);
    }
}
