// GlassCore's own management API for the AMF (not a 3GPP service), the REST twin of `glasscore ue`: the operator's
// network-initiated de-registration (TS 24.501 §5.5.2.3, TS 23.502 §4.2.2.3.3) and generic UE configuration update
// (TS 24.501 §5.4.4, TS 23.502 §4.2.4.2) for the UE with a SUPI.
using System.Text.Json.Serialization;
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Amf.Sbi;

/// <summary>POST body of .../deregister: the 5GMM cause (TS 24.501 §9.11.3.2, optional) and whether the UE is to register again.</summary>
public sealed class DeregisterRequest
{
    public int? Cause { get; set; }
    public bool ReRegistrationRequired { get; set; }
}

/// <summary>What the AMF did with a management request: the UE's procedure started (it runs on the UE's own task).</summary>
public sealed class UeProcedureStarted
{
    public required string Supi { get; set; }
    public required string Procedure { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeregisterRequest))]
[JsonSerializable(typeof(UeProcedureStarted))]
public sealed partial class AmfManagementJsonContext : JsonSerializerContext;

public static class AmfManagementEndpoints
{
    public const string ApiRoot = "/glasscore-mgmt/v1/ue-contexts";

    /// <summary>Maps the endpoints; <paramref name="amf"/> gives the AMF once N2 runs (null before: 503).</summary>
    public static void Map(IEndpointRouteBuilder app, Func<AmfContext?> amf)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(amf);
        var j = AmfManagementJsonContext.Default;
        app.MapPost(ApiRoot + "/{supi}/deregister", c =>
            SbiHttp.HandleAsync(c, j.DeregisterRequest, j.UeProcedureStarted, (r, _) => DeregisterAsync(amf(), SbiHttp.Route(c, "supi"), r)));
        app.MapPost(ApiRoot + "/{supi}/configuration-update", c =>
            SbiHttp.HandleAsync(c, j.UeProcedureStarted, _ => ConfigurationUpdateAsync(amf(), SbiHttp.Route(c, "supi"))));
    }

    private static Task<Result<UeProcedureStarted>> DeregisterAsync(AmfContext? amf, string supi, DeregisterRequest r)
    {
        if (r.Cause is < 0 or > 255)
        {
            return Task.FromResult<Result<UeProcedureStarted>>(Problems.OptionalIeIncorrect("cause is a 5GMM cause, 0..255", "/cause"));
        }
        return Task.FromResult(amf is null ? Problems.NfServiceFailure("the AMF's N2 is not running")
            : amf.Deregister(supi, (byte?)r.Cause, r.ReRegistrationRequired) ? Result<UeProcedureStarted>.Ok(new UeProcedureStarted { Supi = supi, Procedure = "deregistration" }, 202)
            : (Result<UeProcedureStarted>)Problems.ContextNotFound("no UE context for " + supi));
    }

    /// <summary>A UE in 5GMM-IDLE gets the command when it next connects (this AMF does not page).</summary>
    private static Task<Result<UeProcedureStarted>> ConfigurationUpdateAsync(AmfContext? amf, string supi) =>
        Task.FromResult(amf is null ? Problems.NfServiceFailure("the AMF's N2 is not running")
            : amf.UpdateConfiguration(supi) ? Result<UeProcedureStarted>.Ok(new UeProcedureStarted { Supi = supi, Procedure = "configuration-update" }, 202)
            : (Result<UeProcedureStarted>)Problems.ContextNotFound("no UE context for " + supi));
}
