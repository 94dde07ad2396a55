// `glasscore ue deregister|config-update SUPI`: the operator's network-initiated de-registration (TS 24.501 §5.5.2.3)
// and generic UE configuration update (§5.4.4), through the running core's management API
// (/glasscore-mgmt/v1/ue-contexts). Output is the AMF's JSON answer; errors go to stderr as {"error":..} with exit 2.
using System.CommandLine;
using System.Net;
using System.Text;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;

namespace GlassCore.Cli.Ue;

internal static class UeCommand
{
    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "The YAML config `glasscore up` uses (to find the AMF's SBI address)", Recursive = true };
        var core = new Option<string?>("--core") { Description = "The AMF's SBI apiRoot (default: from the config, http://127.0.0.1:7777)", Recursive = true };
        var cmd = new Command("ue", "Act on a registered UE in the running core's AMF.") { config, core };
        var supi = new Argument<string>("supi") { Description = "imsi-<digits>" };

        var cause = new Option<int?>("--cause") { Description = "5GMM cause for the UE (TS 24.501 §9.11.3.2), e.g. 3 illegal UE; none by default" };
        var reRegister = new Option<bool>("--re-register") { Description = "ask the UE to register again (re-registration required)" };
        var deregister = new Command("deregister", "Network-initiated de-registration (Deregistration Request, T3522; a UE in CM-IDLE is de-registered locally)") { supi, cause, reRegister };
        deregister.SetAction((p, ct) =>
        {
            int? c = p.GetValue(cause);
            string body = $"{{\"cause\":{(c is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")},\"reRegistrationRequired\":{(p.GetValue(reRegister) ? "true" : "false")}}}";
            return SendAsync(p, config, core, p.GetValue(supi)!, "deregister", body, ct);
        });

        var update = new Command("config-update", "Configuration Update Command (new 5G-GUTI, TAI list, allowed NSSAI, network name; T3555)") { supi };
        update.SetAction((p, ct) => SendAsync(p, config, core, p.GetValue(supi)!, "configuration-update", null, ct));

        cmd.Subcommands.Add(deregister);
        cmd.Subcommands.Add(update);
        return cmd;
    }

    private static async Task<int> SendAsync(ParseResult p, Option<string?> configOption, Option<string?> coreOption, string supi, string action, string? body, CancellationToken ct)
    {
        TextWriter err = p.InvocationConfiguration.Error;
        try
        {
            Uri root;
            if (p.GetValue(coreOption) is { } given)
            {
                root = Uri.TryCreate(given, UriKind.Absolute, out Uri? u) ? u : throw new FormatException($"--core: '{given}' is not an absolute URI");
            }
            else
            {
                UpConfig c = UpConfig.Load(p.GetValue(configOption));
                root = c.ListenOf(c.Amf);
                if (root.Host is "0.0.0.0" or "*" or "+")
                {
                    root = new UriBuilder(root) { Host = "127.0.0.1" }.Uri;
                }
            }
            using HttpClient http = SbiHttpClientFactory.Create();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, $"/glasscore-mgmt/v1/ue-contexts/{Uri.EscapeDataString(supi)}/{action}"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using HttpResponseMessage r = await http.SendAsync(request, ct);
            string text = await r.Content.ReadAsStringAsync(ct);
            if (!r.IsSuccessStatusCode)
            {
                Tools.ToolOutput.WriteError(err, $"{(int)r.StatusCode}: {text}");
                return 2;
            }
            await p.InvocationConfiguration.Output.WriteLineAsync(text);
            return 0;
        }
        catch (Exception e) when (e is ConfigException or FormatException or HttpRequestException or IOException or YamlDotNet.Core.YamlException)
        {
            Tools.ToolOutput.WriteError(err, e.Message);
            return 2;
        }
    }
}
