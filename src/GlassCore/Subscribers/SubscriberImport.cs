// Bulk provisioning input: CSV (RFC 4180 without quoted commas: none of the fields can contain one) or YAML
// (a sequence of subscriber mappings with the REST API's member names), read lazily in batches.
using System.Runtime.CompilerServices;
using GlassCore.Udr.Storage;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GlassCore.Cli.Subscribers;

internal static class SubscriberImport
{
    public static async IAsyncEnumerable<List<SubscriberRecord>> ReadBatchesAsync(string path, int batchSize, [EnumeratorCancellation] CancellationToken ct)
    {
        IEnumerable<SubscriberRecord> records = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? ReadYaml(path)
            : ReadCsv(path);
        var batch = new List<SubscriberRecord>(batchSize);
        foreach (SubscriberRecord r in records)
        {
            ct.ThrowIfCancellationRequested();
            SubscriberStore.Validate(r);
            batch.Add(r);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<SubscriberRecord>(batchSize);
                await Task.Yield();
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static List<SubscriberRecord> ReadYaml(string path)
    {
        var d = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        using var reader = new StreamReader(path);
        List<SubscriberRecord>? list = d.Deserialize<List<SubscriberRecord>>(reader);
        return list ?? [];
    }

    internal static IEnumerable<SubscriberRecord> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine() ?? throw new FormatException($"{path}: empty file");
        string[] cols = [.. header.Split(',').Select(c => c.Trim().ToLowerInvariant())];
        int Col(string name) => Array.IndexOf(cols, name.ToLowerInvariant());
        int iSupi = Col("supi"), iK = Col("k"), iOpc = Col("opc"), iAmf = Col("amf"), iSqn = Col("sqn"), iMsisdn = Col("msisdn"),
            iSst = Col("sst"), iSd = Col("sd"), iDnn = Col("dnn"), iMethod = Col("authMethod");
        if (iSupi < 0 || iK < 0 || iOpc < 0)
        {
            throw new FormatException($"{path}: the header needs supi, k and opc columns");
        }
        int line = 1;
        while (reader.ReadLine() is string text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            string[] f = text.Split(',');
            if (f.Length != cols.Length)
            {
                throw new FormatException($"{path}:{line}: {f.Length} fields, the header has {cols.Length}");
            }
            string? F(int i) => i >= 0 && f[i].Trim().Length > 0 ? f[i].Trim() : null;
            var r = new SubscriberRecord { Supi = F(iSupi) ?? "", K = F(iK) ?? "", Opc = F(iOpc) ?? "" };
            r.Amf = F(iAmf) ?? r.Amf;
            r.Sqn = F(iSqn) ?? r.Sqn;
            r.Msisdn = F(iMsisdn);
            r.AuthMethod = F(iMethod) ?? r.AuthMethod;
            if (F(iSst) is not null || F(iSd) is not null || F(iDnn) is not null)
            {
                if (F(iSst) is string sst && !int.TryParse(sst, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"{path}:{line}: sst '{sst}' is not a number");
                }
                r.Slices = [new SubscribedSlice
                {
                    Sst = F(iSst) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 1,
                    Sd = F(iSd),
                    Dnns = F(iDnn) is string d ? [.. d.Split(';')] : ["internet"],
                }];
            }
            yield return r;
        }
    }
}
