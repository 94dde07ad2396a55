// The demo's message ladder: one line per NGAP message (TS 38.413 procedure names) with the NAS message it carries
// (TS 24.501 names), in the order the simulated gNB saw them.
using System.Collections.Concurrent;
using System.Globalization;
using GlassCore.Sim;

namespace GlassCore.Cli.Demo;

internal sealed class Ladder
{
    private readonly ConcurrentQueue<LadderEntry> _entries = new();

    public void Add(LadderEntry e) => _entries.Enqueue(e);

    public IReadOnlyList<LadderEntry> Entries => [.. _entries];

    /// <summary>"UE1  → AMF  InitialUEMessage                 Registration request" (non-UE lines name the gNB).</summary>
    public static string Format(LadderEntry e)
    {
        string who = e.Ue < 0 ? "gNB" : string.Create(CultureInfo.InvariantCulture, $"UE{e.Ue + 1}");
        string arrow = e.Uplink ? "\u2192 AMF" : "\u2190 AMF";
        return string.Create(CultureInfo.InvariantCulture, $"{who,-4} {arrow}  NGAP {e.Ngap,-28}{(e.Nas is null ? "" : " NAS " + e.Nas)}").TrimEnd();
    }
}
