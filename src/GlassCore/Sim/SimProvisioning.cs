// Bulk provisioning of the simulator's UEs as subscribers, through the UDR's management API (an idempotent upsert),
// so a `--supi` range works against a core that has never seen it.
using System.Net;
using System.Text;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;

namespace GlassCore.Cli.Sim;

internal static class SimProvisioning
{
    private const int Batch = 5000;

    public static async Task<bool> UpsertAsync(UpConfig config, IReadOnlyList<SimUeSpec> specs, TextWriter stderr, CancellationToken ct)
    {
        Uri udr = config.ListenOf(config.Udr);
        using HttpClient http = SbiHttpClientFactory.Create();
        for (int i = 0; i < specs.Count; i += Batch)
        {
            var body = new StringBuilder("[");
            foreach (SimUeSpec s in specs.Skip(i).Take(Batch))
            {
                body.Append(body.Length == 1 ? "" : ",").Append("{\"supi\":").Append(JsonSerializer.Serialize(s.Supi, SimProvisioningJson.Default.String))
                    .Append(",\"k\":").Append(JsonSerializer.Serialize(s.K, SimProvisioningJson.Default.String))
                    .Append(",\"opc\":").Append(JsonSerializer.Serialize(s.Opc, SimProvisioningJson.Default.String)).Append('}');
            }
            body.Append(']');
            using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(udr, "/glasscore-mgmt/v1/subscribers:import"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
            };
            try
            {
                using HttpResponseMessage r = await http.SendAsync(req, ct);
                if (!r.IsSuccessStatusCode)
                {
                    await stderr.WriteLineAsync($"glasscore sim: provisioning failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
                    return false;
                }
            }
            catch (HttpRequestException e)
            {
                await stderr.WriteLineAsync($"glasscore sim: provisioning at {udr} failed: {e.Message}");
                return false;
            }
        }
        return true;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SimProvisioningJson : System.Text.Json.Serialization.JsonSerializerContext;
