// Tools output for PFCP: each IE with its TS 29.244 name, decoded fields and raw value octets.
using System.Text.Json;

namespace GlassCore.Pfcp;

public static class PfcpJson
{
    public static void WriteIe(Utf8JsonWriter writer, PfcpIe ie)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ie);
        writer.WriteStartObject();
        writer.WriteNumber("type", ie.Type);
        writer.WriteString("name", ie.Name);
        if (ie.IsVendorSpecific)
        {
            writer.WriteNumber("enterpriseId", ie.EnterpriseId);
        }
        writer.WriteNumber("length", ie.Value.Length);
        if (ie.Value is not PfcpGroup)
        {
            var raw = new byte[ie.Value.Length];
            ie.Value.Write(raw);
            writer.WriteString("raw", Convert.ToHexStringLower(raw));
        }
        ie.Value.WriteJson(writer);
        writer.WriteEndObject();
    }
}
