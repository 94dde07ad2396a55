// TS 29.531 §6.1.3.2: GET {apiRoot}/nnssf-nsselection/v2/network-slice-information.
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Nssf;

public static class NssfEndpoints
{
    public const string ServiceName = "nnssf-nsselection";

    public static void Map(IEndpointRouteBuilder app, NsSelectionProcessor nssf)
    {
        ArgumentNullException.ThrowIfNull(nssf);
        static string? Q(HttpContext c, string n) => c.Request.Query.TryGetValue(n, out var v) ? v.ToString() : null;
        app.MapGet(NsSelectionProcessor.ApiRoot + "/network-slice-information", c =>
            SbiHttp.HandleAsync(c, SessionJsonContext.Default.AuthorizedNetworkSliceInfo, ct =>
                nssf.SelectAsync(Q(c, "nf-type"), Q(c, "nf-id"), Q(c, "slice-info-request-for-registration"), Q(c, "slice-info-request-for-pdu-session"), ct)));
    }
}
