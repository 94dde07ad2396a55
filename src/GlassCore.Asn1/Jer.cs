// ITU-T X.697 JSON encoding rules: the helpers generated WriteJer/TryReadJer methods call.
using System.Globalization;
using System.Text.Json;

namespace GlassCore.Asn1;

/// <summary>A generated type that writes and reads its X.697 JER form.</summary>
public interface IJerType<TSelf> where TSelf : IJerType<TSelf>
{
    void WriteJer(Utf8JsonWriter j);

    static abstract bool TryReadJer(JsonElement e, out TSelf value);
}

public static class Jer
{
    /// <summary>X.697 §24: a BIT STRING of fixed size is a hex string; otherwise {"value": hex, "length": bits}.</summary>
    public static void WriteBitString(Utf8JsonWriter j, BitString value, bool fixedSize)
    {
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(value);
        if (fixedSize)
        {
            j.WriteStringValue(Convert.ToHexStringLower(value.Bytes));
            return;
        }
        j.WriteStartObject();
        j.WriteString("value", Convert.ToHexStringLower(value.Bytes));
        j.WriteNumber("length", value.Length);
        j.WriteEndObject();
    }

    /// <summary>X.697 §21: ENUMERATED as its identifier (an index beyond the known ones as a number).</summary>
    public static void WriteEnum(Utf8JsonWriter j, int value, string[] names)
    {
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(names);
        if (value >= 0 && value < names.Length)
        {
            j.WriteStringValue(names[value]);
        }
        else
        {
            j.WriteNumberValue(value);
        }
    }

    public static bool TryReadEnum(JsonElement e, string[] names, out int value)
    {
        ArgumentNullException.ThrowIfNull(names);
        value = 0;
        if (e.ValueKind == JsonValueKind.String)
        {
            value = Array.IndexOf(names, e.GetString());
            return value >= 0;
        }
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value) && value >= 0;
    }

    public static bool TryReadInteger(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    public static bool TryReadUnsigned(JsonElement e, out ulong value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out value);
    }

    public static bool TryReadBoolean(JsonElement e, out bool value)
    {
        value = e.ValueKind == JsonValueKind.True;
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    public static bool TryReadNull(JsonElement e, out Asn1Null value)
    {
        value = default;
        return e.ValueKind == JsonValueKind.Null;
    }

    public static bool TryReadString(JsonElement e, out string value)
    {
        value = "";
        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = e.GetString() ?? "";
        return true;
    }

    public static bool TryReadHex(JsonElement e, out byte[] value)
    {
        value = [];
        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        string s = e.GetString() ?? "";
        if (s.Length % 2 != 0)
        {
            return false;
        }
        try
        {
            value = Convert.FromHexString(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>X.697 §24: a fixed-size BIT STRING is only its hex octets; the size comes from the type.</summary>
    /// <summary>X.697 §25: a fixed-size OCTET STRING as hex; a different size is not a value of the type.</summary>
    public static bool TryReadFixedOctets(JsonElement e, int length, out FixedOctetString value)
    {
        value = default;
        if (!TryReadHex(e, out byte[] bytes) || bytes.Length != length || length > FixedOctetString.MaxLength)
        {
            return false;
        }
        value = new FixedOctetString(bytes);
        return true;
    }

    public static bool TryReadBitString(JsonElement e, int fixedLength, out BitString value)
    {
        value = new BitString([], 0);
        if (!TryReadHex(e, out byte[] bytes) || bytes.Length != (fixedLength + 7) / 8)
        {
            return false;
        }
        if (fixedLength % 8 != 0)
        {
            bytes[^1] &= (byte)(0xff << (8 - (fixedLength % 8)));
        }
        value = new BitString(bytes, fixedLength);
        return true;
    }

    public static bool TryReadBitString(JsonElement e, out BitString value)
    {
        value = new BitString([], 0);
        if (e.ValueKind == JsonValueKind.String)
        {
            if (!TryReadHex(e, out byte[] bytes))
            {
                return false;
            }
            value = new BitString(bytes);
            return true;
        }
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("value", out var v) || !e.TryGetProperty("length", out var l)
            || !TryReadHex(v, out byte[] b) || !l.TryGetInt32(out int length) || length < 0 || b.Length != (length + 7) / 8)
        {
            return false;
        }
        value = new BitString(b, length);
        return true;
    }

    /// <summary>Reads a member of a JER object, or reports that it is absent.</summary>
    public static bool TryMember(JsonElement e, string name, out JsonElement member)
    {
        member = default;
        return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out member);
    }

    /// <summary>X.697 §23 CHOICE: an object with exactly one member, the chosen alternative.</summary>
    public static bool TryChoice(JsonElement e, out string name, out JsonElement value)
    {
        name = "";
        value = default;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        int n = 0;
        foreach (var p in e.EnumerateObject())
        {
            name = p.Name;
            value = p.Value;
            n++;
        }
        return n == 1;
    }

    public static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
