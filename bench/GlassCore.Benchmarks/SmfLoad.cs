// PDU session establishment rate through the SMF and the real UPF (issue 8 "Speed": at least 1,000 per second): closed-loop
// load of SmfRig.EstablishAsync (Create SM Context → N4 establishment → Update SM Context with the gNB's tunnel → N4
// modification), every session kept; prints the rate and the latency percentiles of whole establishments.
//
//   dotnet run -c Release --project bench/GlassCore.Benchmarks -- smf-load [--sessions 20000] [--concurrency 64] [--warmup 2000]
using System.Diagnostics;
using System.Globalization;

namespace GlassCore.Benchmarks;

internal static class SmfLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        int sessions = Option(args, "--sessions", 20_000);
        int concurrency = Option(args, "--concurrency", 64);
        int warmup = Option(args, "--warmup", 2_000);
        await using SmfRig rig = await SmfRig.StartAsync().ConfigureAwait(false);

        // Warm-up: JIT, connection, pools; these sessions are released again.
        long next = 0;
        var warm = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Run(warmup, concurrency, async _ => warm.Add(await rig.EstablishAsync(Interlocked.Increment(ref next)).ConfigureAwait(false))).ConfigureAwait(false);
        foreach (string w in warm)
        {
            await rig.ReleaseAsync(w).ConfigureAwait(false);
        }

        var latencies = new double[sessions];
        int done = 0;
        long gcBefore = GC.CollectionCount(0);
        var total = Stopwatch.StartNew();
        await Run(sessions, concurrency, async _ =>
        {
            long start = Stopwatch.GetTimestamp();
            await rig.EstablishAsync(Interlocked.Increment(ref next)).ConfigureAwait(false);
            latencies[Interlocked.Increment(ref done) - 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ConfigureAwait(false);
        total.Stop();
        Array.Sort(latencies);
        double rate = sessions / total.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"smf-load: {sessions} PDU session establishments (Create SM Context + N4 establishment + Update SM Context with the N2 setup response + N4 modification), {concurrency} concurrent, SMF and UPF in one process, HTTP/2 + PFCP on loopback"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  rate {rate:F0}/s in {total.Elapsed.TotalSeconds:F2} s; latency p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms; UPF sessions {rig.UpfSessions}; gen0 GCs {GC.CollectionCount(0) - gcBefore}"));
        Console.WriteLine(rate >= 1000 ? "  target >= 1,000/s: met" : "  target >= 1,000/s: NOT met");
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }

    /// <summary>Runs <paramref name="count"/> operations with <paramref name="concurrency"/> in flight at a time.</summary>
    private static async Task Run(int count, int concurrency, Func<int, Task> op)
    {
        int issued = -1;
        async Task Lane()
        {
            int i;
            while ((i = Interlocked.Increment(ref issued)) < count)
            {
                await op(i).ConfigureAwait(false);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Lane))).ConfigureAwait(false);
    }
}
