// TS 24.501 §9.11.3 5GS mobility management IEs (the ones a core reads; the rest pass through as OctetString).
using System.Buffers.Binary;

namespace GlassCore.Nas.Ies;

/// <summary>§9.11.3.7 5GS registration type: follow-on request (bit 4) and the type (bits 1-3).</summary>
public readonly struct FiveGsRegistrationType(byte nibble) : INasIe<FiveGsRegistrationType>
{
    public const byte InitialRegistration = 1;
    public const byte MobilityRegistrationUpdating = 2;
    public const byte PeriodicRegistrationUpdating = 3;
    public const byte EmergencyRegistration = 4;
    public const byte SnpnOnboardingRegistration = 5;
    public const byte DisasterRoamingMobilityRegistrationUpdating = 6;
    public const byte DisasterRoamingInitialRegistration = 7;

    public byte Nibble { get; } = (byte)(nibble & 0x0F);

    public FiveGsRegistrationType(byte type, bool followOnRequest) : this((byte)(type & 0x07 | (followOnRequest ? 0x08 : 0))) { }

    public byte Value => (byte)(Nibble & 0x07);

    public bool FollowOnRequestPending => (Nibble & 0x08) != 0;

    public static FiveGsRegistrationType FromSlot(in IeSlot slot) => new(slot.Nibble);

    public IeSlot ToSlot() => IeSlot.OfNibble(Nibble);

    internal static bool IsValid(byte n) => (n & 0x07) != 0;
}

/// <summary>§9.11.3.32 NAS key set identifier: type of security context (bit 4, 1 = mapped) and ngKSI (bits 1-3, 7 = no key available).</summary>
public readonly struct NasKeySetIdentifier(byte nibble) : INasIe<NasKeySetIdentifier>
{
    public const byte NoKeyAvailable = 7;

    public byte Nibble { get; } = (byte)(nibble & 0x0F);

    public NasKeySetIdentifier(byte ksi, bool mapped) : this((byte)(ksi & 0x07 | (mapped ? 0x08 : 0))) { }

    public byte Ksi => (byte)(Nibble & 0x07);

    public bool IsMapped => (Nibble & 0x08) != 0;

    public static NasKeySetIdentifier FromSlot(in IeSlot slot) => new(slot.Nibble);

    public IeSlot ToSlot() => IeSlot.OfNibble(Nibble);
}

/// <summary>§9.11.3.6 5GS registration result: result (bits 1-3), SMS allowed (4), NSSAA to be performed (5), emergency registered (6), disaster roaming (7).</summary>
public readonly struct FiveGsRegistrationResult(ReadOnlyMemory<byte> value) : INasIe<FiveGsRegistrationResult>
{
    public const byte ThreeGppAccess = 1;
    public const byte NonThreeGppAccess = 2;
    public const byte ThreeGppAndNonThreeGppAccess = 3;

    public ReadOnlyMemory<byte> Value { get; } = value;

    public byte Result => (byte)(Value.Span[0] & 0x07);

    public bool SmsAllowed => (Value.Span[0] & 0x08) != 0;

    public bool NssaaToBePerformed => (Value.Span[0] & 0x10) != 0;

    public bool EmergencyRegistered => (Value.Span[0] & 0x20) != 0;

    public static FiveGsRegistrationResult Create(byte result, bool smsAllowed = false, bool nssaaToBePerformed = false, bool emergencyRegistered = false) =>
        new(new[] { (byte)(result & 0x07 | (smsAllowed ? 0x08 : 0) | (nssaaToBePerformed ? 0x10 : 0) | (emergencyRegistered ? 0x20 : 0)) });

    public static FiveGsRegistrationResult FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>§9.11.3.54 UE security capability: 5G-EA and 5G-IA (bit 8 = algorithm 0), optional EEA and EIA octets.</summary>
public readonly struct UeSecurityCapability(ReadOnlyMemory<byte> value) : INasIe<UeSecurityCapability>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public byte FiveGEa => Value.Span[0];

    public byte FiveGIa => Value.Span[1];

    public byte? Eea => Value.Length > 2 ? Value.Span[2] : null;

    public byte? Eia => Value.Length > 3 ? Value.Span[3] : null;

    /// <summary>Whether 5G-EA<paramref name="n"/> (bit 8 - n of octet 3) is supported.</summary>
    public bool SupportsEa(int n) => (FiveGEa & (0x80 >> n)) != 0;

    public bool SupportsIa(int n) => (FiveGIa & (0x80 >> n)) != 0;

    public static UeSecurityCapability Create(byte ea, byte ia, byte? eea = null, byte? eia = null) =>
        new(eea is null ? new[] { ea, ia } : new[] { ea, ia, eea.Value, eia ?? 0 });

    public static UeSecurityCapability FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>A tracking area identity: PLMN and 24-bit TAC (§9.11.3.8).</summary>
public readonly record struct Tai(PlmnId Plmn, uint Tac)
{
    internal static Tai Read(ReadOnlySpan<byte> b) => new(PlmnId.Read(b), Bcd.ReadUInt24(b[3..]));

    internal void Write(Span<byte> b)
    {
        Plmn.Write(b);
        b[3] = (byte)(Tac >> 16);
        b[4] = (byte)(Tac >> 8);
        b[5] = (byte)Tac;
    }
}

/// <summary>§9.11.3.8 5GS tracking area identity (the "last visited registered TAI").</summary>
public readonly struct TrackingAreaIdentity(ReadOnlyMemory<byte> value) : INasIe<TrackingAreaIdentity>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public Tai Get() => Tai.Read(Value.Span);

    public static TrackingAreaIdentity Create(Tai tai)
    {
        var b = new byte[6];
        tai.Write(b);
        return new(b);
    }

    public static TrackingAreaIdentity FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>
/// §9.11.3.9 5GS tracking area identity list: partial lists of type 00 (one PLMN, listed TACs), 01 (one PLMN,
/// consecutive TACs from the first) and 10 (PLMN and TAC per element); bits 1-5 hold the element count minus one.
/// </summary>
public readonly struct TaiList(ReadOnlyMemory<byte> value) : INasIe<TaiList>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static TaiList FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    /// <summary>Every TAI of every partial list, consecutive TACs expanded; no allocation.</summary>
    public Enumerator GetEnumerator() => new(Value.Span);

    public Tai[] ToArray()
    {
        int n = 0;
        foreach (var _ in this)
        {
            n++;
        }
        var list = new Tai[n];
        n = 0;
        foreach (var t in this)
        {
            list[n++] = t;
        }
        return list;
    }

    /// <summary>Encodes TAIs as partial lists of type 00 (runs of one PLMN, up to 16 TACs) — what networks send.</summary>
    public static TaiList Create(ReadOnlySpan<Tai> tais)
    {
        var bytes = new List<byte>();
        Span<byte> plmn = stackalloc byte[3];
        int i = 0;
        while (i < tais.Length)
        {
            int run = 1;
            while (i + run < tais.Length && run < 16 && tais[i + run].Plmn == tais[i].Plmn)
            {
                run++;
            }
            bytes.Add((byte)(run - 1));
            tais[i].Plmn.Write(plmn);
            bytes.AddRange(plmn);
            for (int k = 0; k < run; k++)
            {
                uint tac = tais[i + k].Tac;
                bytes.Add((byte)(tac >> 16));
                bytes.Add((byte)(tac >> 8));
                bytes.Add((byte)tac);
            }
            i += run;
        }
        return new(bytes.ToArray());
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            int type = (v[pos] >> 5) & 0x03;
            int n = (v[pos] & 0x1F) + 1;
            int len = type switch
            {
                0 => 3 + 3 * n,
                1 => 6,
                2 => 6 * n,
                _ => -1,
            };
            if (len < 0 || pos + 1 + len > v.Length)
            {
                return false;
            }
            pos += 1 + len;
        }
        return v.Length > 0;
    }

    public ref struct Enumerator(ReadOnlySpan<byte> v)
    {
        private readonly ReadOnlySpan<byte> _v = v;
        private int _list;
        private int _index = -1;

        public Tai Current { get; private set; }

        public bool MoveNext()
        {
            while (_list < _v.Length)
            {
                int type = (_v[_list] >> 5) & 0x03;
                int n = (_v[_list] & 0x1F) + 1;
                int len = type switch { 0 => 3 + 3 * n, 1 => 6, 2 => 6 * n, _ => -1 };
                if (len < 0 || _list + 1 + len > _v.Length)
                {
                    return false;
                }
                _index++;
                if (_index < n)
                {
                    var body = _v.Slice(_list + 1, len);
                    Current = type switch
                    {
                        0 => new Tai(PlmnId.Read(body), Bcd.ReadUInt24(body[(3 + 3 * _index)..])),
                        1 => new Tai(PlmnId.Read(body), (Bcd.ReadUInt24(body[3..]) + (uint)_index) & 0xFFFFFF),
                        _ => Tai.Read(body[(6 * _index)..]),
                    };
                    return true;
                }
                _list += 1 + len;
                _index = -1;
            }
            return false;
        }
    }
}

/// <summary>§9.11.3.44 PDU session status and §9.11.3.42 PDU session reactivation result: one bit per PSI 0-15 (octet 3 bit 1 = PSI 0).</summary>
public readonly struct PduSessionStatus(ReadOnlyMemory<byte> value) : INasIe<PduSessionStatus>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    /// <summary>Bit n set = PSI n active.</summary>
    public ushort Mask => (ushort)(Value.Span[0] | Value.Span[1] << 8);

    public bool IsSet(int psi) => psi is >= 0 and < 16 && (Mask & (1 << psi)) != 0;

    public static PduSessionStatus Create(ushort mask) => new(new[] { (byte)mask, (byte)(mask >> 8) });

    public static PduSessionStatus FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>§9.11.2.4 GPRS timer 2, §9.11.2.5 GPRS timer 3 (TS 24.008 §10.5.7.4, §10.5.7.4a) and §9.11.2.3 GPRS timer: unit (bits 6-8) and value (bits 1-5).</summary>
public readonly struct GprsTimer(ReadOnlyMemory<byte> value) : INasIe<GprsTimer>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public byte Unit => (byte)(Value.Span[0] >> 5);

    public byte TimerValue => (byte)(Value.Span[0] & 0x1F);

    /// <summary>The duration for GPRS timer 2 / GPRS timer (units 2 s, 1 min, 6 min; 7 = deactivated), or null.</summary>
    public TimeSpan? AsTimer2 => Unit switch
    {
        0 => TimeSpan.FromSeconds(2 * TimerValue),
        1 => TimeSpan.FromMinutes(TimerValue),
        2 => TimeSpan.FromMinutes(6 * TimerValue),
        _ => null,
    };

    /// <summary>The duration for GPRS timer 3 (units 10 min, 1 h, 10 h, 2 s, 30 s, 1 min, 320 h; 7 = deactivated), or null.</summary>
    public TimeSpan? AsTimer3 => Unit switch
    {
        0 => TimeSpan.FromMinutes(10 * TimerValue),
        1 => TimeSpan.FromHours(TimerValue),
        2 => TimeSpan.FromHours(10 * TimerValue),
        3 => TimeSpan.FromSeconds(2 * TimerValue),
        4 => TimeSpan.FromSeconds(30 * TimerValue),
        5 => TimeSpan.FromMinutes(TimerValue),
        6 => TimeSpan.FromHours(320 * TimerValue),
        _ => null,
    };

    public static GprsTimer Create(byte unit, byte value) => new(new[] { (byte)(unit << 5 | value & 0x1F) });

    public static GprsTimer FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>One octet IE (5GMM cause §9.11.3.2, 5GSM cause §9.11.4.2, PDU session identity 2 §9.11.3.41, selected NAS security algorithms §9.11.3.34 ...).</summary>
public readonly struct OctetValue(ReadOnlyMemory<byte> value) : INasIe<OctetValue>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public byte Octet => Value.Span[0];

    public static OctetValue Create(byte value) => new(new[] { value });

    public static OctetValue FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public static implicit operator byte(OctetValue v) => v.Octet;

    public byte ToByte() => Octet;
}

/// <summary>§9.11.3.34 NAS security algorithms: type of ciphering algorithm (bits 5-8) and of integrity algorithm (bits 1-4).</summary>
public readonly struct NasSecurityAlgorithms(ReadOnlyMemory<byte> value) : INasIe<NasSecurityAlgorithms>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public byte Ciphering => (byte)(Value.Span[0] >> 4);

    public byte Integrity => (byte)(Value.Span[0] & 0x0F);

    public static NasSecurityAlgorithms Create(byte ciphering, byte integrity) => new(new[] { (byte)(ciphering << 4 | integrity & 0x0F) });

    public static NasSecurityAlgorithms FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);
}

/// <summary>§9.11.3.47 payload container type values.</summary>
public static class PayloadContainerTypes
{
    public const byte N1SmInformation = 1;
    public const byte Sms = 2;
    public const byte Lpp = 3;
    public const byte SorTransparentContainer = 4;
    public const byte UePolicyContainer = 5;
    public const byte UeParametersUpdateTransparentContainer = 6;
    public const byte LocationServicesMessageContainer = 7;
    public const byte CiotUserData = 8;
    public const byte ServiceLevelAaContainer = 9;
    public const byte EventNotification = 10;
    public const byte MultiplePayloads = 15;
}

/// <summary>One entry of a multiple-payloads container (§9.11.3.39, figure 9.11.3.39.2): type, optional IEs, contents.</summary>
public readonly record struct PayloadContainerEntry(byte PayloadContainerType, ReadOnlyMemory<byte> OptionalIes, ReadOnlyMemory<byte> Contents);

/// <summary>§9.11.3.39 payload container: its contents, or for payload container type "multiple payloads" a list of entries.</summary>
public readonly struct PayloadContainer(ReadOnlyMemory<byte> value) : INasIe<PayloadContainer>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static PayloadContainer FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    /// <summary>The entries when the payload container type is "multiple payloads"; false if the structure is broken.</summary>
    public bool TryGetEntries(out PayloadContainerEntry[] entries)
    {
        var v = Value.Span;
        entries = [];
        if (v.Length < 1)
        {
            return false;
        }
        int count = v[0];
        var list = new PayloadContainerEntry[count];
        int pos = 1;
        for (int i = 0; i < count; i++)
        {
            if (pos + 3 > v.Length)
            {
                return false;
            }
            int len = v[pos] << 8 | v[pos + 1];
            if (len < 1 || pos + 2 + len > v.Length)
            {
                return false;
            }
            int optCount = v[pos + 2] >> 4;
            byte type = (byte)(v[pos + 2] & 0x0F);
            int p = pos + 3, end = pos + 2 + len;
            for (int k = 0; k < optCount; k++)
            {
                if (p + 2 > end || p + 2 + v[p + 1] > end)
                {
                    return false;
                }
                p += 2 + v[p + 1];
            }
            list[i] = new PayloadContainerEntry(type, Value[(pos + 3)..p], Value[p..end]);
            pos = end;
        }
        if (pos != v.Length)
        {
            return false;
        }
        entries = list;
        return true;
    }

    internal static bool IsValidMultiple(ReadOnlyMemory<byte> v) => new PayloadContainer(v).TryGetEntries(out _);
}

/// <summary>§9.11.3.10 ABBA (at least 2 octets), §9.11.3.15-§9.11.3.17 authentication parameters, §9.11.2.2 EAP message, §9.11.3.33 NAS message container.</summary>
public static class AuthenticationIes
{
    /// <summary>The EAP code (RFC 3748: 1 request, 2 response, 3 success, 4 failure) of an EAP message IE, or 0 if too short.</summary>
    public static byte EapCode(OctetString eap) => eap.Value.Length > 0 ? eap.Value.Span[0] : (byte)0;

    /// <summary>The EAP identifier octet.</summary>
    public static byte EapIdentifier(OctetString eap) => eap.Value.Length > 1 ? eap.Value.Span[1] : (byte)0;

    internal static bool IsValidEap(ReadOnlySpan<byte> v) => v.Length >= 4 && BinaryPrimitives.ReadUInt16BigEndian(v[2..]) == v.Length;
}
