// The one output contract of every `glasscore tools` command: one JSON object on stdout and exit 0,
// or {"error": "..."} on stderr and exit 2 for bad input.
using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace GlassCore.Cli.Tools;

/// <summary>Bad input to a tool command: reported as a JSON error with exit code 2.</summary>
internal sealed class ToolInputException(string message) : Exception(message);

internal static class ToolOutput
{
    public const int BadInput = 2;

    /// <summary>Runs a tool body that writes one JSON object; maps bad input to exit code 2.</summary>
    public static int Run(ParseResult parse, Action<Utf8JsonWriter> body) =>
        Run(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, body);

    public static int Run(TextWriter stdout, TextWriter stderr, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }
            stdout.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            return 0;
        }
        catch (Exception e) when (e is ToolInputException or FormatException or ArgumentException or OverflowException)
        {
            WriteError(stderr, e.Message);
            return BadInput;
        }
    }

    public static void WriteError(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }
        stderr.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// Parse errors (a missing required option, a value of the wrong type) of a `tools` command follow the same
    /// contract: the errors as one JSON error on stderr and exit code 2. Returns null for anything else, which is then
    /// invoked as usual (help, version, other command groups).
    /// </summary>
    public static int? ReportParseErrors(ParseResult parse, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count == 0 || !IsUnderTools(parse.CommandResult))
        {
            return null;
        }
        WriteError(stderr, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return BadInput;
    }

    private static bool IsUnderTools(System.CommandLine.Parsing.SymbolResult? result)
    {
        for (; result is not null; result = result.Parent)
        {
            if (result is System.CommandLine.Parsing.CommandResult c && c.Command.Name == "tools" && c.Parent is System.CommandLine.Parsing.CommandResult { Parent: null })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a hex option value; bad hex is bad input, named after the option.</summary>
    public static byte[] Hex(string? value, string option, int? length = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ToolInputException($"{option}: a hex value is required");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            throw new ToolInputException($"{option}: '{value}' is not an even-length hex string");
        }
        if (length is int n && bytes.Length != n)
        {
            throw new ToolInputException($"{option}: expected {n} bytes, got {bytes.Length}");
        }
        return bytes;
    }

    /// <summary>Writes a byte string as lowercase hex, the convention of every tool's output.</summary>
    public static void WriteHex(this Utf8JsonWriter writer, string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, Convert.ToHexStringLower(value));
    }
}
