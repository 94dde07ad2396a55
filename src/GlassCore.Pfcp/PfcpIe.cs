// TS 29.244 §8.1.1: the IE format (Type, Length, optional Enterprise ID, value).
using System.Buffers.Binary;
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>The value of one IE: a typed leaf, a grouped IE or raw octets. Writes exactly <see cref="Length"/> bytes.</summary>
public interface IPfcpIeValue
{
    /// <summary>Length of the value (after the Type, Length and any Enterprise ID octets).</summary>
    int Length { get; }

    void Write(Span<byte> destination);

    /// <summary>Writes the decoded fields as JSON properties of the IE's object (tools output).</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>One IE as it appears in a message or grouped IE, in wire order.</summary>
public sealed class PfcpIe
{
    public PfcpIe(ushort type, IPfcpIeValue value, ushort enterpriseId = 0)
    {
        ArgumentNullException.ThrowIfNull(value);
        Type = type;
        Value = value;
        EnterpriseId = enterpriseId;
    }

    public ushort Type { get; }

    /// <summary>Present (on the wire) only for vendor-specific IEs, type 32768 and above (§8.1.1).</summary>
    public ushort EnterpriseId { get; }

    public IPfcpIeValue Value { get; }

    public bool IsVendorSpecific => Type >= 0x8000;

    public string Name => PfcpIeNames.Get(Type);

    public int EncodedLength => 4 + (IsVendorSpecific ? 2 : 0) + Value.Length;

    public int Write(Span<byte> destination)
    {
        int valueLength = Value.Length;
        int header = IsVendorSpecific ? 6 : 4;
        if (valueLength + (IsVendorSpecific ? 2 : 0) > ushort.MaxValue)
        {
            throw new InvalidOperationException($"IE {Name} is longer than 65535 octets");
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination, Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(valueLength + header - 4));
        if (IsVendorSpecific)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[4..], EnterpriseId);
        }
        Value.Write(destination.Slice(header, valueLength));
        return header + valueLength;
    }
}

/// <summary>An IE kept as octets: unknown and vendor-specific IEs are re-encoded unchanged.</summary>
public sealed class RawIe(byte[] octets) : IPfcpIeValue
{
    public byte[] Octets { get; } = octets ?? throw new ArgumentNullException(nameof(octets));

    public int Length => Octets.Length;

    public void Write(Span<byte> destination) => Octets.CopyTo(destination);

    public void WriteJson(Utf8JsonWriter writer)
    {
    }
}
