// TS 24.501 §9.11.3.4 5GS mobile identity: SUCI (null scheme, Profile A, Profile B, NAI), 5G-GUTI, IMEI, 5G-S-TMSI, IMEISV, MAC address, EUI-64, no identity.
using System.Buffers.Binary;

namespace GlassCore.Nas.Ies;

/// <summary>Type of identity, bits 1-3 of octet 4 (table 9.11.3.4.1).</summary>
public enum MobileIdentityType : byte
{
    NoIdentity = 0,
    Suci = 1,
    FiveGGuti = 2,
    Imei = 3,
    FiveGSTmsi = 4,
    Imeisv = 5,
    MacAddress = 6,
    Eui64 = 7,
}

/// <summary>SUPI format of a SUCI, bits 5-7 of octet 4.</summary>
public enum SupiFormat : byte
{
    Imsi = 0,
    NetworkSpecificIdentifier = 1,
    GciOrGli = 2,
}

/// <summary>Protection scheme identifiers of TS 33.501 annex C (null scheme, ECIES Profile A and B).</summary>
public enum ProtectionSchemeId : byte
{
    NullScheme = 0,
    ProfileA = 1,
    ProfileB = 2,
}

/// <summary>A 5G-GUTI (§9.11.3.4, figure 9.11.3.4.1): GUAMI plus 5G-TMSI.</summary>
public readonly record struct FiveGGuti(PlmnId Plmn, byte AmfRegionId, ushort AmfSetId, byte AmfPointer, uint Tmsi);

/// <summary>A 5G-S-TMSI (figure 9.11.3.4.5).</summary>
public readonly record struct FiveGSTmsi(ushort AmfSetId, byte AmfPointer, uint Tmsi);

/// <summary>
/// A SUCI with SUPI format IMSI (figure 9.11.3.4.3). The scheme output stays bytes: for the null scheme it is the MSIN
/// in BCD; for Profile A it is the 32-octet X25519 ephemeral public key, the ciphertext and an 8-octet MAC tag; for
/// Profile B the 33-octet compressed P-256 key, the ciphertext and the 8-octet MAC tag (TS 33.501 C.3.4).
/// </summary>
public readonly record struct SuciImsi(PlmnId Plmn, string RoutingIndicator, ProtectionSchemeId SchemeId, byte HomeNetworkPublicKeyId, ReadOnlyMemory<byte> SchemeOutput)
{
    public const int MacTagLength = 8;

    public int EphemeralPublicKeyLength => SchemeId switch
    {
        ProtectionSchemeId.ProfileA => 32,
        ProtectionSchemeId.ProfileB => 33,
        _ => 0,
    };

    /// <summary>The MSIN digits of a null-scheme SUCI (empty for the ECIES profiles).</summary>
    public string Msin => SchemeId == ProtectionSchemeId.NullScheme ? Bcd.Digits(SchemeOutput.Span) : "";

    public ReadOnlyMemory<byte> EphemeralPublicKey => SchemeOutput[..EphemeralPublicKeyLength];

    public ReadOnlyMemory<byte> Ciphertext => EphemeralPublicKeyLength == 0 ? default : SchemeOutput[EphemeralPublicKeyLength..^MacTagLength];

    public ReadOnlyMemory<byte> MacTag => EphemeralPublicKeyLength == 0 ? default : SchemeOutput[^MacTagLength..];
}

public readonly struct FiveGsMobileIdentity : INasIe<FiveGsMobileIdentity>
{
    public FiveGsMobileIdentity(ReadOnlyMemory<byte> value) => Value = value;

    public ReadOnlyMemory<byte> Value { get; }

    public static FiveGsMobileIdentity FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public MobileIdentityType Type => Value.IsEmpty ? MobileIdentityType.NoIdentity : (MobileIdentityType)(Value.Span[0] & 0x07);

    public SupiFormat SupiFormat => (SupiFormat)((Value.Span[0] >> 4) & 0x07);

    /// <summary>The SUCI of SUPI format IMSI, or null for other identities.</summary>
    public SuciImsi? Suci
    {
        get
        {
            var v = Value.Span;
            if (Type != MobileIdentityType.Suci || SupiFormat != SupiFormat.Imsi || v.Length < 8)
            {
                return null;
            }
            return new SuciImsi(PlmnId.Read(v[1..]), Bcd.Digits(v.Slice(4, 2)), (ProtectionSchemeId)(v[6] & 0x0F), v[7], Value[8..]);
        }
    }

    /// <summary>
    /// The SUCI NAI of a SUCI whose SUPI format is not IMSI (octets 5 onwards, UTF-8; TS 23.003 §28.7.3 form), or null
    /// for other identities and for octets that are not UTF-8.
    /// </summary>
    public string? SuciNai
    {
        get
        {
            if (Type != MobileIdentityType.Suci || SupiFormat == SupiFormat.Imsi || Value.Length < 2)
            {
                return null;
            }
            try
            {
                return s_strictUtf8.GetString(Value.Span[1..]);
            }
            catch (System.Text.DecoderFallbackException)
            {
                return null;
            }
        }
    }

    private static readonly System.Text.UTF8Encoding s_strictUtf8 = new(false, true);

    /// <summary>
    /// The SUCI as GlassCore.Security reads it (for the SIDF and Nausf): the binary IMSI form, or the NAI of a network
    /// specific identifier parsed per TS 23.003 §28.7.3. False for other identities and for malformed contents.
    /// </summary>
    public bool TryGetSuci(out GlassCore.Security.Suci suci)
    {
        suci = default;
        if (SuciNai is { } nai)
        {
            return GlassCore.Security.Suci.TryParseNai(nai, out suci, out _);
        }
        if (Suci is not { } s)
        {
            return false;
        }
        try
        {
            suci = new GlassCore.Security.Suci(GlassCore.Security.SupiType.Imsi, s.Plmn.MccString, s.Plmn.MncString, s.RoutingIndicator,
                (GlassCore.Security.ProtectionScheme)s.SchemeId, s.HomeNetworkPublicKeyId, s.SchemeOutput.Span);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // a routing indicator with non-digit nibbles
        }
    }

    /// <summary>
    /// The 5GS mobile identity of a SUCI: figure 9.11.3.4.3 for SUPI type IMSI, otherwise SUPI format "network
    /// specific identifier" followed by the SUCI NAI (TS 23.003 §28.7.3) in UTF-8.
    /// </summary>
    public static FiveGsMobileIdentity FromSuci(GlassCore.Security.Suci suci)
    {
        switch (suci.SupiType)
        {
            case GlassCore.Security.SupiType.Imsi:
                return FromSuci(new SuciImsi(PlmnId.Parse(suci.Mcc, suci.Mnc), suci.RoutingIndicator, (ProtectionSchemeId)suci.ProtectionScheme,
                    suci.HomeNetworkPublicKeyId, suci.SchemeOutput.ToArray()));
            case GlassCore.Security.SupiType.NetworkSpecificIdentifier:
                return FromSuciNai(SupiFormat.NetworkSpecificIdentifier, suci.ToNai());
            default:
                throw new ArgumentException("only IMSI and network specific identifier SUCIs have a SUPI format here", nameof(suci));
        }
    }

    /// <summary>A SUCI in NAI form: octet 4 = SUPI format and type of identity SUCI, then the NAI in UTF-8.</summary>
    public static FiveGsMobileIdentity FromSuciNai(SupiFormat format, string nai)
    {
        ArgumentException.ThrowIfNullOrEmpty(nai);
        if (format == SupiFormat.Imsi)
        {
            throw new ArgumentException("a SUCI of SUPI format IMSI is not carried as a NAI", nameof(format));
        }
        int length = System.Text.Encoding.UTF8.GetByteCount(nai);
        var b = new byte[1 + length];
        b[0] = (byte)((byte)format << 4 | (byte)MobileIdentityType.Suci);
        System.Text.Encoding.UTF8.GetBytes(nai, b.AsSpan(1));
        return new(b);
    }

    public FiveGGuti? Guti
    {
        get
        {
            var v = Value.Span;
            if (Type != MobileIdentityType.FiveGGuti || v.Length != 11)
            {
                return null;
            }
            return new FiveGGuti(PlmnId.Read(v[1..]), v[4], (ushort)(v[5] << 2 | v[6] >> 6), (byte)(v[6] & 0x3F), BinaryPrimitives.ReadUInt32BigEndian(v[7..]));
        }
    }

    public FiveGSTmsi? STmsi
    {
        get
        {
            var v = Value.Span;
            if (Type != MobileIdentityType.FiveGSTmsi || v.Length != 7)
            {
                return null;
            }
            return new FiveGSTmsi((ushort)(v[1] << 2 | v[2] >> 6), (byte)(v[2] & 0x3F), BinaryPrimitives.ReadUInt32BigEndian(v[3..]));
        }
    }

    /// <summary>IMEI (15) or IMEISV (16) digits; the first digit sits in bits 5-8 of octet 4.</summary>
    public string? Digits => Type switch
    {
        MobileIdentityType.Imei => Truncate(Bcd.Digits(Value.Span, skipFirstLowNibble: true), 15),
        MobileIdentityType.Imeisv => Truncate(Bcd.Digits(Value.Span, skipFirstLowNibble: true), 16),
        _ => null,
    };

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;

    public ReadOnlyMemory<byte> MacAddress => Type == MobileIdentityType.MacAddress ? Value.Slice(1, 6) : default;

    public static FiveGsMobileIdentity FromGuti(FiveGGuti g)
    {
        var b = new byte[11];
        b[0] = 0xF2;
        g.Plmn.Write(b.AsSpan(1));
        b[4] = g.AmfRegionId;
        b[5] = (byte)(g.AmfSetId >> 2);
        b[6] = (byte)((g.AmfSetId & 0x03) << 6 | g.AmfPointer & 0x3F);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(7), g.Tmsi);
        return new(b);
    }

    public static FiveGsMobileIdentity FromSTmsi(FiveGSTmsi s)
    {
        var b = new byte[7];
        b[0] = 0xF4;
        b[1] = (byte)(s.AmfSetId >> 2);
        b[2] = (byte)((s.AmfSetId & 0x03) << 6 | s.AmfPointer & 0x3F);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(3), s.Tmsi);
        return new(b);
    }

    /// <summary>A SUCI of SUPI format IMSI; the routing indicator has up to 4 digits (unused digits are coded 0xF).</summary>
    public static FiveGsMobileIdentity FromSuci(SuciImsi s)
    {
        ArgumentNullException.ThrowIfNull(s.RoutingIndicator);
        if (s.RoutingIndicator.Length > 4)
        {
            throw new ArgumentException("the routing indicator has at most 4 digits", nameof(s));
        }
        var b = new byte[8 + s.SchemeOutput.Length];
        b[0] = 0x01;
        s.Plmn.Write(b.AsSpan(1));
        Span<int> d = [0x0F, 0x0F, 0x0F, 0x0F];
        for (int i = 0; i < s.RoutingIndicator.Length; i++)
        {
            int digit = s.RoutingIndicator[i] - '0';
            d[i] = digit is >= 0 and <= 9 ? digit : throw new ArgumentException("the routing indicator is decimal digits", nameof(s));
        }
        b[4] = (byte)(d[1] << 4 | d[0]);
        b[5] = (byte)(d[3] << 4 | d[2]);
        b[6] = (byte)s.SchemeId;
        b[7] = s.HomeNetworkPublicKeyId;
        s.SchemeOutput.Span.CopyTo(b.AsSpan(8));
        return new(b);
    }

    /// <summary>A null-scheme SUCI carrying the MSIN digits in clear.</summary>
    public static FiveGsMobileIdentity FromNullSchemeSuci(PlmnId plmn, string routingIndicator, string msin) =>
        FromSuci(new SuciImsi(plmn, routingIndicator, ProtectionSchemeId.NullScheme, 0, Bcd.Encode(msin, 0, false)));

    public static FiveGsMobileIdentity FromImei(string digits, bool imeisv)
    {
        ArgumentNullException.ThrowIfNull(digits);
        byte type = (byte)(imeisv ? MobileIdentityType.Imeisv : MobileIdentityType.Imei);
        bool odd = digits.Length % 2 == 1;
        return new(Bcd.Encode(digits, (byte)(type | (odd ? 0x08 : 0)), true));
    }

    public static FiveGsMobileIdentity NoIdentity() => new(new byte[] { 0x00 });

    /// <summary>The structure checks of §9.11.3.4: length per type of identity.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        if (v.Length < 1)
        {
            return false;
        }
        return (MobileIdentityType)(v[0] & 0x07) switch
        {
            MobileIdentityType.NoIdentity => true,
            MobileIdentityType.Suci => ((v[0] >> 4) & 0x07) == 0 ? v.Length >= 8 && SchemeOutputLengthOk(v) : v.Length >= 2,
            MobileIdentityType.FiveGGuti => v.Length == 11,
            MobileIdentityType.Imei => v.Length == 8,
            MobileIdentityType.FiveGSTmsi => v.Length == 7,
            MobileIdentityType.Imeisv => v.Length == 9,
            MobileIdentityType.MacAddress => v.Length == 7,
            MobileIdentityType.Eui64 => v.Length == 9,
            _ => false,
        };
    }

    private static bool SchemeOutputLengthOk(ReadOnlySpan<byte> v) => (ProtectionSchemeId)(v[6] & 0x0F) switch
    {
        ProtectionSchemeId.ProfileA => v.Length - 8 >= 32 + SuciImsi.MacTagLength,
        ProtectionSchemeId.ProfileB => v.Length - 8 >= 33 + SuciImsi.MacTagLength,
        _ => true,
    };
}
