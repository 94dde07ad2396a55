// `glasscore up` and `glasscore subscriber` as a user runs them: a separate process, an independent HTTP/2 client
// (curl --http2-prior-knowledge), SIGTERM for a clean stop, exit code 2 for a bad config, and an import killed
// halfway that keeps every batch it acknowledged.
using System.Diagnostics;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;
using GlassCore.Security;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GlassCore.Cli.Tests;

public sealed class UpProcessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gc-up-" + Guid.NewGuid().ToString("N"));

    public UpProcessTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string GlasscoreDll => Path.Combine(AppContext.BaseDirectory, "glasscore.dll");

    private static Process Start(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(GlasscoreDll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return Process.Start(psi) ?? throw new InvalidOperationException("glasscore did not start");
    }

    private static string Curl(params string[] args)
    {
        var psi = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-sS", "--http2-prior-knowledge", "--max-time", "20", .. args])
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "curl failed: " + p.StandardError.ReadToEnd());
        return output;
    }

    [Fact]
    public async Task Up_Curl_RegistersDiscoversAndGetsToken_ThenSigtermStopsCleanly()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/curl"), "curl is not installed (./test.sh installs it)");
        int port = CoreFixture.FreePort();
        // N2 off the well-known port: SCTP tests elsewhere on this host use 38412 over raw IP.
        int n2 = CoreFixture.FreePort();
        File.WriteAllText(Path.Combine(_dir, "core.yaml"), $"dataDir: {_dir}/data\nsbi:\n  listen: http://127.0.0.1:{port}\namf:\n  n2Listen: 127.0.0.1:{n2}\nsmf:\n  pfcpListen: 127.0.0.1:0\n");
        using Process up = Start(_dir, "up", "--config", "core.yaml");
        var lines = new List<string>();
        string? line;
        while ((line = await up.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)) is not null && line != "ready")
        {
            lines.Add(line);
        }
        if (line != "ready")
        {
            // Only now is reading stderr safe: the process has ended (EOF on stdout).
            Assert.Fail("up did not get ready: " + string.Join('\n', lines) + up.StandardError.ReadToEnd());
        }
        string printed = string.Join('\n', lines);
        Assert.Contains($"http://127.0.0.1:{port}/nnrf-nfm/v1", printed, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/nausf-auth/v1", printed, StringComparison.Ordinal);
        Assert.Contains("Profile A home network public key id 1", printed, StringComparison.Ordinal);
        // The AMF's N2 line: its address, or why SCTP cannot run on this machine.
        Assert.True(printed.Contains($"AMF   N2 sctp://127.0.0.1:{n2}", StringComparison.Ordinal) || printed.Contains("AMF   N2 not started", StringComparison.Ordinal), printed);
        try
        {
            string baseUri = $"http://127.0.0.1:{port}";
            const string Id = "c0ffee00-1234-4abc-8def-0123456789ab";
            string profile = $"{{\"nfInstanceId\":\"{Id}\",\"nfType\":\"AMF\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"127.0.0.20\"],\"nfServices\":[{{\"serviceInstanceId\":\"0\",\"serviceName\":\"namf-comm\",\"versions\":[{{\"apiVersionInUri\":\"v1\",\"apiFullVersion\":\"1.0.0\"}}],\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\"}}]}}";
            string code = Curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "content-type: application/json", "-d", profile, $"{baseUri}/nnrf-nfm/v1/nf-instances/{Id}");
            Assert.Equal("201", code);
            using JsonDocument found = JsonDocument.Parse(Curl($"{baseUri}/nnrf-disc/v1/nf-instances?target-nf-type=AMF&requester-nf-type=SMF&service-names=namf-comm"));
            // The core's own AMF offers namf-comm too: the registered instance is one of those found.
            Assert.Contains(Id, found.RootElement.GetProperty("nfInstances").EnumerateArray().Select(i => i.GetProperty("nfInstanceId").GetString()));
            using JsonDocument token = JsonDocument.Parse(Curl("-d", $"grant_type=client_credentials&nfInstanceId={Id}&nfType=AMF&targetNfType=AUSF&scope=nausf-auth", $"{baseUri}/oauth2/token"));
            Assert.Equal("Bearer", token.RootElement.GetProperty("token_type").GetString());
            string jwt = token.RootElement.GetProperty("access_token").GetString()!;
            // The token opens the AUSF for this consumer: a real 5G-AKA start for a demo subscriber.
            string ctx = Curl("-H", "authorization: Bearer " + jwt, "-H", "content-type: application/json",
                "-d", $"{{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"{DemoUe.Snn}\"}}", $"{baseUri}/nausf-auth/v1/ue-authentications");
            using JsonDocument c = JsonDocument.Parse(ctx);
            Assert.Equal("5G_AKA", c.RootElement.GetProperty("authType").GetString());
        }
        finally
        {
            // SIGTERM: the process deregisters, stops and exits 0.
            Process.Start("kill", ["-TERM", up.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(up.WaitForExit(30_000), "up did not stop after SIGTERM");
        }
        Assert.Equal(0, up.ExitCode);
        Assert.Contains("stopped", await up.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Up_BadConfig_ExitsTwo_WithClearError()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), "sbi:\n  listen: http://127.0.0.1:7777\n  lisen: typo\n");
        using Process p = Start(_dir, "up", "--config", "bad.yaml");
        Assert.True(p.WaitForExit(60_000));
        string err = p.StandardError.ReadToEnd();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("bad.yaml", err, StringComparison.Ordinal);
        Assert.Contains("lisen", err, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_dir, "bad2.yaml"), "udr:\n  storage: mongodb\n");
        using Process q = Start(_dir, "up", "--config", "bad2.yaml");
        Assert.True(q.WaitForExit(60_000));
        Assert.Equal(2, q.ExitCode);
        Assert.Contains("sqlite or postgres", q.StandardError.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscriberImport_KilledMidway_KeepsEveryAcknowledgedBatch()
    {
        string csv = Path.Combine(_dir, "subs.csv");
        await using (var w = new StreamWriter(csv))
        {
            await w.WriteLineAsync("supi,k,opc,amf,sqn,sst,sd,dnn");
            for (int i = 0; i < 200_000; i++)
            {
                await w.WriteLineAsync($"imsi-00102{i:D10},000102030405060708090A0B0C0D0E0F,0F0E0D0C0B0A09080706050403020100,8000,000000000020,1,010203,internet");
            }
        }
        File.WriteAllText(Path.Combine(_dir, "core.yaml"), $"dataDir: {_dir}/data\n");
        using Process imp = Start(_dir, "subscriber", "import", "subs.csv", "--batch", "2000", "--config", "core.yaml");
        long acknowledged = 0;
        string? line;
        while ((line = await imp.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)) is not null)
        {
            using JsonDocument d = JsonDocument.Parse(line);
            if (d.RootElement.TryGetProperty("committed", out JsonElement n))
            {
                acknowledged = n.GetInt64();
                if (acknowledged >= 10_000)
                {
                    imp.Kill();
                    break;
                }
            }
        }
        await imp.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(acknowledged >= 10_000, "import acknowledged too little before finishing: " + imp.StandardError.ReadToEnd());
        Assert.True(acknowledged < 200_000, "the import finished before it could be killed");
        await using var db = new SqliteConnection($"Data Source={_dir}/data/glasscore.db");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using SqliteCommand cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MAX(supi) FROM subscribers";
        await using SqliteDataReader r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await r.ReadAsync(TestContext.Current.CancellationToken));
        long count = r.GetInt64(0);
        Assert.True(count >= acknowledged, $"{acknowledged} acknowledged, {count} in the store");
        Assert.Equal(0, count % 2000);
        // Every acknowledged SUPI is there (they are contiguous from the first).
        Assert.True(string.CompareOrdinal(r.GetString(1), $"imsi-00102{acknowledged - 1:D10}") >= 0);
    }

    [Fact]
    public void SubscriberCli_AddShowListUpdateDelete()
    {
        File.WriteAllText(Path.Combine(_dir, "core.yaml"), $"dataDir: {_dir}/data\n");
        string Run(int expectedExit, params string[] args)
        {
            using Process p = Start(_dir, ["subscriber", .. args, "--config", "core.yaml"]);
            string o = p.StandardOutput.ReadToEnd();
            string e = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000));
            Assert.True(p.ExitCode == expectedExit, $"exit {p.ExitCode}: {o}{e}");
            return o + e;
        }
        Run(0, "add", "imsi-999700000009999", "--k", "00112233445566778899AABBCCDDEEFF", "--opc", "FFEEDDCCBBAA99887766554433221100", "--sst", "1", "--sd", "000001", "--dnn", "ims");
        string shown = Run(0, "show", "imsi-999700000009999");
        Assert.Contains("00112233445566778899AABBCCDDEEFF", shown, StringComparison.Ordinal);
        Assert.Contains("\"ims\"", shown, StringComparison.Ordinal);
        string listed = Run(0, "list");
        Assert.Contains("imsi-999700000009999", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("00112233445566778899AABBCCDDEEFF", listed, StringComparison.Ordinal);
        Run(0, "update", "imsi-999700000009999", "--sqn", "0000000000A0");
        Assert.Contains("0000000000A0", Run(0, "show", "imsi-999700000009999"), StringComparison.Ordinal);
        Assert.Contains("error", Run(2, "add", "imsi-999700000009999", "--k", "00", "--opc", "11"), StringComparison.Ordinal);
        Run(0, "delete", "imsi-999700000009999");
        Run(2, "show", "imsi-999700000009999");
    }

    [Fact]
    public async Task Up_OnPostgres_FromConnectionStringInConfig_ProvisionsAuthenticatesAndStoresThere()
    {
        string? cs = Environment.GetEnvironmentVariable("GLASSCORE_PG");
        Assert.SkipWhen(string.IsNullOrEmpty(cs), "no PostgreSQL server: set GLASSCORE_PG (./test.sh starts one with scripts/pg-throwaway.sh)");
        string db = "gc_up_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(cs))
        {
            await admin.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {db}", admin);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        string dbCs = new NpgsqlConnectionStringBuilder(cs) { Database = db }.ToString();
        try
        {
            int port = CoreFixture.FreePort();
            File.WriteAllText(Path.Combine(_dir, "pg.yaml"),
                $"dataDir: {_dir}/data\nsbi:\n  listen: http://127.0.0.1:{port}\nudr:\n  storage: postgres\n  postgresConnectionString: \"{dbCs}\"\n");
            using Process up = Start(_dir, "up", "--config", "pg.yaml");
            var lines = new List<string>();
            string? line;
            while ((line = await up.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)) is not null && line != "ready")
            {
                lines.Add(line);
            }
            if (line != "ready")
            {
                Assert.Fail("up did not get ready: " + string.Join('\n', lines) + up.StandardError.ReadToEnd());
            }
            try
            {
                // A complete 5G-AKA of a demo subscriber: AUSF → UDM → UDR, the UDR on PostgreSQL.
                using HttpClient http = SbiHttpClientFactory.Create();
                await TlsTests.AuthenticateAsync(http, new Uri($"http://127.0.0.1:{port}"));
            }
            finally
            {
                Process.Start("kill", ["-TERM", up.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                Assert.True(up.WaitForExit(30_000), "up did not stop after SIGTERM");
            }
            Assert.Equal(0, up.ExitCode);
            // The data is in PostgreSQL: the schema, the demo subscribers, the stepped SQN and the authentication status.
            Assert.False(File.Exists(Path.Combine(_dir, "data", "glasscore.db")), "no SQLite file when the UDR runs on PostgreSQL");
            await using var c = new NpgsqlConnection(dbCs);
            await c.OpenAsync(TestContext.Current.CancellationToken);
            await using var q = new NpgsqlCommand("SELECT (SELECT MAX(version) FROM schema_migrations), (SELECT COUNT(*) FROM subscribers), " +
                "(SELECT sqn FROM subscribers WHERE supi = 'imsi-999700000000001'), (SELECT COUNT(*) FROM context_data WHERE supi = 'imsi-999700000000001' AND kind = 'auth-status')", c);
            await using NpgsqlDataReader r = await q.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            Assert.True(await r.ReadAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2, r.GetInt32(0));
            Assert.Equal(DemoSubscribers.All.Count, r.GetInt64(1));
            Assert.Equal(new SqnFreshnessPolicy().Next(Convert.ToUInt64(DemoSubscribers.All[0].Sqn, 16)), (ulong)r.GetInt64(2));
            Assert.Equal(1, r.GetInt64(3));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(cs);
            await admin.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }
}
