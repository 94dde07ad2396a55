// PDU sessions through the SMF and GlassCore's own UPF (SmfRig): one operation is one establishment (Create SM Context
// → N4 establishment with CHOOSE → Update SM Context with the gNB's tunnel → N4 modification, TS 23.502 §4.3.2.2.1) and
// its release (N4 deletion); Concurrency sessions run at once, as many AMF requests would. The rate and the latency
// percentiles under sustained load come from `smf-load` (SmfLoad.cs).
using BenchmarkDotNet.Attributes;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet calls GlobalCleanup, which disposes it")]
public class SmfBenchmarks
{
    private const int Concurrency = 64;
    private SmfRig _rig = null!;
    private long _ue;

    [GlobalSetup]
    public void Setup() => _rig = SmfRig.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task OneAsync()
    {
        string location = await _rig.EstablishAsync(Interlocked.Increment(ref _ue));
        await _rig.ReleaseAsync(location);
    }

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task EstablishModifyRelease()
    {
        var tasks = new Task[Concurrency];
        for (int i = 0; i < Concurrency; i++)
        {
            tasks[i] = OneAsync();
        }
        return Task.WhenAll(tasks);
    }
}
