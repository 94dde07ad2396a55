// `glasscore subscriber add|list|show|update|delete|import`: provisioning straight into the UDR's store (the same
// store and validation as the /glasscore-mgmt/v1 REST API). Output is JSON; errors go to stderr with exit code 2.
using System.CommandLine;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;
using GlassCore.Udr;
using GlassCore.Udr.Storage;

namespace GlassCore.Cli.Subscribers;

internal static class SubscriberCommand
{
    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "The YAML config `glasscore up` uses (for the data dir and storage)", Recursive = true };
        var cmd = new Command("subscriber", "Provision subscribers (K, OPc, SQN, slices) in the UDR store.") { config };

        var supiArg = new Argument<string>("supi") { Description = "imsi-<digits>" };
        var k = new Option<string?>("--k") { Description = "K, 32 hex digits" };
        var opc = new Option<string?>("--opc") { Description = "OPc, 32 hex digits" };
        var amf = new Option<string?>("--amf") { Description = "AMF field, 4 hex digits (default 8000)" };
        var sqn = new Option<string?>("--sqn") { Description = "SQN, 12 hex digits (default 000000000020)" };
        var msisdn = new Option<string?>("--msisdn");
        var method = new Option<string?>("--auth-method") { Description = "5G_AKA (default) or EAP_AKA_PRIME" };
        var sst = new Option<int?>("--sst") { Description = "slice SST (default 1)" };
        var sd = new Option<string?>("--sd") { Description = "slice SD, 6 hex digits" };
        var dnn = new Option<string[]>("--dnn") { Description = "DNN(s) of the slice (default internet)", AllowMultipleArgumentsPerToken = true };

        var add = new Command("add", "Add one subscriber") { supiArg, k, opc, amf, sqn, msisdn, method, sst, sd, dnn };
        add.SetAction((p, ct) => Run(p, config, async store =>
        {
            var rec = new SubscriberRecord
            {
                Supi = p.GetValue(supiArg)!,
                K = p.GetValue(k) ?? throw new FormatException("--k is required"),
                Opc = p.GetValue(opc) ?? throw new FormatException("--opc is required"),
            };
            Apply(rec, p.GetValue(amf), p.GetValue(sqn), p.GetValue(msisdn), p.GetValue(method), p.GetValue(sst), p.GetValue(sd), p.GetValue(dnn));
            if (!await store.AddAsync(rec, ct))
            {
                throw new FormatException(rec.Supi + " exists already (use update)");
            }
            Print(p, JsonSerializer.Serialize(Redacted(rec), UdrJsonContext.Default.SubscriberRecord));
        }));

        var update = new Command("update", "Change fields of one subscriber") { supiArg, k, opc, amf, sqn, msisdn, method, sst, sd, dnn };
        update.SetAction((p, ct) => Run(p, config, async (store, cfg) =>
        {
            string supi = p.GetValue(supiArg)!;
            StoredSubscriber s = await store.GetAsync(supi, ct) ?? throw new FormatException("no subscriber " + supi);
            SubscriberRecord rec = SubscriberStore.ToRecord(s);
            rec.K = p.GetValue(k) ?? rec.K;
            rec.Opc = p.GetValue(opc) ?? rec.Opc;
            Apply(rec, p.GetValue(amf), p.GetValue(sqn), p.GetValue(msisdn), p.GetValue(method), p.GetValue(sst), p.GetValue(sd), p.GetValue(dnn));
            await store.UpdateAsync(rec, ct);
            // TS 29.503 §5.2.2.3: the SDM subscribers of this UE (an AMF, an SMF) hear of the change as they would
            // through the REST API; this process ends next, so it waits for the callbacks' answers.
            (int sent, int delivered) notified;
            using (HttpClient http = SbiHttpClientFactory.Create(new SbiClientOptions
            {
                TrustedCaPath = cfg.Sbi.TlsCa ?? cfg.Sbi.TlsClientCa,
                ClientCertificatePath = cfg.Sbi.TlsClientCa is null ? null : cfg.Sbi.TlsCertificate,
                ClientKeyPath = cfg.Sbi.TlsClientCa is null ? null : cfg.Sbi.TlsKey,
            }))
            {
                notified = await new SdmChangeNotifier(store, http).SubscriberChangedAndDeliveredAsync(supi, ct);
            }
            Print(p, JsonSerializer.Serialize(Redacted(rec), UdrJsonContext.Default.SubscriberRecord));
            // A second line: how many SDM subscribers were told, and how many of them acknowledged with a 2xx.
            Print(p, $"{{\"notified\":{notified.sent},\"delivered\":{notified.delivered}}}");
        }));

        var show = new Command("show", "Show one subscriber, secrets included") { supiArg };
        show.SetAction((p, ct) => Run(p, config, async store =>
        {
            string supi = p.GetValue(supiArg)!;
            StoredSubscriber s = await store.GetAsync(supi, ct) ?? throw new FormatException("no subscriber " + supi);
            Print(p, JsonSerializer.Serialize(SubscriberStore.ToRecord(s), UdrJsonContext.Default.SubscriberRecord));
        }));

        var limit = new Option<int>("--limit") { Description = "at most this many (default 1000)", DefaultValueFactory = _ => 1000 };
        var offset = new Option<int>("--offset") { DefaultValueFactory = _ => 0 };
        var list = new Command("list", "List subscribers (K and OPc redacted)") { limit, offset };
        list.SetAction((p, ct) => Run(p, config, async store =>
        {
            List<StoredSubscriber> all = await store.ListAsync(Math.Max(0, p.GetValue(offset)), Math.Clamp(p.GetValue(limit), 1, 1_000_000), ct);
            Print(p, JsonSerializer.Serialize([.. all.Select(s => Redacted(SubscriberStore.ToRecord(s)))], UdrJsonContext.Default.ListSubscriberRecord));
        }));

        var delete = new Command("delete", "Delete one subscriber") { supiArg };
        delete.SetAction((p, ct) => Run(p, config, async store =>
        {
            string supi = p.GetValue(supiArg)!;
            if (!await store.DeleteAsync(supi, ct))
            {
                throw new FormatException("no subscriber " + supi);
            }
            Print(p, $"{{\"deleted\":\"{supi}\"}}");
        }));

        var file = new Argument<string>("file") { Description = "CSV (header: supi,k,opc[,amf,sqn,msisdn,sst,sd,dnn,authMethod]) or YAML (a list of subscribers)" };
        var batch = new Option<int>("--batch") { Description = "subscribers per transaction (default 1000)", DefaultValueFactory = _ => 1000 };
        var import = new Command("import", "Import subscribers; each batch is one transaction, printed as it commits") { file, batch };
        import.SetAction((p, ct) => Run(p, config, async store =>
        {
            TextWriter o = p.InvocationConfiguration.Output;
            long total = 0;
            await foreach (List<SubscriberRecord> chunk in SubscriberImport.ReadBatchesAsync(p.GetValue(file)!, Math.Clamp(p.GetValue(batch), 1, 100_000), ct))
            {
                await store.ImportBatchAsync(chunk, ct);
                total += chunk.Count;
                // Printed only after the commit: every SUPI up to here is durable.
                await o.WriteLineAsync($"{{\"committed\":{total},\"last\":\"{chunk[^1].Supi}\"}}");
                await o.FlushAsync(ct);
            }
            await o.WriteLineAsync($"{{\"imported\":{total}}}");
        }));

        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        cmd.Subcommands.Add(update);
        cmd.Subcommands.Add(delete);
        cmd.Subcommands.Add(import);
        return cmd;
    }

    private static void Apply(SubscriberRecord rec, string? amf, string? sqn, string? msisdn, string? method, int? sst, string? sd, string[]? dnns)
    {
        rec.Amf = amf ?? rec.Amf;
        rec.Sqn = sqn ?? rec.Sqn;
        rec.Msisdn = msisdn ?? rec.Msisdn;
        rec.AuthMethod = method ?? rec.AuthMethod;
        if (sst is not null || sd is not null || dnns is { Length: > 0 })
        {
            SubscribedSlice first = rec.Slices.FirstOrDefault() ?? new SubscribedSlice();
            rec.Slices = [new SubscribedSlice { Sst = sst ?? first.Sst, Sd = sd ?? first.Sd, Dnns = dnns is { Length: > 0 } ? [.. dnns] : first.Dnns }];
        }
    }

    private static SubscriberRecord Redacted(SubscriberRecord r) => new()
    {
        Supi = r.Supi,
        K = "***",
        Opc = "***",
        Amf = r.Amf,
        Sqn = r.Sqn,
        AuthMethod = r.AuthMethod,
        Msisdn = r.Msisdn,
        Slices = r.Slices,
        AmbrUplink = r.AmbrUplink,
        AmbrDownlink = r.AmbrDownlink,
    };

    private static void Print(ParseResult p, string json) => p.InvocationConfiguration.Output.WriteLine(json);

    private static Task<int> Run(ParseResult p, Option<string?> configOption, Func<SubscriberStore, Task> body) =>
        Run(p, configOption, (store, _) => body(store));

    private static async Task<int> Run(ParseResult p, Option<string?> configOption, Func<SubscriberStore, UpConfig, Task> body)
    {
        TextWriter err = p.InvocationConfiguration.Error;
        try
        {
            UpConfig config = UpConfig.Load(p.GetValue(configOption));
            byte[]? secret = config.Udr.SecretKey is null ? null : Convert.FromHexString(config.Udr.SecretKey);
            await using SubscriberStore store = config.Udr.Storage == "postgres"
                ? await SubscriberStore.OpenPostgresAsync(config.Udr.PostgresConnectionString!, secret)
                : await SubscriberStore.OpenSqliteAsync(config.DataPath(config.Udr.SqlitePath), secret);
            await body(store, config);
            return 0;
        }
        catch (Exception e) when (e is ConfigException or FormatException or IOException or System.Security.Cryptography.CryptographicException or YamlDotNet.Core.YamlException)
        {
            Tools.ToolOutput.WriteError(err, e.Message);
            return 2;
        }
    }
}
