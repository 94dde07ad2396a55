// TS 24.008 §10.5.3.5a (Network name), §10.5.3.8 (Time zone), §10.5.3.9 (Time zone and time), §10.5.3.12 (Network
// daylight saving time), as TS 24.501 §9.11.3.35/§9.11.3.52/§9.11.3.53/§9.11.3.19 use them in Configuration Update
// Command; the text is GSM 7-bit default alphabet (TS 23.038 §6.2.1) when it fits, else UCS2.
using System.Text;

namespace GlassCore.Nas.Ies;

/// <summary>The value part (octet 3 on) of a Network name IE, and the time zone octets (TS 23.040 §9.2.3.11 semi-octets).</summary>
public static class NetworkName
{
    private const byte CodingGsm7 = 0x00;
    private const byte CodingUcs2 = 0x10;

    /// <summary>
    /// Octet 3: ext 1, coding scheme (bits 7-5: 000 GSM 7-bit, 001 UCS2), add CI 0 (the UE does not add the country
    /// initials), spare bits in the last octet (bits 3-1); then the text.
    /// </summary>
    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(c => Gsm7(c) is not null))
        {
            int septets = text.Length;
            int octets = (septets * 7 + 7) / 8;
            var v = new byte[1 + octets];
            int spare = (8 - septets * 7 % 8) % 8;
            v[0] = (byte)(0x80 | CodingGsm7 | spare);
            // Septets are packed from the least significant bit of the first octet on.
            for (int i = 0; i < septets; i++)
            {
                int bit = i * 7;
                int code = Gsm7(text[i])!.Value;
                v[1 + bit / 8] |= (byte)(code << (bit % 8));
                if (bit % 8 > 1)
                {
                    v[1 + bit / 8 + 1] |= (byte)(code >> (8 - bit % 8));
                }
            }
            return v;
        }
        byte[] ucs2 = Encoding.BigEndianUnicode.GetBytes(text);
        return [(byte)(0x80 | CodingUcs2), .. ucs2];
    }

    /// <summary>The text of a Network name value; false for a coding scheme other than GSM 7-bit or UCS2, or a short value.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> v, out string text)
    {
        text = "";
        if (v.Length < 1)
        {
            return false;
        }
        int coding = v[0] & 0x70;
        if (coding == CodingUcs2)
        {
            if ((v.Length - 1) % 2 != 0)
            {
                return false;
            }
            text = Encoding.BigEndianUnicode.GetString(v[1..]);
            return true;
        }
        if (coding != CodingGsm7)
        {
            return false;
        }
        int spare = v[0] & 0x07;
        int septets = ((v.Length - 1) * 8 - spare) / 7;
        var sb = new StringBuilder(septets);
        for (int i = 0; i < septets; i++)
        {
            int bit = i * 7;
            int code = v[1 + bit / 8] >> (bit % 8);
            if (bit % 8 > 1)
            {
                code |= v[1 + bit / 8 + 1] << (8 - bit % 8);
            }
            sb.Append(FromGsm7(code & 0x7F));
        }
        text = sb.ToString();
        return true;
    }

    /// <summary>The GSM default alphabet code of the characters it shares with ASCII (letters, digits, most punctuation, '@'); else null.</summary>
    private static int? Gsm7(char c) => c switch
    {
        '@' => 0x00,
        '$' => 0x02,
        '_' => 0x11,
        >= ' ' and <= '?' => c,
        >= 'A' and <= 'Z' or >= 'a' and <= 'z' => c,
        _ => null,
    };

    private static char FromGsm7(int code) => code switch
    {
        0x00 => '@',
        0x02 => '$',
        0x11 => '_',
        0x24 => '¤',
        >= 0x20 and <= 0x3F or >= 0x41 and <= 0x5A or >= 0x61 and <= 0x7A => (char)code,
        _ => '?',
    };

    /// <summary>
    /// §10.5.3.8: the offset from UTC in quarters of an hour, two semi-octet-swapped BCD digits, the sign in bit 4 of
    /// the first digit's semi-octet (1: negative).
    /// </summary>
    public static byte TimeZone(TimeSpan offset)
    {
        int quarters = (int)Math.Round(Math.Abs(offset.TotalMinutes) / 15);
        if (quarters > 79)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "more than 19:45 from UTC");
        }
        return (byte)((quarters % 10) << 4 | (quarters / 10) | (offset < TimeSpan.Zero ? 0x08 : 0));
    }

    public static TimeSpan TimeZoneOffset(byte tz)
    {
        int quarters = (tz & 0x07) * 10 + (tz >> 4);
        return TimeSpan.FromMinutes(((tz & 0x08) != 0 ? -15 : 15) * quarters);
    }

    /// <summary>§10.5.3.9: year (last two digits), month, day, hour, minute, second of universal time, then the time zone.</summary>
    public static byte[] UniversalTimeAndTimeZone(DateTimeOffset utc, TimeSpan localOffset)
    {
        DateTime t = utc.UtcDateTime;
        return [Bcd(t.Year % 100), Bcd(t.Month), Bcd(t.Day), Bcd(t.Hour), Bcd(t.Minute), Bcd(t.Second), TimeZone(localOffset)];
    }

    public static bool TryReadUniversalTime(ReadOnlySpan<byte> v, out DateTimeOffset utc, out TimeSpan localOffset)
    {
        utc = default;
        localOffset = default;
        if (v.Length != 7)
        {
            return false;
        }
        try
        {
            utc = new DateTimeOffset(2000 + FromBcd(v[0]), FromBcd(v[1]), FromBcd(v[2]), FromBcd(v[3]), FromBcd(v[4]), FromBcd(v[5]), TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        localOffset = TimeZoneOffset(v[6]);
        return true;
    }

    /// <summary>Two decimal digits, semi-octets swapped: the tens in bits 4-1, the units in bits 8-5.</summary>
    private static byte Bcd(int n) => (byte)((n % 10) << 4 | (n / 10));

    private static int FromBcd(byte b) => (b & 0x0F) * 10 + (b >> 4);
}
