// Collects log lines so tests can wait for a logged event (a failed connect, the backend choice) instead of sleeping.
using Microsoft.Extensions.Logging;

namespace GlassCore.Sctp.Tests;

public sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _lines.Add(formatter(state, exception));
        }
    }

    public async Task WaitForAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        while (!Lines.Any(predicate))
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
