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

    public ProcedureSummary Summarise(TimeSpan wall)
    {
        lock (_gate)
        {
            double[] sorted = [.. _latencies];
            Array.Sort(sorted);
            return new ProcedureSummary
            {
                Attempted = _attempted,
                Succeeded = _succeeded,
                Rejected = _rejected.Values.Sum(),
                Failed = _failed.Values.Sum(),
                RejectedBy = new(_rejected, StringComparer.Ordinal),
                FailedBy = new(_failed, StringComparer.Ordinal),
                LatencyMs = sorted.Length == 0 ? null : new LatencySummary(Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], Math.Round(sorted.Average(), 3)),
                PerSecond = wall > TimeSpan.Zero ? Math.Round(_succeeded / wall.TotalSeconds, 1) : 0,
            };
        }
    }

    private static double Rank(double[] sorted, double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
