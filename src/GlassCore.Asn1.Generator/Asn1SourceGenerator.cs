// Runs the ASN.1 compiler at build time over a project's .asn AdditionalFiles (nothing generated is committed).
using System.Collections.Immutable;
using GlassCore.Asn1.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GlassCore.Asn1.Generator;

[Generator(LanguageNames.CSharp)]
public sealed class Asn1SourceGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor s_compileError = new(
        "ASN1001",
        "ASN.1 compile error",
        "{0}",
        "GlassCore.Asn1",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(f => f.Path.EndsWith(".asn", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".asn1", StringComparison.OrdinalIgnoreCase))
            .Select((f, ct) => (Path: f.Path, Text: f.GetText(ct)?.ToString() ?? ""))
            .Collect();
        var ns = context.AnalyzerConfigOptionsProvider.Select((o, _) =>
            o.GlobalOptions.TryGetValue("build_property.Asn1Namespace", out var v) && !string.IsNullOrWhiteSpace(v) ? v
            : o.GlobalOptions.TryGetValue("build_property.RootNamespace", out var r) && !string.IsNullOrWhiteSpace(r) ? r
            : "Asn1Generated");
        // Asn1ValueTypes: ASN.1 SEQUENCE names generated as structs, separated by spaces or commas (MSBuild passes a
        // property to the generator only up to its first ';'); made visible with CompilerVisibleProperty.
        var valueTypes = context.AnalyzerConfigOptionsProvider.Select((o, _) =>
            o.GlobalOptions.TryGetValue("build_property.Asn1ValueTypes", out var v) && !string.IsNullOrWhiteSpace(v)
                ? string.Join(";", v.Split([' ', ',', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
                : "");
        context.RegisterSourceOutput(files.Combine(ns).Combine(valueTypes), (c, x) => Execute(c, (x.Left.Left, x.Left.Right, x.Right)));
    }

    private static void Execute(SourceProductionContext context, (ImmutableArray<(string Path, string Text)> Files, string Ns, string ValueTypes) input)
    {
        if (input.Files.IsDefaultOrEmpty)
        {
            return;
        }
        var sources = input.Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, f.Text)).ToList();
        string code;
        try
        {
            code = Emitter.Compile(sources, input.Ns, input.ValueTypes.Split([';'], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Asn1CompileException e)
        {
            var pos = new LinePosition(Math.Max(0, e.Position.Line - 1), Math.Max(0, e.Position.Column - 1));
            var location = Location.Create(e.Position.File, new TextSpan(0, 0), new LinePositionSpan(pos, pos));
            context.ReportDiagnostic(Diagnostic.Create(s_compileError, location, e.Reason));
            return;
        }
        context.AddSource("Asn1.g.cs", SourceText.From(code, System.Text.Encoding.UTF8));
    }
}
