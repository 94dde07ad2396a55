// Builds the TS 24.501 §8 message classes at build time from the committed message tables (nothing generated is committed).
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GlassCore.Nas.Generator;

/// <summary>
/// Reads every *.nas-messages.tsv / nas-messages.tsv AdditionalFile: "message" rows (class, 5GMM or 5GSM, clause, name as
/// the spec heads its clause) each followed by its "ie" rows in table order (format, IEI, kind, length, property, type,
/// name as the spec spells it). Emits one partial class per message with its <c>MessageLayout</c> and one typed
/// property per IE; checks across IEs stay hand-written in the other part of the partial class.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NasMessageGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor s_tableError = new(
        "NAS001",
        "NAS message table error",
        "{0}",
        "GlassCore.Nas",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tables = context.AdditionalTextsProvider
            .Where(f => f.Path.EndsWith("nas-messages.tsv", System.StringComparison.OrdinalIgnoreCase))
            .Select((f, ct) => (f.Path, Text: f.GetText(ct)?.ToString() ?? ""));
        context.RegisterSourceOutput(tables, Execute);
    }

    private static void Execute(SourceProductionContext context, (string Path, string Text) table)
    {
        List<Message> messages;
        try
        {
            messages = NasMessageTable.Parse(table.Text);
        }
        catch (TableException e)
        {
            var pos = new LinePosition(e.Line - 1, 0);
            context.ReportDiagnostic(Diagnostic.Create(s_tableError, Location.Create(table.Path, new TextSpan(0, 0), new LinePositionSpan(pos, pos)), e.Message));
            return;
        }
        foreach (var m in messages)
        {
            context.AddSource(m.Class + ".g.cs", SourceText.From(NasMessageTable.Emit(m), Encoding.UTF8));
        }
    }
}

internal sealed class TableException(int line, string message) : System.Exception(message)
{
    public int Line { get; } = line;
}

internal sealed class Message(string @class, string discriminator, string clause, string name, int line)
{
    public string Class { get; } = @class;
    public string Discriminator { get; } = discriminator;
    public string Clause { get; } = clause;
    public string Name { get; } = name;
    public int Line { get; } = line;
    public List<Ie> Ies { get; } = [];
}

internal sealed class Ie(string format, string iei, string kind, string length, string property, string type, string name)
{
    public string Format { get; } = format;
    public string Iei { get; } = iei;
    public string Kind { get; } = kind;
    public string Length { get; } = length;
    public string Property { get; } = property;
    public string Type { get; } = type;
    public string Name { get; } = name;
}

internal static class NasMessageTable
{
    private static readonly HashSet<string> s_formats = ["VHalf", "Spare", "V", "Lv", "LvE", "Tv1", "Tv", "Tlv", "TlvE"];

    public static List<Message> Parse(string text)
    {
        var messages = new List<Message>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            string[] c = line.Split('\t');
            if (c[0] == "message")
            {
                if (c.Length != 5 || (c[2] != "FiveGmm" && c[2] != "FiveGsm"))
                {
                    throw new TableException(n + 1, "a message row is: message, class, FiveGmm|FiveGsm, clause, name");
                }
                if (messages.Any(m => m.Class == c[1]))
                {
                    throw new TableException(n + 1, $"message {c[1]} appears twice");
                }
                messages.Add(new Message(c[1], c[2], c[3], c[4], n + 1));
            }
            else if (c[0] == "ie")
            {
                if (messages.Count == 0 || c.Length != 8 || !s_formats.Contains(c[1]))
                {
                    throw new TableException(n + 1, "an ie row follows a message row and is: ie, format, IEI, kind, length, property, type, name");
                }
                var ie = new Ie(c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
                Check(ie, messages[messages.Count - 1], n + 1);
                messages[messages.Count - 1].Ies.Add(ie);
            }
            else
            {
                throw new TableException(n + 1, $"unknown row kind '{c[0]}'");
            }
        }
        return messages;
    }

    /// <summary>TS 24.007 §11.2.4 IEI rules and the table's own consistency; a mistake here fails the build, not a decode.</summary>
    private static void Check(Ie ie, Message m, int line)
    {
        bool optional = ie.Format is "Tv1" or "Tv" or "Tlv" or "TlvE";
        if (optional)
        {
            int iei = ParseIei(ie, line);
            bool ok = ie.Format switch
            {
                "Tv1" => iei is >= 0x8 and <= 0xF,
                "TlvE" => (iei & 0xF0) == 0x70,
                _ => iei is >= 0x10 and < 0x70,
            };
            if (!ok)
            {
                throw new TableException(line, $"{m.Class}: IEI {ie.Iei} does not fit format {ie.Format} (TS 24.007 §11.2.4)");
            }
            if (m.Ies.Any(o => o.Iei == ie.Iei && (o.Format == "Tv1") == (ie.Format == "Tv1")))
            {
                throw new TableException(line, $"{m.Class}: IEI {ie.Iei} appears twice");
            }
        }
        else if (ie.Iei != "-")
        {
            throw new TableException(line, $"{m.Class}: mandatory IE '{ie.Name}' has an IEI");
        }
        if (ie.Format != "Spare" && (ie.Property == "-" || ie.Type == "-"))
        {
            throw new TableException(line, $"{m.Class}: IE '{ie.Name}' needs a property name and type");
        }
        if (m.Ies.Any(o => o.Property == ie.Property && ie.Property != "-"))
        {
            throw new TableException(line, $"{m.Class}: property {ie.Property} appears twice");
        }
        bool hasLength = ie.Format is "V" or "Lv" or "LvE" or "Tv" or "Tlv" or "TlvE";
        if (hasLength != (ie.Length != "-") || (hasLength && !int.TryParse(ie.Length, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new TableException(line, $"{m.Class}: IE '{ie.Name}' length '{ie.Length}' does not suit format {ie.Format}");
        }
    }

    private static int ParseIei(Ie ie, int line)
    {
        string hex = ie.Format == "Tv1" ? ie.Iei.TrimEnd('-') : ie.Iei;
        if ((ie.Format == "Tv1" ? hex.Length != 1 || !ie.Iei.EndsWith("-") : hex.Length != 2)
            || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
        {
            throw new TableException(line, $"IEI '{ie.Iei}' is not 2 hex digits (or 1 and '-' for a type 1 IE)");
        }
        return v;
    }

    public static string Emit(Message m)
    {
        var b = new StringBuilder();
        b.Append("// <auto-generated/> by GlassCore.Nas.Generator from nas-messages.tsv: TS 24.501 ").Append(m.Clause).Append(' ').Append(m.Name).Append(".\n");
        b.Append("#nullable enable\nusing GlassCore.Nas.Ies;\n\nnamespace GlassCore.Nas.Messages;\n\n");
        b.Append("/// <summary>").Append(Xml(m.Name)).Append(" (TS 24.501 ").Append(m.Clause).Append(").</summary>\n");
        b.Append("public sealed partial class ").Append(m.Class).Append("() : ").Append(m.Discriminator).Append("Message(Table)\n{\n");
        b.Append("    public static readonly MessageLayout Table = new(NasMessageTypes.").Append(m.Class).Append(", ").Append(Str(m.Name)).Append(",\n    [\n");
        foreach (var ie in m.Ies)
        {
            b.Append("        IeSpec.").Append(Factory(ie)).Append(",\n");
        }
        b.Append("    ]);\n");
        for (int i = 0; i < m.Ies.Count; i++)
        {
            var ie = m.Ies[i];
            if (ie.Format == "Spare")
            {
                continue;
            }
            bool optional = ie.Format is "Tv1" or "Tv" or "Tlv" or "TlvE";
            string index = i.ToString(CultureInfo.InvariantCulture);
            b.Append("\n    /// <summary>").Append(Xml(ie.Name)).Append(".</summary>\n    public ").Append(ie.Type).Append(optional ? "? " : " ").Append(ie.Property)
                .Append(optional ? " { get => GetOptional<" : " { get => Get<").Append(ie.Type).Append(">(").Append(index).Append("); set => ")
                .Append(optional ? "SetOptional(" : "Set(").Append(index).Append(", value); }\n");
        }
        b.Append("}\n");
        return b.ToString();
    }

    private static string Factory(Ie ie)
    {
        string kind = "IeKind." + ie.Kind;
        string name = Str(ie.Name);
        return ie.Format switch
        {
            "Spare" => "Spare()",
            "VHalf" => $"VHalf({name}, {kind})",
            "V" or "Lv" or "LvE" => $"{ie.Format}({name}, {kind}, {ie.Length})",
            "Tv1" => $"Tv1(0x{ie.Iei.TrimEnd('-')}, {name}, {kind})",
            _ => $"{ie.Format}(0x{ie.Iei}, {name}, {kind}, {ie.Length})",
        };
    }

    private static string Str(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
