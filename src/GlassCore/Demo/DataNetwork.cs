// Issue 8: the demo's data network and UE namespaces, made and removed by scripts/dn-netns.sh (the one place that knows
// how they are wired: veth into the root namespace, where the UPF's N6 TUN routes the UE pool).
using System.Diagnostics;

namespace GlassCore.Cli.Demo;

internal sealed class DataNetwork : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _name;

    private DataNetwork(string script, string name, string address, string ueNamespace)
    {
        _script = script;
        _name = name;
        Address = address;
        UeNamespace = ueNamespace;
    }

    /// <summary>The address in the data network namespace to ping.</summary>
    public string Address { get; }

    /// <summary>The namespace the simulator's TUN goes into.</summary>
    public string UeNamespace { get; }

    /// <summary>scripts/dn-netns.sh of this checkout: next to the program's build output, or under $GLASSCORE_HOME.</summary>
    public static string? FindScript()
    {
        if (Environment.GetEnvironmentVariable("GLASSCORE_HOME") is { Length: > 0 } home && File.Exists(Path.Combine(home, "scripts", "dn-netns.sh")))
        {
            return Path.Combine(home, "scripts", "dn-netns.sh");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scripts", "dn-netns.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public static async Task<DataNetwork> CreateAsync(string name, CancellationToken ct)
    {
        string script = FindScript() ?? throw new IOException("scripts/dn-netns.sh not found (set GLASSCORE_HOME to the checkout)");
        string output = await RunAsync(script, ["up", name], ct);
        var fields = output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("dn", out string? dn) || !fields.TryGetValue("ue_netns", out string? ue))
        {
            await RunAsync(script, ["down", name], CancellationToken.None);
            throw new IOException("dn-netns.sh up printed no addresses: " + output);
        }
        return new DataNetwork(script, name, dn, ue);
    }

    private static async Task<string> RunAsync(string script, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi) ?? throw new IOException("cannot start bash");
        string output = await p.StandardOutput.ReadToEndAsync(ct);
        string error = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return p.ExitCode == 0 ? output : throw new IOException($"{script} {string.Join(' ', args)}: {error.Trim()}");
    }

    public async ValueTask DisposeAsync() => await RunAsync(_script, ["down", _name], CancellationToken.None);
}
