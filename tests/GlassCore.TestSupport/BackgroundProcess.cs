// Runs a peer program (usrsctp examples, tshark, a child test peer) in the background for a test and always stops it.
using System.Diagnostics;
using System.Text;

namespace GlassCore.TestSupport;

/// <summary>
/// A child process whose stdout and stderr are collected line by line. Tests wait for a line to appear instead of
/// sleeping; <see cref="Dispose"/> kills the whole process tree, so a failing test leaves nothing running.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private BackgroundProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static BackgroundProcess Start(string fileName, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var bp = new BackgroundProcess(process);
        process.OutputDataReceived += (_, e) => bp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bp.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException(fileName + " did not start");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bp;
    }

    /// <summary>Standard input, when started with <c>redirectInput</c>.</summary>
    public StreamWriter Input => _process.StandardInput;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _output.Append(line).Append('\n');
        }
        _lineArrived.Release();
    }

    /// <summary>Waits until the collected output satisfies <paramref name="condition"/>; throws with the output on timeout or exit.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (!condition(Output))
        {
            if (_process.HasExited && !condition(Output))
            {
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                if (condition(Output))
                {
                    return;
                }
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before the expected output:\n{Output}");
            }
            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName}: expected output did not appear in {timeout}:\n{Output}");
            }
        }
    }

    public Task WaitForLineAsync(string text, TimeSpan timeout) => WaitForOutputAsync(o => o.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>SIGKILL, the way a crash looks to the peer: no SHUTDOWN, no ABORT.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>SIGINT, for programs that flush and exit cleanly on Ctrl-C (tshark writing a capture).</summary>
    public void Interrupt()
    {
        if (_process.HasExited)
        {
            return;
        }
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(10_000);
    }

    /// <summary>Waits for a normal exit.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _lineArrived.Dispose();
    }
}
