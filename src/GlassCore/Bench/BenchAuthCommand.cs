// `glasscore bench auth`: a load generator for complete 5G-AKA authentications (TS 33.501 §6.1.3.2) against a running
// core, as an AMF/SEAF would drive them: Profile A SUCI, Nausf_UEAuthentication POST + 5g-aka-confirmation PUT over
// HTTP/2 with an OAuth2 token, the UE's RES* computed per challenge. Prints throughput and latency percentiles as JSON.
using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Security;

namespace GlassCore.Cli.Bench;

internal static class BenchAuthCommand
{
    private const string K = "000102030405060708090A0B0C0D0E0F";
    private const string Opc = "0F0E0D0C0B0A09080706050403020100";

    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "the config `glasscore up` runs with (NRF address, data dir with the home network keys)" };
        var seconds = new Option<int>("--seconds") { Description = "how long to run (default 30)", DefaultValueFactory = _ => 30 };
        var concurrency = new Option<int>("--concurrency") { Description = "authentications in flight (default 64)", DefaultValueFactory = _ => 64 };
        var warmup = new Option<int>("--warmup") { Description = "seconds of load before measuring, for JIT and connection set-up (default 5)", DefaultValueFactory = _ => 5 };
        var subscribers = new Option<int>("--subscribers") { Description = "bench subscribers provisioned through the management API (default 1000)", DefaultValueFactory = _ => 1000 };
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "start the NRF, UDR, UDM and AUSF of the config in this process (as `glasscore up --nf nrf --nf udr --nf udm --nf ausf` would) "
                + "and also report the work per authentication: SBI requests by resource, bytes allocated and CPU time of core and load generator together",
        };
        var auth = new Command("auth", "Complete 5G-AKA authentications/s (Profile A SUCI, HTTP/2, tokens) against a running `glasscore up`") { config, seconds, warmup, concurrency, subscribers, inProcess };
        auth.SetAction((p, ct) => RunAsync(p.GetValue(config), p.GetValue(seconds), p.GetValue(warmup), p.GetValue(concurrency), p.GetValue(subscribers), p.GetValue(inProcess),
            p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, ct));
        var bench = new Command("bench", "Load benchmarks against a running core") { auth };
        return bench;
    }

    private static async Task<int> RunAsync(string? configPath, int seconds, int warmupSeconds, int concurrency, int subscribers, bool inProcess,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        UpConfig config;
        try
        {
            config = UpConfig.Load(configPath);
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync("glasscore bench: " + e.Message);
            return 2;
        }
        if (!inProcess)
        {
            return await RunAsync(config, seconds, warmupSeconds, concurrency, subscribers, null, stdout, stderr, ct);
        }
        CoreHost core;
        try
        {
            core = await CoreHost.StartAsync(config, ["nrf", "udr", "udm", "ausf"], ct);
        }
        catch (Exception e) when (e is ConfigException or IOException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await stderr.WriteLineAsync("glasscore bench: the core did not start: " + e.Message);
            return 2;
        }
        await using (core)
        {
            using var requests = new RequestCounter();
            int rc = await RunAsync(config, seconds, warmupSeconds, concurrency, subscribers, requests, stdout, stderr, ct);
            await core.StopAsync(CancellationToken.None);
            return rc;
        }
    }

    /// <summary>
    /// Counts the SBI requests the in-process NFs serve, by method and route, from ASP.NET Core's own request metric
    /// (http.server.request.duration), while <see cref="Counting"/> is set.
    /// </summary>
    private sealed class RequestCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        public ConcurrentDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);
        public volatile bool Counting;

        public RequestCounter()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                if (!Counting)
                {
                    return;
                }
                string method = "", route = "";
                foreach (KeyValuePair<string, object?> t in tags)
                {
                    if (t.Key == "http.request.method")
                    {
                        method = t.Value as string ?? "";
                    }
                    else if (t.Key == "http.route")
                    {
                        route = t.Value as string ?? "";
                    }
                }
                Counts.AddOrUpdate(method + " " + route, 1, (_, c) => c + 1);
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    private static async Task<int> RunAsync(UpConfig config, int seconds, int warmupSeconds, int concurrency, int subscribers, RequestCounter? requests,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        string keyFile = config.DataPath("hn-keys.txt");
        string? profileA = File.Exists(keyFile) ? File.ReadAllLines(keyFile).FirstOrDefault(l => l.Split(' ') is [_, "A", _]) : null;
        if (profileA is null)
        {
            await stderr.WriteLineAsync($"glasscore bench: no Profile A home network key in {keyFile}: start `glasscore up` with the same config first");
            return 2;
        }
        string[] f = profileA.Split(' ');
        byte keyId = byte.Parse(f[0], CultureInfo.InvariantCulture);
        byte[] hnPublic = SuciDeconcealer.PublicKey(ProtectionScheme.ProfileA, Convert.FromHexString(f[2]));
        string mcc = config.Plmn.Mcc, mnc = config.Plmn.Mnc;
        string snn = $"5G:mnc{mnc.PadLeft(3, '0')}.mcc{mcc}.3gppnetwork.org";
        Uri nrfUri = config.NrfUri;
        Uri ausfUri = config.ListenOf(config.Ausf);
        Uri udrUri = config.ListenOf(config.Udr);

        using HttpClient http = SbiHttpClientFactory.Create();
        // Provision the bench subscribers in one import (idempotent upsert).
        var list = new StringBuilder("[");
        string[] supis = new string[subscribers];
        for (int i = 0; i < subscribers; i++)
        {
            supis[i] = $"imsi-{mcc}{mnc}{(9_000_000_000L + i).ToString(CultureInfo.InvariantCulture).PadLeft(15 - mcc.Length - mnc.Length, '0')}";
            list.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"supi\":\"{supis[i]}\",\"k\":\"{K}\",\"opc\":\"{Opc}\"}}");
        }
        list.Append(']');
        using (var imp = new HttpRequestMessage(HttpMethod.Post, new Uri(udrUri, "/glasscore-mgmt/v1/subscribers:import")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact })
        {
            imp.Content = new StringContent(list.ToString(), Encoding.UTF8, "application/json");
            using HttpResponseMessage r = await http.SendAsync(imp, ct);
            if (!r.IsSuccessStatusCode)
            {
                await stderr.WriteLineAsync($"glasscore bench: provisioning failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
                return 1;
            }
        }
        // Register as an AMF and take one token for the AUSF (reused, as a real consumer does).
        string amfId = Guid.NewGuid().ToString();
        using var nrf = new NrfClient(http, nrfUri, new SbiClientOptions()) { NfInstanceId = amfId, NfType = "AMF" };
        var reg = await nrf.RegisterAsync(new NFProfile { NfInstanceId = amfId, NfType = "AMF", NfStatus = "REGISTERED", Ipv4Addresses = ["127.0.0.1"] }, ct);
        if (!reg.IsOk)
        {
            await stderr.WriteLineAsync("glasscore bench: NRF registration failed: " + reg.Problem!.Detail);
            return 1;
        }
        string? token = config.Sbi.Oauth2 ? await nrf.GetTokenAsync("AUSF", "nausf-auth", ct) : null;
        // The Authorization value, formatted once as a consumer that reuses its token would.
        token = token is null ? null : "Bearer " + token;

        // Warm-up: the same load, not recorded, so JIT tiering and connection set-up stay out of the figures.
        if (warmupSeconds > 0)
        {
            await RunLoadAsync(http, ausfUri, token, supis, keyId, hnPublic, mnc.Length, snn, concurrency, TimeSpan.FromSeconds(warmupSeconds), ct);
        }
        await stderr.WriteLineAsync("glasscore bench: measuring");
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        if (requests is not null)
        {
            requests.Counting = true;
        }
        var clock = Stopwatch.StartNew();
        (List<double>[] latencies, long failed) = await RunLoadAsync(http, ausfUri, token, supis, keyId, hnPublic, mnc.Length, snn, concurrency, TimeSpan.FromSeconds(Math.Max(1, seconds)), ct);
        double elapsed = clock.Elapsed.TotalSeconds;
        if (requests is not null)
        {
            requests.Counting = false;
        }
        // The load generator shares the machine with the core: its own CPU time per authentication says how much
        // of the machine the figures below leave to the core. In process, it is the core's and the generator's together.
        double cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        double[] all = [.. latencies.SelectMany(l => l).Order()];
        await nrf.DeregisterAsync(amfId, ct);
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        int n = Math.Max(1, all.Length);
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"completed\":{all.Length},\"failed\":{failed},\"seconds\":{elapsed:F1},\"concurrency\":{concurrency},\"authenticationsPerSecond\":{all.Length / elapsed:F1},\"p50Ms\":{P(0.50):F2},\"p99Ms\":{P(0.99):F2}");
        if (requests is null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"clientCpuSeconds\":{cpu:F2},\"clientCpuMsPerAuthentication\":{1000 * cpu / n:F3}}}");
        }
        else
        {
            // Work per authentication, core and load generator in one process: deterministic figures (requests,
            // allocations) and the CPU time, which a loaded machine inflates.
            json.Append(CultureInfo.InvariantCulture, $",\"cpuMsPerAuthentication\":{1000 * cpu / n:F3},\"allocatedBytesPerAuthentication\":{allocated / n},\"sbiRequestsPerAuthentication\":{requests.Counts.Values.Sum() / (double)n:F2},\"sbiRequestsByResource\":{{");
            json.AppendJoin(',', requests.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                string.Create(CultureInfo.InvariantCulture, $"\"{kv.Key}\":{kv.Value / (double)n:F2}")));
            json.Append("}}");
        }
        await stdout.WriteLineAsync(json.ToString());
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(List<double>[] Latencies, long Failed)> RunLoadAsync(HttpClient http, Uri ausfUri, string? token, string[] supis, byte keyId, byte[] hnPublic,
        int mncDigits, string snn, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var latencies = new List<double>[concurrency];
        long failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            int n = w;
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                string supi = supis[n++ % supis.Length];
                long start = Stopwatch.GetTimestamp();
                bool ok = await AuthenticateOnceAsync(http, ausfUri, token, supi, keyId, hnPublic, mncDigits, snn, ct);
                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, ct)));
        return (latencies, failed);
    }

    private static async Task<bool> AuthenticateOnceAsync(HttpClient http, Uri ausf, string? token, string supi, byte keyId, byte[] hnPublic, int mncDigits, string snn, CancellationToken ct)
    {
        try
        {
            string suci = SuciConcealer.Conceal(supi, ProtectionScheme.ProfileA, keyId, hnPublic, mncDigits: mncDigits).ToString();
            using JsonDocument ctx = await SendAsync(http, HttpMethod.Post, new Uri(ausf, "/nausf-auth/v1/ue-authentications"), token,
                $"{{\"supiOrSuci\":\"{suci}\",\"servingNetworkName\":\"{snn}\"}}", 201, ct);
            JsonElement av = ctx.RootElement.GetProperty("5gAuthData");
            byte[] rand = Convert.FromHexString(av.GetProperty("rand").GetString()!);
            byte[] autn = Convert.FromHexString(av.GetProperty("autn").GetString()!);
            byte[] k = Convert.FromHexString(K), opc = Convert.FromHexString(Opc);
            byte[] res = new byte[8], ck = new byte[16], ik = new byte[16], ak = new byte[6], resStar = new byte[16];
            Milenage.F2345(k, opc, rand, res, ck, ik, ak);
            KeyHierarchy.ResStar(ck, ik, snn, rand, res, resStar);
            string href = ctx.RootElement.GetProperty("_links").GetProperty("5g-aka").GetProperty("href").GetString()!;
            using JsonDocument conf = await SendAsync(http, HttpMethod.Put, new Uri(ausf, href), token, $"{{\"resStar\":\"{Convert.ToHexString(resStar)}\"}}", 200, ct);
            return conf.RootElement.GetProperty("authResult").GetString() == "AUTHENTICATION_SUCCESS";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, Uri uri, string? token, string body, int expect, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        req.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (token is not null)
        {
            req.Headers.TryAddWithoutValidation("Authorization", token);
        }
        using HttpResponseMessage r = await http.SendAsync(req, ct);
        if ((int)r.StatusCode != expect)
        {
            throw new HttpRequestException($"{method} {uri}: {(int)r.StatusCode}");
        }
        return JsonDocument.Parse(await r.Content.ReadAsStreamAsync(ct));
    }
}
