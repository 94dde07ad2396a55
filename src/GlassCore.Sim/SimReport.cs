// The simulator's summary (issue 7, `glasscore sim`): per procedure the attempts, successes, rejects by cause,
// failures by reason and latency percentiles; the same object is printed and written as the JSON report.
using System.Text.Json.Serialization;

namespace GlassCore.Sim;

/// <summary>Latency percentiles in milliseconds (nearest-rank).</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Max, double Mean);

public sealed record ProcedureSummary
{
    public int Attempted { get; init; }

    public int Succeeded { get; init; }

    public int Rejected { get; init; }

    public int Failed { get; init; }

    /// <summary>Rejects by 5GMM cause ("#3", "authentication reject", …).</summary>
    public SortedDictionary<string, int> RejectedBy { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Failures by reason ("timeout", "released", …).</summary>
    public SortedDictionary<string, int> FailedBy { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Latency of the successful runs; null when none succeeded.</summary>
    public LatencySummary? LatencyMs { get; init; }

    /// <summary>Successful runs per second over the phase's wall time.</summary>
    public double PerSecond { get; init; }

    /// <summary>
    /// Of the successful runs, the wait for each downlink step: from the UE's previous uplink (or the start) to the
    /// downlink named (e.g. "Authentication request": AMF, AUSF, UDM and UDR at work). Tells where a latency tail sits.
    /// </summary>
    public SortedDictionary<string, LatencySummary>? StepsMs { get; init; }

    /// <summary>CPU time (user + system, every thread) this process used during the phase, in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary><see cref="CpuSeconds"/> per successful run in milliseconds; null when none succeeded.</summary>
    public double? CpuMsPerSuccess { get; init; }

    /// <summary>Time this process was paused for garbage collection during the phase, in milliseconds.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Time the JIT compiled methods during the phase (every thread), in milliseconds: warm-up shows here.</summary>
    public double JitMs { get; init; }

    /// <summary>Thread-pool threads at the end of the phase (growth means work items blocked threads).</summary>
    public int ThreadPoolThreads { get; init; }
}

public sealed record SimReport
{
    public int Gnbs { get; init; }

    public int Ues { get; init; }

    /// <summary>UEs registered at the end of the registration phase.</summary>
    public int Registered { get; init; }

    /// <summary>With de-registration at the end: the registered UEs that de-registered again (the rest are in the "deregistration" line's rejects and failures).</summary>
    public int? Deregistered { get; init; }

    /// <summary>UEs the run never started (the duration ran out or it was cancelled).</summary>
    public int NotStarted { get; init; }

    public double RateTarget { get; init; }

    public double DurationSeconds { get; init; }

    public SortedDictionary<string, ProcedureSummary> Procedures { get; init; } = new(StringComparer.Ordinal);

    /// <summary>With a ping through the sessions: ping's exit code (0 = replies came back; -1 = it did not run).</summary>
    public int? PingExitCode { get; init; }

    /// <summary>The registration phase's CPU time per registered UE in milliseconds (see <see cref="CpuCovers"/>).</summary>
    public double? CpuMsPerRegistration { get; init; }

    /// <summary>What the CPU figures cover: this process's CPU, which is the simulator alone or core and simulator together.</summary>
    public string? CpuCovers { get; init; }

    /// <summary>The SCTP stack's retransmissions and timer expiries during the run (every association of this process).</summary>
    public GlassCore.Sctp.SctpStackCounters? Sctp { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimReport))]
public sealed partial class SimReportJson : JsonSerializerContext;

/// <summary>Collects outcomes from many UE tasks at once; <see cref="Summarise"/> is called when a phase is over.</summary>
public sealed class OutcomeRecorder
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, List<double>> _steps = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _rejected = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _failed = new(StringComparer.Ordinal);
    private int _attempted;
    private int _succeeded;

    public int Attempted { get { lock (_gate) { return _attempted; } } }

    public int Succeeded { get { lock (_gate) { return _succeeded; } } }

    public int Done { get { lock (_gate) { return _succeeded + _rejected.Values.Sum() + _failed.Values.Sum(); } } }

    public void Started()
    {
        lock (_gate)
        {
            _attempted++;
        }
    }

    public void Add(ProcedureOutcome o)
    {
        lock (_gate)
        {
            switch (o.Result)
            {
                case ProcedureResult.Succeeded:
                    _succeeded++;
                    _latencies.Add(o.LatencyMs);
                    foreach (StepLatency step in o.Steps ?? [])
                    {
                        if (!_steps.TryGetValue(step.Name, out List<double>? list))
                        {
                            _steps[step.Name] = list = [];
                        }
                        list.Add(step.Ms);
                    }
                    break;
                case ProcedureResult.Rejected:
                    _rejected[o.Detail] = _rejected.GetValueOrDefault(o.Detail) + 1;
                    break;
                default:
                    string why = o.Detail.Length == 0 ? "no answer" : o.Detail;
                    _failed[why] = _failed.GetValueOrDefault(why) + 1;
                    break;
            }
        }
    }

    public ProcedureSummary Summarise(TimeSpan wall) => Summarise(wall, default);

    /// <summary>As above, with the process's CPU time and GC pauses over the phase.</summary>
    public ProcedureSummary Summarise(TimeSpan wall, ResourceUse used)
    {
        lock (_gate)
        {
            double[] sorted = [.. _latencies];
            Array.Sort(sorted);
            SortedDictionary<string, LatencySummary>? steps = _steps.Count == 0 ? null : new(StringComparer.Ordinal);
            foreach ((string name, List<double> values) in _steps)
            {
                double[] v = [.. values];
                Array.Sort(v);
                steps![name] = Latency(v);
            }
            return new ProcedureSummary
            {
                Attempted = _attempted,
                Succeeded = _succeeded,
                Rejected = _rejected.Values.Sum(),
                Failed = _failed.Values.Sum(),
                RejectedBy = new(_rejected, StringComparer.Ordinal),
                FailedBy = new(_failed, StringComparer.Ordinal),
                LatencyMs = sorted.Length == 0 ? null : Latency(sorted),
                PerSecond = wall > TimeSpan.Zero ? Math.Round(_succeeded / wall.TotalSeconds, 1) : 0,
                StepsMs = steps,
                CpuSeconds = Math.Round(used.Cpu.TotalSeconds, 3),
                CpuMsPerSuccess = _succeeded == 0 ? null : Math.Round(used.Cpu.TotalMilliseconds / _succeeded, 4),
                GcPauseMs = Math.Round(used.GcPause.TotalMilliseconds, 1),
                JitMs = Math.Round(used.Jit.TotalMilliseconds, 1),
                ThreadPoolThreads = ThreadPool.ThreadCount,
            };
        }
    }

    private static LatencySummary Latency(double[] sorted) =>
        new(Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], Math.Round(sorted.Average(), 3));

    private static double Rank(double[] sorted, double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}

/// <summary>What the process spent over an interval: CPU time (user + system, all threads) and GC pause time.</summary>
public readonly record struct ResourceUse(TimeSpan Cpu, TimeSpan GcPause, TimeSpan Jit)
{
    /// <summary>The process's totals so far; subtract two readings for an interval.</summary>
    public static ResourceUse Now() => new(Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompilationTime());

    public static ResourceUse operator -(ResourceUse a, ResourceUse b) => new(a.Cpu - b.Cpu, a.GcPause - b.GcPause, a.Jit - b.Jit);

    public ResourceUse Subtract(ResourceUse other) => this - other;
}
