// TS 29.244 §8.2: IEs whose value is one unsigned integer (IDs, precedence, timers, sequence numbers, time stamps).
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>An IE whose value is one big-endian unsigned integer of a fixed width.</summary>
public abstract class PfcpNumberIe(int width, ulong value) : PfcpLeaf
{
    public int Width { get; } = width;

    public ulong RawValue { get; } = value;

    protected override int FieldsLength => Width;

    protected override void WriteFields(Span<byte> destination)
    {
        for (int i = 0; i < Width; i++)
        {
            destination[i] = (byte)(RawValue >> (8 * (Width - 1 - i)));
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer) => writer.WriteNumber("value", RawValue);

    internal static bool TryRead(ReadOnlySpan<byte> value, int width, out ulong v, out byte[] extra)
    {
        v = 0;
        extra = [];
        if (value.Length < width)
        {
            return false;
        }
        for (int i = 0; i < width; i++)
        {
            v = v << 8 | value[i];
        }
        extra = value[width..].ToArray();
        return true;
    }
}

/// <summary>§8.2.36 PDR ID: Rule ID, 2 octets.</summary>
public sealed class PdrId(ushort ruleId) : PfcpNumberIe(2, ruleId)
{
    public ushort RuleId => (ushort)RawValue;
}

/// <summary>§8.2.74 FAR ID.</summary>
public sealed class FarId(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.54 URR ID.</summary>
public sealed class UrrId(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.75 QER ID.</summary>
public sealed class QerId(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.124 BAR ID.</summary>
public sealed class BarId(byte value) : PfcpNumberIe(1, value)
{
    public byte Value => (byte)RawValue;
}

/// <summary>§8.2.11 Precedence.</summary>
public sealed class Precedence(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.1 Cause.</summary>
public sealed class Cause(PfcpCause value) : PfcpNumberIe(1, (byte)value)
{
    public PfcpCause Value => (PfcpCause)RawValue;

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("value", RawValue);
        writer.WriteString("cause", Value.ToString());
    }
}

/// <summary>§8.2.52 UR-SEQN.</summary>
public sealed class UrSeqn(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.58 Sequence Number (load/overload control).</summary>
public sealed class SequenceNumber(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>§8.2.59 Metric (0..100).</summary>
public sealed class Metric(byte value) : PfcpNumberIe(1, value)
{
    public byte Value => (byte)RawValue;
}

/// <summary>§8.2.40 Offending IE: the type of the IE that caused a rejection.</summary>
public sealed class OffendingIe(ushort ieType) : PfcpNumberIe(2, ieType)
{
    public ushort IeType => (ushort)RawValue;
}

/// <summary>Seconds or other plain 4-octet counters: Time Threshold, Time Quota, Measurement Period, Duration Measurement, …</summary>
public sealed class PfcpUInt32Ie(uint value) : PfcpNumberIe(4, value)
{
    public uint Value => (uint)RawValue;
}

/// <summary>Plain 1-octet values: Downlink Data Notification Delay, Suggested Buffering Packets Count, …</summary>
public sealed class PfcpUInt8Ie(byte value) : PfcpNumberIe(1, value)
{
    public byte Value => (byte)RawValue;
}

/// <summary>Plain 2-octet values: Transport Level Marking, …</summary>
public sealed class PfcpUInt16Ie(ushort value) : PfcpNumberIe(2, value)
{
    public ushort Value => (ushort)RawValue;
}

/// <summary>Time stamps as NTP seconds since 1900 (§8.2.65 Recovery Time Stamp, Start/End Time, Time of First/Last Packet).</summary>
public sealed class PfcpTimeStamp(uint ntpSeconds) : PfcpNumberIe(4, ntpSeconds)
{
    private static readonly DateTime s_ntpEpoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public uint NtpSeconds => (uint)RawValue;

    /// <summary>The time, assuming NTP era 0 until 2036 and era 1 after (RFC 5905 §6) when the top bit is clear.</summary>
    public DateTime Time => (NtpSeconds & 0x80000000) != 0
        ? s_ntpEpoch.AddSeconds(NtpSeconds)
        : s_ntpEpoch.AddSeconds(NtpSeconds + 4294967296.0);

    public static PfcpTimeStamp FromTime(DateTime utc) =>
        new((uint)((ulong)(utc.ToUniversalTime() - s_ntpEpoch).TotalSeconds & 0xFFFFFFFF));

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("value", RawValue);
        writer.WriteString("time", Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>IEs whose meaning sits in some bits of one octet, the rest spare (kept as received).</summary>
public abstract class PfcpOctetIe(byte octet, byte mask) : PfcpLeaf
{
    public byte Octet { get; } = octet;

    protected byte Masked => (byte)(Octet & mask);

    protected override int FieldsLength => 1;

    protected override void WriteFields(Span<byte> destination) => destination[0] = Octet;

    protected override void WriteFieldsJson(Utf8JsonWriter writer) => writer.WriteNumber("value", Masked);
}

/// <summary>§8.2.2 / §8.2.24 Interface values of Source and Destination Interface.</summary>
public enum InterfaceValue : byte
{
    Access = 0,
    Core = 1,
    SgiLanN6Lan = 2,
    CpFunction = 3,
    FiveGVnInternal = 4,
}

/// <summary>§8.2.2 Source Interface.</summary>
public sealed class SourceInterface(byte octet) : PfcpOctetIe(octet, 0x0F)
{
    public SourceInterface(InterfaceValue value)
        : this((byte)value)
    {
    }

    public InterfaceValue Value => (InterfaceValue)Masked;
}

/// <summary>§8.2.24 Destination Interface.</summary>
public sealed class DestinationInterface(byte octet) : PfcpOctetIe(octet, 0x0F)
{
    public DestinationInterface(InterfaceValue value)
        : this((byte)value)
    {
    }

    public InterfaceValue Value => (InterfaceValue)Masked;
}

/// <summary>§8.2.89 QFI (6 bits).</summary>
public sealed class Qfi(byte octet) : PfcpOctetIe(octet, 0x3F)
{
    public byte Value => Masked;
}

/// <summary>§8.2.88 RQI.</summary>
public sealed class Rqi(byte octet) : PfcpOctetIe(octet, 0x01)
{
    public bool Value => Masked != 0;
}

/// <summary>§8.2.118 3GPP Interface Type values.</summary>
public enum ThreeGppInterfaceTypeValue : byte
{
    S1U = 0,
    S5S8U = 1,
    S4U = 2,
    S11U = 3,
    S12U = 4,
    GnGpU = 5,
    S2aU = 6,
    S2bU = 7,
    ENodeBGtpUInterfaceForDlDataForwarding = 8,
    ENodeBGtpUInterfaceForUlDataForwarding = 9,
    SgwUpfGtpUInterfaceForDlDataForwarding = 10,
    N3ThreeGppAccess = 11,
    N3TrustedNon3GppAccess = 12,
    N3UntrustedNon3GppAccess = 13,
    N3ForDataForwarding = 14,
    N9 = 15,
    SGi = 16,
    N6 = 17,
    N19 = 18,
    S8U = 19,
    GpU = 20,
    N9ForRoaming = 21,
    IuU = 22,
    N9ForDataForwarding = 23,
    Sxb = 24,
    Sxc = 25,
    N4U = 26,
}

/// <summary>§8.2.118 3GPP Interface Type (6 bits).</summary>
public sealed class ThreeGppInterfaceType(byte octet) : PfcpOctetIe(octet, 0x3F)
{
    public ThreeGppInterfaceType(ThreeGppInterfaceTypeValue value)
        : this((byte)value)
    {
    }

    public ThreeGppInterfaceTypeValue Value => (ThreeGppInterfaceTypeValue)Masked;
}

/// <summary>§8.2.79 PDN Type: 1 IPv4, 2 IPv6, 3 IPv4v6, 4 Non-IP, 5 Ethernet.</summary>
public sealed class PdnType(byte octet) : PfcpOctetIe(octet, 0x07)
{
    public byte Value => Masked;
}

/// <summary>§8.2.7 Gate Status: UL gate in bits 4-3, DL gate in bits 2-1 (0 open, 1 closed).</summary>
public sealed class GateStatus(byte octet) : PfcpOctetIe(octet, 0x0F)
{
    public GateStatus(bool ulOpen, bool dlOpen)
        : this((byte)((ulOpen ? 0 : 1) << 2 | (dlOpen ? 0 : 1)))
    {
    }

    public bool UplinkOpen => (Octet >> 2 & 3) == 0;

    public bool DownlinkOpen => (Octet & 3) == 0;

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteString("ulGate", UplinkOpen ? "OPEN" : "CLOSED");
        writer.WriteString("dlGate", DownlinkOpen ? "OPEN" : "CLOSED");
    }
}

/// <summary>§8.2.116 Paging Policy Indicator (3 bits).</summary>
public sealed class PagingPolicyIndicator(byte octet) : PfcpOctetIe(octet, 0x07)
{
    public byte Value => Masked;
}

/// <summary>§8.2.56 Timer: unit in bits 8-6, value in bits 5-1 (also Graceful Release Period).</summary>
public sealed class PfcpTimer(byte octet) : PfcpOctetIe(octet, 0xFF)
{
    public int Unit => Octet >> 5;

    public int TimerValue => Octet & 0x1F;

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("unit", Unit);
        writer.WriteNumber("value", TimerValue);
    }
}
