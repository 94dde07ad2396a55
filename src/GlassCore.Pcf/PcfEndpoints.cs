// TS 29.512 §5.3 ({apiRoot}/npcf-smpolicycontrol/v1/sm-policies…) and TS 29.507 §5.3 ({apiRoot}/npcf-am-policy-control/v1/policies…).
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Pcf;

public static class PcfEndpoints
{
    public const string SmServiceName = "npcf-smpolicycontrol";
    public const string AmServiceName = "npcf-am-policy-control";

    public static void Map(IEndpointRouteBuilder app, SmPolicyProcessor sm, AmPolicyProcessor am)
    {
        ArgumentNullException.ThrowIfNull(sm);
        ArgumentNullException.ThrowIfNull(am);
        var j = SessionJsonContext.Default;
        const string smRoot = SmPolicyProcessor.ApiRoot + "/sm-policies";
        app.MapPost(smRoot, c => SbiHttp.HandleAsync(c, j.SmPolicyContextData, j.SmPolicyDecision, sm.CreateAsync));
        app.MapPost(smRoot + "/{smPolicyId}/update", c =>
            SbiHttp.HandleAsync(c, j.SmPolicyUpdateContextData, j.SmPolicyDecision, (u, ct) => sm.UpdateAsync(SbiHttp.Route(c, "smPolicyId"), u, ct)));
        app.MapPost(smRoot + "/{smPolicyId}/delete", c =>
            SbiHttp.HandleAsync(c, j.SmPolicyDeleteData, j.SmPolicyDecision, (d, ct) => sm.DeleteAsync(SbiHttp.Route(c, "smPolicyId"), d, ct)));

        const string amRoot = AmPolicyProcessor.ApiRoot + "/policies";
        app.MapPost(amRoot, c => SbiHttp.HandleAsync(c, j.PolicyAssociationRequest, j.PolicyAssociation, am.CreateAsync));
        app.MapGet(amRoot + "/{polAssoId}", c => SbiHttp.HandleAsync(c, j.PolicyAssociation, ct => am.GetAsync(SbiHttp.Route(c, "polAssoId"), ct)));
        app.MapDelete(amRoot + "/{polAssoId}", c => SbiHttp.HandleAsync(c, j.PolicyAssociation, ct => am.DeleteAsync(SbiHttp.Route(c, "polAssoId"), ct)));
    }
}
