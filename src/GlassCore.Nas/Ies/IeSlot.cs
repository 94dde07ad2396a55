// TS 24.007 §11.2.1.1: an IE as received (value octets, or the half-octet value of a type 1 IE).
using System.Buffers.Binary;

namespace GlassCore.Nas.Ies;

/// <summary>One IE of a message as stored: the value octets (a slice of the received message) or the half-octet value.</summary>
public readonly struct IeSlot
{
    private IeSlot(ReadOnlyMemory<byte> value, byte nibble, bool present)
    {
        Value = value;
        Nibble = nibble;
        IsPresent = present;
    }

    public ReadOnlyMemory<byte> Value { get; }

    public byte Nibble { get; }

    public bool IsPresent { get; }

    public static IeSlot Of(ReadOnlyMemory<byte> value) => new(value, 0, true);

    public static IeSlot OfNibble(byte nibble) => new(default, (byte)(nibble & 0x0F), true);
}

/// <summary>A typed IE: built from and turned back into the stored slot without copying.</summary>
public interface INasIe<TSelf> where TSelf : struct, INasIe<TSelf>
{
    static abstract TSelf FromSlot(in IeSlot slot);

    IeSlot ToSlot();
}

/// <summary>An IE whose contents the core passes through unchanged: its value octets.</summary>
public readonly struct OctetString(ReadOnlyMemory<byte> value) : INasIe<OctetString>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static OctetString FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public override string ToString() => Convert.ToHexStringLower(Value.Span);
}

/// <summary>A type 1 IE whose four bits the core passes through (spare bits, indications).</summary>
public readonly struct HalfOctet(byte value) : INasIe<HalfOctet>
{
    public byte Value { get; } = (byte)(value & 0x0F);

    public static HalfOctet FromSlot(in IeSlot slot) => new(slot.Nibble);

    public IeSlot ToSlot() => IeSlot.OfNibble(Value);
}

/// <summary>TS 24.008 §10.5.1.13 / TS 24.501 §9.11.3.4: MCC and MNC as three BCD octets.</summary>
public readonly record struct PlmnId(ushort Mcc, ushort Mnc, bool ThreeDigitMnc)
{
    public static PlmnId Read(ReadOnlySpan<byte> b) =>
        new((ushort)((b[0] & 0x0F) * 100 + (b[0] >> 4) * 10 + (b[1] & 0x0F)),
            (b[1] >> 4) == 0x0F
                ? (ushort)((b[2] & 0x0F) * 10 + (b[2] >> 4))
                : (ushort)((b[2] & 0x0F) * 100 + (b[2] >> 4) * 10 + (b[1] >> 4)),
            (b[1] >> 4) != 0x0F);

    public void Write(Span<byte> b)
    {
        b[0] = (byte)((Mcc / 10 % 10) << 4 | Mcc / 100);
        b[1] = (byte)((ThreeDigitMnc ? Mnc % 10 : 0x0F) << 4 | Mcc % 10);
        b[2] = ThreeDigitMnc ? (byte)((Mnc / 10 % 10) << 4 | Mnc / 100) : (byte)((Mnc % 10) << 4 | Mnc / 10);
    }

    public static PlmnId Parse(string mcc, string mnc)
    {
        ArgumentNullException.ThrowIfNull(mcc);
        ArgumentNullException.ThrowIfNull(mnc);
        return new(ushort.Parse(mcc, System.Globalization.CultureInfo.InvariantCulture), ushort.Parse(mnc, System.Globalization.CultureInfo.InvariantCulture), mnc.Length == 3);
    }

    public string MccString => Mcc.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    public string MncString => Mnc.ToString(ThreeDigitMnc ? "D3" : "D2", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => MccString + "-" + MncString;
}

/// <summary>Telephony BCD digit strings (TS 24.008 §10.5.1.4): low nibble first, 0xF filler.</summary>
internal static class Bcd
{
    public static string Digits(ReadOnlySpan<byte> bytes, bool skipFirstLowNibble = false)
    {
        Span<char> chars = stackalloc char[bytes.Length * 2];
        int n = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!(i == 0 && skipFirstLowNibble))
            {
                int lo = bytes[i] & 0x0F;
                if (lo == 0x0F)
                {
                    break;
                }
                chars[n++] = Digit(lo);
            }
            int hi = bytes[i] >> 4;
            if (hi == 0x0F)
            {
                break;
            }
            chars[n++] = Digit(hi);
        }
        return new string(chars[..n]);
    }

    private static char Digit(int d) => d < 10 ? (char)('0' + d) : (char)('a' + d - 10);

    public static byte[] Encode(string digits, byte firstLowNibble, bool withFirstNibble)
    {
        int nibbles = digits.Length + (withFirstNibble ? 1 : 0);
        var bytes = new byte[(nibbles + 1) / 2];
        int pos = 0;
        if (withFirstNibble)
        {
            bytes[0] = firstLowNibble;
            pos = 1;
        }
        foreach (char c in digits)
        {
            int d = c - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException($"'{digits}' is not a string of decimal digits", nameof(digits));
            }
            bytes[pos / 2] |= (byte)((pos & 1) == 0 ? d : d << 4);
            pos++;
        }
        if ((pos & 1) == 1)
        {
            bytes[pos / 2] |= 0xF0;
        }
        return bytes;
    }

    public static uint ReadUInt24(ReadOnlySpan<byte> b) => (uint)(b[0] << 16 | b[1] << 8 | b[2]);

    public static uint ReadUInt32(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32BigEndian(b);
}
