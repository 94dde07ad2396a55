// TS 23.003 §2.2B (SUCI structure and its string form, as in TS 29.503 "suci-...") and TS 24.501 §9.11.3.4 (the
// same fields as carried in the 5GS mobile identity).
using System.Globalization;
using System.Text;

namespace GlassCore.Security;

/// <summary>Protection scheme identifiers of TS 33.501 Annex C.1 (4 bits on the wire).</summary>
public enum ProtectionScheme : byte
{
    Null = 0,
    ProfileA = 1,
    ProfileB = 2,
}

/// <summary>SUPI type of TS 23.003 §2.2B (0 IMSI, 1 network specific identifier, 2 GLI, 3 GCI; 4-7 spare).</summary>
public enum SupiType : byte
{
    Imsi = 0,
    NetworkSpecificIdentifier = 1,
    /// <summary>Global Line Identifier (TS 23.003 §28.16), SUPI "gli-username@realm".</summary>
    GlobalLineIdentifier = 2,
    /// <summary>Global Cable Identifier (TS 23.003 §28.15), SUPI "gci-username@realm".</summary>
    GlobalCableIdentifier = 3,
}

/// <summary>Why a SUCI could not be parsed or de-concealed. Every failure is one of these; none throws.</summary>
public enum SuciError
{
    None = 0,
    /// <summary>The SUCI string or a field of it is not in the TS 23.003 / TS 29.503 form.</summary>
    Malformed,
    /// <summary>The protection scheme is not one this side implements (or the null scheme where it is not allowed).</summary>
    UnsupportedScheme,
    /// <summary>No home network private key with this identifier (or the key is for another scheme).</summary>
    UnknownKeyId,
    /// <summary>The scheme output is shorter than the ephemeral key plus the 8-byte MAC tag.</summary>
    Truncated,
    /// <summary>The ephemeral public key is not a point of the curve (Profile B) or gives a zero shared secret (Profile A).</summary>
    PointNotOnCurve,
    /// <summary>The MAC tag does not match: wrong key, corrupted or forged output.</summary>
    MacMismatch,
    /// <summary>Decryption worked but the plaintext is not a valid MSIN (BCD digits) or username.</summary>
    InvalidSchemeInput,
}

/// <summary>
/// A SUCI: SUPI type, home network identifier (MCC and MNC for an IMSI, a realm for a network specific identifier),
/// routing indicator, protection scheme, home network public key identifier and the scheme output bytes as they
/// travel in the 5GS mobile identity (null-scheme IMSI: the MSIN in packed BCD with F filler; ECIES: ephemeral public
/// key || ciphertext || MAC tag). <see cref="ToString"/> gives the TS 23.003 string form.
/// </summary>
public readonly struct Suci : IEquatable<Suci>
{
    private readonly byte[]? _schemeOutput;

    public Suci(SupiType supiType, string mcc, string mnc, string routingIndicator, ProtectionScheme scheme, byte homeNetworkPublicKeyId, ReadOnlySpan<byte> schemeOutput, string? realm = null)
    {
        ArgumentNullException.ThrowIfNull(routingIndicator);
        if (supiType == SupiType.Imsi)
        {
            if (!IsDigits(mcc, 3, 3) || !IsDigits(mnc, 2, 3))
            {
                throw new ArgumentException("MCC is 3 digits and MNC 2 or 3");
            }
        }
        else if (string.IsNullOrEmpty(realm))
        {
            throw new ArgumentException("a network specific identifier, GLI or GCI SUCI needs the realm", nameof(realm));
        }
        if (!IsDigits(routingIndicator, 1, 4))
        {
            throw new ArgumentException("the routing indicator is 1 to 4 digits", nameof(routingIndicator));
        }
        SupiType = supiType;
        Mcc = supiType == SupiType.Imsi ? mcc : "";
        Mnc = supiType == SupiType.Imsi ? mnc : "";
        Realm = supiType == SupiType.Imsi ? null : realm;
        RoutingIndicator = routingIndicator;
        ProtectionScheme = scheme;
        HomeNetworkPublicKeyId = homeNetworkPublicKeyId;
        _schemeOutput = schemeOutput.ToArray();
    }

    public SupiType SupiType { get; }
    public string Mcc { get; }
    public string Mnc { get; }
    /// <summary>The home network domain of a network specific identifier SUCI; null for IMSI.</summary>
    public string? Realm { get; }
    public string RoutingIndicator { get; }
    public ProtectionScheme ProtectionScheme { get; }
    public byte HomeNetworkPublicKeyId { get; }
    public ReadOnlySpan<byte> SchemeOutput => _schemeOutput;

    /// <summary>The SUCI string of TS 23.003 §2.2B / TS 29.503: suci-0-mcc-mnc-ri-scheme-keyid-output.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("suci-");
        sb.Append((int)SupiType).Append('-');
        if (SupiType == SupiType.Imsi)
        {
            sb.Append(Mcc).Append('-').Append(Mnc);
        }
        else
        {
            sb.Append(Realm);
        }
        sb.Append('-').Append(RoutingIndicator).Append('-').Append((int)ProtectionScheme)
          .Append('-').Append(HomeNetworkPublicKeyId.ToString(CultureInfo.InvariantCulture)).Append('-');
        if (ProtectionScheme == ProtectionScheme.Null)
        {
            // The null-scheme output is written as the MSIN digits (IMSI) or the username (NAI), not as hex.
            if (SupiType == SupiType.Imsi)
            {
                sb.Append(Bcd.Decode(SchemeOutput) ?? Convert.ToHexStringLower(SchemeOutput));
            }
            else
            {
                sb.Append(Encoding.UTF8.GetString(SchemeOutput));
            }
        }
        else
        {
            sb.Append(Convert.ToHexStringLower(SchemeOutput));
        }
        return sb.ToString();
    }

    public static Suci Parse(string value) =>
        TryParse(value, out Suci suci, out SuciError error) ? suci : throw new FormatException($"not a SUCI ({error})");

    public static bool TryParse(string? value, out Suci suci) => TryParse(value, out suci, out _);

    /// <summary>Parses the string form "suci-..." or the NAI form of TS 23.003 §28.7.3 (<see cref="TryParseNai"/>); never throws.</summary>
    public static bool TryParse(string? value, out Suci suci, out SuciError error)
    {
        suci = default;
        error = SuciError.Malformed;
        if (value is not null && value.StartsWith("type", StringComparison.Ordinal) && value.Contains('@', StringComparison.Ordinal))
        {
            return TryParseNai(value, out suci, out error);
        }
        if (value is null || value.Length > 4096 || !value.StartsWith("suci-", StringComparison.Ordinal))
        {
            return false;
        }
        string[] parts = value.Split('-');
        if (parts.Length < 7 || parts[1].Length != 1 || parts[1][0] is < '0' or > '7')
        {
            return false;
        }
        var type = (SupiType)(parts[1][0] - '0');
        string mcc = "", mnc = "";
        string? realm = null;
        int next;
        if (type == SupiType.Imsi)
        {
            if (parts.Length != 8)
            {
                return false;
            }
            mcc = parts[2];
            mnc = parts[3];
            if (!IsDigits(mcc, 3, 3) || !IsDigits(mnc, 2, 3))
            {
                return false;
            }
            next = 4;
        }
        else if (type is SupiType.NetworkSpecificIdentifier or SupiType.GlobalLineIdentifier or SupiType.GlobalCableIdentifier)
        {
            // The realm may itself contain '-': the last four fields are fixed, so the realm is everything between.
            // (A null-scheme username containing '-' is not representable this way and is rejected.)
            next = parts.Length - 4;
            realm = string.Join('-', parts, 2, next - 2);
            if (realm.Length == 0)
            {
                return false;
            }
        }
        else
        {
            error = SuciError.UnsupportedScheme;
            return false;
        }
        string ri = parts[next];
        if (!IsDigits(ri, 1, 4)
            || !byte.TryParse(parts[next + 1], NumberStyles.None, CultureInfo.InvariantCulture, out byte scheme) || scheme > 15
            || !byte.TryParse(parts[next + 2], NumberStyles.None, CultureInfo.InvariantCulture, out byte keyId))
        {
            return false;
        }
        string output = parts[next + 3];
        byte[] bytes;
        if (scheme == (byte)ProtectionScheme.Null)
        {
            if (type == SupiType.Imsi)
            {
                if (!IsDigits(output, 1, 10))
                {
                    return false;
                }
                bytes = Bcd.Encode(output);
            }
            else
            {
                if (output.Length == 0)
                {
                    return false;
                }
                bytes = Encoding.UTF8.GetBytes(output);
            }
        }
        else
        {
            if (output.Length == 0 || (output.Length & 1) != 0 || !IsHex(output))
            {
                return false;
            }
            bytes = Convert.FromHexString(output);
        }
        suci = new Suci(type, mcc, mnc, ri, (ProtectionScheme)scheme, keyId, bytes, realm);
        error = SuciError.None;
        return true;
    }

    /// <summary>
    /// The SUCI in NAI format of TS 23.003 §28.7.3 (the form a UE sends in the 5GS mobile identity for a SUPI that is
    /// not an IMSI, TS 24.501 §9.11.3.4, and in EAP identities). Username: type&lt;SUPI type&gt;.rid&lt;routing
    /// indicator&gt;.schid&lt;scheme&gt; then .userid&lt;MSIN or username&gt; (null scheme), .hnkey&lt;key id&gt;.ecckey&lt;ephemeral
    /// public key&gt;.cip&lt;ciphertext&gt;.mac&lt;MAC tag&gt; (Profiles A and B, hex) or .hnkey&lt;key id&gt;.out&lt;output&gt; (other
    /// schemes). Realm: the SUPI's realm, or 5gc.mnc&lt;MNC&gt;.mcc&lt;MCC&gt;.3gppnetwork.org for an IMSI (§28.2: a
    /// two-digit MNC gets a leading zero).
    /// </summary>
    public string ToNai()
    {
        var sb = new StringBuilder(128);
        sb.Append("type").Append((int)SupiType).Append(".rid").Append(RoutingIndicator)
          .Append(".schid").Append(((int)ProtectionScheme).ToString(CultureInfo.InvariantCulture));
        ReadOnlySpan<byte> output = SchemeOutput;
        if (ProtectionScheme == ProtectionScheme.Null)
        {
            sb.Append(".userid").Append(SupiType == SupiType.Imsi
                ? Bcd.Decode(output) ?? Convert.ToHexStringLower(output)
                : Encoding.UTF8.GetString(output));
        }
        else
        {
            sb.Append(".hnkey").Append(HomeNetworkPublicKeyId.ToString(CultureInfo.InvariantCulture));
            int keyLength = ProtectionScheme switch
            {
                ProtectionScheme.ProfileA => Ecies.ProfileAKeyLength,
                ProtectionScheme.ProfileB when !output.IsEmpty && output[0] == 0x04 => Ecies.UncompressedPointLength,
                ProtectionScheme.ProfileB => Ecies.CompressedPointLength,
                _ => 0,
            };
            if (keyLength > 0 && output.Length > keyLength + Ecies.MacTagLength)
            {
                sb.Append(".ecckey").Append(Convert.ToHexStringLower(output[..keyLength]))
                  .Append(".cip").Append(Convert.ToHexStringLower(output[keyLength..^Ecies.MacTagLength]))
                  .Append(".mac").Append(Convert.ToHexStringLower(output[^Ecies.MacTagLength..]));
            }
            else
            {
                sb.Append(".out").Append(Convert.ToHexStringLower(output));
            }
        }
        sb.Append('@');
        if (SupiType == SupiType.Imsi)
        {
            sb.Append("5gc.mnc").Append(Mnc.PadLeft(3, '0')).Append(".mcc").Append(Mcc).Append(".3gppnetwork.org");
        }
        else
        {
            sb.Append(Realm);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Parses the NAI form of <see cref="ToNai"/>; never throws. An IMSI realm's MNC of three digits starting with 0 is
    /// ambiguous (§28.2 pads a two-digit MNC with a leading zero): it is read as two digits unless
    /// <paramref name="threeDigitMnc"/> says the home network's MNC has three. A realm with a NID (SNPN) is not supported.
    /// </summary>
    public static bool TryParseNai(string? value, out Suci suci, out SuciError error, bool threeDigitMnc = false)
    {
        suci = default;
        error = SuciError.Malformed;
        if (value is null || value.Length > 4096)
        {
            return false;
        }
        int at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }
        string realm = value[(at + 1)..];
        ReadOnlySpan<char> rest = value.AsSpan(0, at);
        if (!TakeField(ref rest, "type", out ReadOnlySpan<char> typeText) || typeText.Length != 1 || typeText[0] is < '0' or > '7'
            || !TakeField(ref rest, "rid", out ReadOnlySpan<char> ri) || !IsDigits(ri.ToString(), 1, 4)
            || !TakeField(ref rest, "schid", out ReadOnlySpan<char> schemeText)
            || !byte.TryParse(schemeText, NumberStyles.None, CultureInfo.InvariantCulture, out byte scheme) || scheme > 15)
        {
            return false;
        }
        var type = (SupiType)(typeText[0] - '0');
        if (type > SupiType.GlobalCableIdentifier)
        {
            error = SuciError.UnsupportedScheme;
            return false;
        }
        string mcc = "", mnc = "";
        if (type == SupiType.Imsi && !TryParseImsiRealm(realm, threeDigitMnc, out mcc, out mnc))
        {
            return false;
        }
        byte keyId = 0;
        byte[] output;
        if (scheme == (byte)ProtectionScheme.Null)
        {
            // The username of a network specific identifier may itself contain dots: userid runs to the '@'.
            if (!rest.StartsWith("userid", StringComparison.Ordinal) || rest.Length == 6)
            {
                return false;
            }
            string user = rest[6..].ToString();
            if (type == SupiType.Imsi)
            {
                if (!IsDigits(user, 1, 10))
                {
                    return false;
                }
                output = Bcd.Encode(user);
            }
            else
            {
                output = Encoding.UTF8.GetBytes(user);
            }
        }
        else
        {
            if (!TakeField(ref rest, "hnkey", out ReadOnlySpan<char> keyText)
                || !byte.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out keyId))
            {
                return false;
            }
            if (rest.StartsWith("out", StringComparison.Ordinal))
            {
                if (!TryHex(rest[3..], out output))
                {
                    return false;
                }
            }
            else if (!TakeField(ref rest, "ecckey", out ReadOnlySpan<char> eph) || !TryHex(eph, out byte[] ephBytes)
                || !TakeField(ref rest, "cip", out ReadOnlySpan<char> cip) || !TryHex(cip, out byte[] cipBytes)
                || !TakeField(ref rest, "mac", out ReadOnlySpan<char> mac) || !TryHex(mac, out byte[] macBytes)
                || !rest.IsEmpty || macBytes.Length != Ecies.MacTagLength || ephBytes.Length == 0)
            {
                return false;
            }
            else
            {
                output = [.. ephBytes, .. cipBytes, .. macBytes];
            }
        }
        suci = new Suci(type, mcc, mnc, ri.ToString(), (ProtectionScheme)scheme, keyId, output, type == SupiType.Imsi ? null : realm);
        error = SuciError.None;
        return true;
    }

    /// <summary>Takes "label&lt;value&gt;" up to the next '.' (or the end) off the front of <paramref name="rest"/>.</summary>
    private static bool TakeField(ref ReadOnlySpan<char> rest, string label, out ReadOnlySpan<char> value)
    {
        value = default;
        if (!rest.StartsWith(label, StringComparison.Ordinal))
        {
            return false;
        }
        ReadOnlySpan<char> tail = rest[label.Length..];
        int dot = tail.IndexOf('.');
        value = dot < 0 ? tail : tail[..dot];
        rest = dot < 0 ? [] : tail[(dot + 1)..];
        return !value.IsEmpty;
    }

    private static bool TryHex(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || (text.Length & 1) != 0)
        {
            return false;
        }
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        bytes = Convert.FromHexString(text);
        return true;
    }

    /// <summary>5gc.mnc&lt;MNC&gt;.mcc&lt;MCC&gt;.3gppnetwork.org of TS 23.003 §28.2 (domain names compare without case).</summary>
    private static bool TryParseImsiRealm(string realm, bool threeDigitMnc, out string mcc, out string mnc)
    {
        mcc = mnc = "";
        const string Prefix = "5gc.mnc", Middle = ".mcc", Suffix = ".3gppnetwork.org";
        if (realm.Length != Prefix.Length + 3 + Middle.Length + 3 + Suffix.Length
            || !realm.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || string.Compare(realm, Prefix.Length + 3, Middle, 0, Middle.Length, StringComparison.OrdinalIgnoreCase) != 0
            || !realm.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        mnc = realm.Substring(Prefix.Length, 3);
        mcc = realm.Substring(Prefix.Length + 3 + Middle.Length, 3);
        if (!IsDigits(mnc, 3, 3) || !IsDigits(mcc, 3, 3))
        {
            return false;
        }
        if (mnc[0] == '0' && !threeDigitMnc)
        {
            mnc = mnc[1..];
        }
        return true;
    }

    internal static bool IsDigits(string? s, int min, int max)
    {
        if (s is null || s.Length < min || s.Length > max)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHex(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    public bool Equals(Suci other) =>
        SupiType == other.SupiType && Mcc == other.Mcc && Mnc == other.Mnc && Realm == other.Realm
        && RoutingIndicator == other.RoutingIndicator && ProtectionScheme == other.ProtectionScheme
        && HomeNetworkPublicKeyId == other.HomeNetworkPublicKeyId && SchemeOutput.SequenceEqual(other.SchemeOutput);

    public override bool Equals(object? obj) => obj is Suci other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(SupiType, Mcc, Mnc, Realm, RoutingIndicator, ProtectionScheme, HomeNetworkPublicKeyId);

    public static bool operator ==(Suci left, Suci right) => left.Equals(right);

    public static bool operator !=(Suci left, Suci right) => !left.Equals(right);
}

/// <summary>Packed BCD digits as in TS 24.501 (first digit in the low nibble, odd count filled with F).</summary>
public static class Bcd
{
    public static byte[] Encode(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var bytes = new byte[(digits.Length + 1) / 2];
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("digits only", nameof(digits));
            }
            bytes[i / 2] |= (byte)((i & 1) == 0 ? d : d << 4);
        }
        if ((digits.Length & 1) != 0)
        {
            bytes[^1] |= 0xF0;
        }
        return bytes;
    }

    /// <summary>The digits, or null when a nibble is not a digit (an F filler is only allowed as the very last nibble).</summary>
    public static string? Decode(ReadOnlySpan<byte> bcd)
    {
        char[]? rented = bcd.Length > 64 ? System.Buffers.ArrayPool<char>.Shared.Rent(bcd.Length * 2) : null;
        Span<char> chars = rented ?? stackalloc char[128];
        try
        {
            return TryDecode(bcd, chars, out int written) ? new string(chars[..written]) : null;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the digits into <paramref name="digits"/> (room for two per byte); false when a nibble is not a digit or an F filler is not the very last nibble.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bcd, Span<char> digits, out int written)
    {
        written = 0;
        if (digits.Length < bcd.Length * 2)
        {
            return false;
        }
        for (int i = 0; i < bcd.Length; i++)
        {
            int lo = bcd[i] & 0x0F, hi = bcd[i] >> 4;
            if (lo > 9)
            {
                return false;
            }
            digits[written++] = (char)('0' + lo);
            if (hi == 0xF && i == bcd.Length - 1)
            {
                break;
            }
            if (hi > 9)
            {
                return false;
            }
            digits[written++] = (char)('0' + hi);
        }
        return true;
    }
}
