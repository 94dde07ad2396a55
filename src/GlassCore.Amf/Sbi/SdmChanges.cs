// TS 29.503 §5.2.2.3.3 / §6.1.6.2.? ModificationNotification and TS 29.571 §5.2.4.? ChangeItem: the AMF's copy of the
// subscription data follows the UDM's changes (a REPLACE of the whole resource, or ADD/REMOVE/REPLACE of a member).
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sbi;

internal static class SdmChanges
{
    /// <summary>
    /// The subscription data after <paramref name="n"/>; null when nothing in it concerns this UE's am-data or SMF
    /// selection data, or a change cannot be applied (the copy is then kept as it was: the data is read again at the
    /// next initial registration).
    /// </summary>
    public static SubscriptionData? Apply(SubscriptionData held, ModificationNotification n, string? supi)
    {
        AccessAndMobilitySubscriptionData am = held.AmData;
        SmfSelectionSubscriptionData? smfSel = held.SmfSelection;
        bool changed = false;
        foreach (NotifyItem item in n.NotifyItems)
        {
            string path = Uri.TryCreate(item.ResourceId, UriKind.Absolute, out Uri? abs) ? abs.AbsolutePath : item.ResourceId.Split('?')[0];
            if (supi is null || !path.Contains("/" + supi + "/", StringComparison.Ordinal) || item.Changes is not { Count: > 0 } changes)
            {
                continue;
            }
            if (path.EndsWith("/am-data", StringComparison.Ordinal))
            {
                if (Changed(am, changes, SbiJsonContext.Default.AccessAndMobilitySubscriptionData) is not { } next)
                {
                    return null;
                }
                am = next;
                changed = true;
            }
            else if (path.EndsWith("/smf-select-data", StringComparison.Ordinal))
            {
                if (Changed(smfSel ?? new SmfSelectionSubscriptionData(), changes, SbiJsonContext.Default.SmfSelectionSubscriptionData) is not { } next)
                {
                    return null;
                }
                smfSel = next;
                changed = true;
            }
        }
        return changed ? new SubscriptionData(am, smfSel) : null;
    }

    private static T? Changed<T>(T current, List<ChangeItem> changes, JsonTypeInfo<T> info) where T : class
    {
        try
        {
            JsonNode? doc = JsonSerializer.SerializeToNode(current, info);
            foreach (ChangeItem c in changes)
            {
                if (c.Path is "" or "/" && c.Op == "REPLACE" && c.NewValue is { } whole)
                {
                    doc = JsonNode.Parse(whole.GetRawText());
                    continue;
                }
                if (doc is null || JsonPatch.Apply(doc, [new PatchItem { Op = c.Op.ToLowerInvariant(), Path = c.Path, Value = c.NewValue }]) is not null)
                {
                    return null;
                }
            }
            return doc?.Deserialize(info);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
