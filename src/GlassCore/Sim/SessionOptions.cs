// Issue 8 `glasscore sim --sessions` and `demo`: the PDU session each UE asks for (TS 24.501 §6.4.1.2) from the command
// line, and using the sessions once they are up (a ping from the UE namespace through the UPF to the data network).
using System.Diagnostics;
using System.Globalization;
using GlassCore.Nas.Ies;
using GlassCore.Sim;

namespace GlassCore.Cli.Sim;

internal static class SessionOptions
{
    /// <summary>--dnn, --slice SST[:SD hex], --pdu-type ipv4|ipv6|ipv4v6 → the request (PDU session ID 1).</summary>
    public static PduSessionRequest Request(string dnn, string slice, string pduType)
    {
        string[] parts = slice.Split(':');
        if (!byte.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out byte sst)
            || parts.Length > 2
            || (parts.Length == 2 && !uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"--slice {slice}: SST (0-255) or SST:SD (SD 6 hex digits)");
        }
        uint? sd = parts.Length == 2 ? uint.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
        byte type = pduType.ToLowerInvariant() switch
        {
            "ipv4" => PduAddress.Ipv4,
            "ipv6" => PduAddress.Ipv6,
            "ipv4v6" => PduAddress.Ipv4v6,
            _ => throw new FormatException($"--pdu-type {pduType}: ipv4, ipv6 or ipv4v6"),
        };
        return new PduSessionRequest { Dnn = dnn, Slice = new SNssaiValue(sst, sd), PduSessionType = type };
    }

    /// <summary>--hold S: keeps the sessions up for S seconds, saying which addresses to use.</summary>
    public static Func<IReadOnlyList<SimUe>, CancellationToken, Task>? Hold(double seconds, TextWriter stdout) => seconds <= 0 ? null : async (ues, ct) =>
    {
        foreach (SimUe ue in ues.Take(10))
        {
            if (ue.Nas.PduSessions.Values.FirstOrDefault(s => s.State == UePduSessionState.Active) is { } s)
            {
                await stdout.WriteLineAsync($"UE {ue.Index}: PDU session {s.PduSessionId} up, address {s.Ipv4Address?.ToString() ?? "(IPv6 only)"}");
            }
        }
        await stdout.WriteLineAsync($"holding the sessions for {seconds:F0} s");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        }
        catch (OperationCanceledException)
        {
        }
    };

    /// <summary>
    /// `ping -c 3 -I UE-ADDRESS target` inside the UE namespace: through the simulator's TUN, GTP-U to the UPF, N6 into the
    /// data network and back. Prints ping's output; returns its exit code (0 = replies came back), or -1 if it could not run.
    /// </summary>
    public static async Task<int> PingAsync(SimUserPlane userPlane, IReadOnlyList<SimUe> ues, string target, TextWriter output, CancellationToken ct)
    {
        var session = ues.Select(u => u.Nas.PduSessions.Values.FirstOrDefault(s => s.State == UePduSessionState.Active && s.Ipv4Address is not null)).FirstOrDefault(s => s is not null);
        if (userPlane.UeNamespace is not { } ns || session?.Ipv4Address is not { } source)
        {
            await output.WriteLineAsync("ping: skipped (no UE namespace or no IPv4 session)");
            return -1;
        }
        await output.WriteLineAsync($"ping {target} from UE address {source} (namespace {ns}):");
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns, "ping", "-n", "-c", "3", "-W", "2", "-I", source.ToString(), target })
        {
            psi.ArgumentList.Add(a);
        }
        try
        {
            using Process p = Process.Start(psi) ?? throw new IOException("cannot start ip");
            string text = await p.StandardOutput.ReadToEndAsync(ct);
            string err = await p.StandardError.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            await output.WriteAsync(text + err);
            return p.ExitCode;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            await output.WriteLineAsync("ping: " + e.Message);
            return -1;
        }
    }
}
