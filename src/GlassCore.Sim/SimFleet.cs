// Issue 7 `glasscore sim`: many UEs as cheap objects (no task per idle UE), registrations started at a fixed rate or
// as fast as a concurrency limit allows, then (issue 8) a PDU session per registered UE and its release, then
// de-registration of every UE that registered.
using System.Diagnostics;

namespace GlassCore.Sim;

public sealed record SimOptions
{
    /// <summary>Procedures started per second; 0 starts them as fast as <see cref="Concurrency"/> allows.</summary>
    public double Rate { get; init; }

    /// <summary>At most this many procedures waiting for the network at once.</summary>
    public int Concurrency { get; init; } = 512;

    /// <summary>No new registration starts after this long; null = until every UE has had its turn.</summary>
    public TimeSpan? Duration { get; init; }

    public bool Deregister { get; init; } = true;

    /// <summary>Each registered UE establishes this PDU session (and releases it before de-registering); null = none.</summary>
    public PduSessionRequest? Session { get; init; }

    /// <summary>Runs once the sessions are established (with the UEs whose session is up), before they are released:
    /// e.g. a ping through them, or holding them for a while.</summary>
    public Func<IReadOnlyList<SimUe>, CancellationToken, Task>? WhileSessionsUp { get; init; }

    /// <summary>With <see cref="Session"/>: release the sessions before de-registration (else they go with it).</summary>
    public bool ReleaseSessions { get; init; } = true;

    /// <summary>
    /// TS 24.501 §5.3.7 / §5.5.1.3: each registered UE goes to 5GMM-IDLE and, when T3512 from its Registration Accept
    /// expires there, performs periodic registration updating (before sessions and de-registration).
    /// </summary>
    public bool PeriodicRegistration { get; init; }

    /// <summary>How long one procedure may take before it counts as failed ("timeout").</summary>
    public TimeSpan ProcedureTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A running simulation; the CLI polls <see cref="Phase"/> and <see cref="Current"/> for its live display.</summary>
public sealed class SimRun(IReadOnlyList<SimUe> ues, int gnbs, SimOptions options)
{
    private volatile OutcomeRecorder _current = new();
    private volatile string _phase = "registration";

    public string Phase => _phase;

    public OutcomeRecorder Current => _current;

    public int Total => ues.Count;

    public async Task<SimReport> RunAsync(CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        var procedures = new SortedDictionary<string, ProcedureSummary>(StringComparer.Ordinal);
        var registered = new bool[ues.Count];
        var (reg, notStarted) = await PhaseAsync("registration", ues, (ue, t) => ue.RegisterAsync(options.ProcedureTimeout, t),
            (i, o) => registered[i] = o.Succeeded, options.Duration, ct);
        procedures["registration"] = reg;
        int registeredCount = registered.Count(r => r);
        if (options.PeriodicRegistration && !ct.IsCancellationRequested)
        {
            SimUe[] periodic = [.. ues.Where((_, i) => registered[i])];
            var (upd, _) = await PhaseAsync("periodic registration", periodic, (ue, t) => ue.PeriodicRegistrationAsync(options.ProcedureTimeout, t), null, null, ct);
            procedures["periodic registration"] = upd;
        }
        if (options.Session is { } request && !ct.IsCancellationRequested)
        {
            SimUe[] withSessions = [.. ues.Where((_, i) => registered[i])];
            var established = new bool[withSessions.Length];
            var (est, _) = await PhaseAsync("session establishment", withSessions, (ue, t) => ue.EstablishPduSessionAsync(request, options.ProcedureTimeout, t),
                (i, o) => established[i] = o.Succeeded, null, ct);
            procedures["session establishment"] = est;
            if (options.WhileSessionsUp is { } hook && !ct.IsCancellationRequested)
            {
                await hook([.. withSessions.Where((_, i) => established[i])], ct);
            }
            if (options.ReleaseSessions && !ct.IsCancellationRequested)
            {
                SimUe[] toRelease = [.. withSessions.Where((_, i) => established[i])];
                var (rel, _) = await PhaseAsync("session release", toRelease, (ue, t) => ue.ReleasePduSessionAsync(request.PduSessionId, options.ProcedureTimeout, t), null, null, ct);
                procedures["session release"] = rel;
            }
        }
        int? deregisteredCount = null;
        if (options.Deregister && !ct.IsCancellationRequested)
        {
            SimUe[] toLeave = [.. ues.Where((_, i) => registered[i])];
            var (dereg, _) = await PhaseAsync("deregistration", toLeave, (ue, t) => ue.DeregisterAsync(options.ProcedureTimeout, t), null, null, ct);
            procedures["deregistration"] = dereg;
            deregisteredCount = dereg.Succeeded;
        }
        return new SimReport
        {
            Gnbs = gnbs,
            Ues = ues.Count,
            Registered = registeredCount,
            Deregistered = deregisteredCount,
            NotStarted = notStarted,
            RateTarget = options.Rate,
            DurationSeconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3),
            Procedures = procedures,
            CpuMsPerRegistration = reg.CpuMsPerSuccess,
        };
    }

    private async Task<(ProcedureSummary Summary, int NotStarted)> PhaseAsync(string name, IReadOnlyList<SimUe> list,
        Func<SimUe, CancellationToken, Task<ProcedureOutcome>> run, Action<int, ProcedureOutcome>? done, TimeSpan? duration, CancellationToken ct)
    {
        var recorder = new OutcomeRecorder();
        _current = recorder;
        _phase = name;
        using var slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        var tasks = new List<Task>(list.Count);
        long t0 = Stopwatch.GetTimestamp();
        ResourceUse used0 = ResourceUse.Now();
        int started = 0;
        try
        {
            for (; started < list.Count; started++)
            {
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t0);
                if (duration is { } d && elapsed >= d)
                {
                    break;
                }
                if (options.Rate > 0)
                {
                    // Open-loop pacing: the i-th start is due at i/rate; a late loop catches up without sleeping.
                    TimeSpan wait = TimeSpan.FromSeconds(started / options.Rate) - elapsed;
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, ct);
                    }
                }
                await slots.WaitAsync(ct);
                recorder.Started();
                int index = started;
                SimUe ue = list[index];
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        ProcedureOutcome o = await run(ue, ct);
                        recorder.Add(o);
                        done?.Invoke(index, o);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: what started is still awaited (each ends by its own answer, timeout or "cancelled").
        }
        await Task.WhenAll(tasks);
        return (recorder.Summarise(Stopwatch.GetElapsedTime(t0), ResourceUse.Now() - used0), list.Count - started);
    }
}
