// tshark (Debian package `tshark`, installed by ./test.sh) is the independent decoder the tests compare against.
using System.Diagnostics;
using System.Text.Json;

namespace GlassCore.TestSupport;

public static class Tshark
{
    public static bool IsAvailable => File.Exists("/usr/bin/tshark");

    /// <summary>Runs tshark with the given arguments and returns its stdout; throws with stderr on a non-zero exit.</summary>
    public static string Run(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("tshark did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("tshark did not finish: " + string.Join(' ', psi.ArgumentList));
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited {p.ExitCode}: {stderr.Result}");
        }
        return stdout.Result;
    }

    /// <summary>Dissects a capture to JSON (`-T json`, with `-x` raw bytes when asked) under a display filter.</summary>
    public static JsonDocument DissectJson(string capture, string displayFilter, bool rawBytes = false, params string[] extraOptions)
    {
        var args = new List<string> { "-r", capture, "-T", "json", "-Y", displayFilter };
        if (rawBytes)
        {
            args.Add("-x");
        }
        args.AddRange(extraOptions);
        return JsonDocument.Parse(Run(args));
    }

    /// <summary>Link type DLT_USER0, which <see cref="UserDlt"/> maps to a dissector.</summary>
    public const int UserDlt0 = 147;

    /// <summary>The `-o` value that has tshark dissect records of user link type <paramref name="linkType"/> (147-162) as <paramref name="protocol"/>.</summary>
    public static string UserDlt(string protocol, int linkType = UserDlt0) =>
        $"uat:user_dlts:\"User {linkType - UserDlt0} (DLT={linkType})\",\"{protocol}\",\"0\",\"\",\"0\",\"\"";

    /// <summary>Dissects raw records of one protocol (one frame each, in order) to `-T json`; the temporary capture is removed.</summary>
    public static JsonDocument DissectRecords(IEnumerable<byte[]> records, string protocol)
    {
        string capture = Pcap.Write(records, UserDlt0);
        try
        {
            return JsonDocument.Parse(Run(["-o", UserDlt(protocol), "-r", capture, "-T", "json"]));
        }
        finally
        {
            File.Delete(capture);
        }
    }

    /// <summary>Writes several payloads as the records of one temporary pcap with the given link type (one tshark call for all).</summary>
    public static string TempPcap(IEnumerable<byte[]> payloads, int linkType) => Pcap.Write(payloads, linkType);

    /// <summary>Dissects a single frame given as raw bytes of one protocol (via a temporary pcap with an exported-PDU style user DLT).</summary>
    public static string TempPcap(ReadOnlySpan<byte> payload, int linkType) => Pcap.Write([payload.ToArray()], linkType);

    /// <summary>One row per frame of `-T fields` output: the requested fields, every occurrence joined by ','.</summary>
    public static List<string[]> Fields(string capture, string displayFilter, params string[] fields) => FieldsWithOptions(capture, displayFilter, [], fields);

    /// <summary>As <see cref="Fields"/>, with extra tshark options first (e.g. "-o" and a user DLT for raw NGAP records).</summary>
    public static List<string[]> FieldsWithOptions(string capture, string displayFilter, IEnumerable<string> options, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var args = new List<string>(options) { "-r", capture, "-Y", displayFilter, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t" };
        foreach (string f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }
        return Run(args).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
    }
}
