// TS 29.244 §8.2: IEs made of flag octets (Apply Action §8.2.26, Reporting Triggers §8.2.19, Usage Report Trigger §8.2.41,
// Report Type §8.2.21, Measurement Method §8.2.40, UP/CP Function Features §8.2.25/§8.2.58, OCI Flags §8.2.76, …).
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>An IE of flag octets: every octet is kept, so bits of later releases survive re-encoding.</summary>
public class PfcpFlagsIe : PfcpLeaf
{
    public PfcpFlagsIe(ushort ieType, byte[] octets)
    {
        ArgumentNullException.ThrowIfNull(octets);
        IeType = ieType;
        Octets = octets;
    }

    public ushort IeType { get; }

    public byte[] Octets { get; }

    /// <summary>Bit <paramref name="bit"/> (1 = least significant, as the spec numbers them) of octet <paramref name="octet"/> (0-based after the header).</summary>
    public bool Has(int octet, int bit) => octet < Octets.Length && (Octets[octet] & (1 << (bit - 1))) != 0;

    protected override int FieldsLength => Octets.Length;

    protected override void WriteFields(Span<byte> destination) => Octets.CopyTo(destination);

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        string[][]? names = FlagNames(IeType);
        writer.WriteStartArray("flags");
        for (int o = 0; o < Octets.Length; o++)
        {
            for (int b = 1; b <= 8; b++)
            {
                if (Has(o, b))
                {
                    string? name = names is not null && o < names.Length && b <= names[o].Length ? names[o][b - 1] : null;
                    writer.WriteStringValue(string.IsNullOrEmpty(name) ? $"octet{o + 5}.bit{b}" : name);
                }
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>Builds the octets from flag names (tools JSON); names are those of <see cref="FlagNames"/>.</summary>
    public static byte[] OctetsFromNames(ushort ieType, IEnumerable<string> flags, int minimumOctets)
    {
        ArgumentNullException.ThrowIfNull(flags);
        string[][] names = FlagNames(ieType) ?? [];
        var octets = new byte[Math.Max(minimumOctets, 1)];
        foreach (string flag in flags)
        {
            bool found = false;
            for (int o = 0; o < names.Length && !found; o++)
            {
                int b = Array.FindIndex(names[o], n => string.Equals(n, flag, StringComparison.OrdinalIgnoreCase));
                if (b >= 0)
                {
                    if (octets.Length <= o)
                    {
                        Array.Resize(ref octets, o + 1);
                    }
                    octets[o] |= (byte)(1 << b);
                    found = true;
                }
            }
            if (!found)
            {
                throw new ArgumentException($"unknown flag '{flag}' for {PfcpIeNames.Get(ieType)}");
            }
        }
        return octets;
    }

    /// <summary>Flag names per octet, bit 1 first, as the spec's figures name them.</summary>
    public static string[][]? FlagNames(ushort ieType) => ieType switch
    {
        PfcpIeType.ApplyAction => [["DROP", "FORW", "BUFF", "NOCP", "DUPL", "IPMA", "IPMD", "DFRT"], ["EDRT", "BDPN", "DDPN", "FSSM", "MBSU"]],
        PfcpIeType.ReportingTriggers => [["PERIO", "VOLTH", "TIMTH", "QUHTI", "START", "STOPT", "DROTH", "LIUSA"], ["VOLQU", "TIMQU", "ENVCL", "MACAR", "EVETH", "EVEQU", "IPMJL", "QUVTI"], ["REEMR", "UPINT"]],
        PfcpIeType.UsageReportTrigger => [["PERIO", "VOLTH", "TIMTH", "QUHTI", "START", "STOPT", "DROTH", "IMMER"], ["VOLQU", "TIMQU", "LIUSA", "TERMR", "MONIT", "ENVCL", "MACAR", "EVETH"], ["EVEQU", "TEBUR", "IPMJL", "QUVTI", "EMRRE", "UPINT"]],
        PfcpIeType.ReportType => [["DLDR", "USAR", "ERIR", "UPIR", "TMIR", "SESR", "UISR"]],
        PfcpIeType.MeasurementMethod => [["DURAT", "VOLUM", "EVENT"]],
        PfcpIeType.UpFunctionFeatures => [
            ["BUCP", "DDND", "DLBD", "TRST", "FTUP", "PFDM", "HEEU", "TREU"],
            ["EMPU", "PDIU", "UDBC", "QUOAC", "TRACE", "FRRT", "PFDE", "EPFAR"],
            ["DPDRA", "ADPDP", "UEIP", "SSET", "MNOP", "MTE", "BUNDL", "GCOM"],
            ["MPAS", "RTTL", "VTIME", "NORP", "IPTV", "IP6PL", "TSCU", "MPTCP"],
            ["ATSSS-LL", "QFQM", "GPQM", "MT-EDT", "CIOT", "ETHAR", "DDDS", "RDS"],
            ["RTTWP"]],
        PfcpIeType.CpFunctionFeatures => [["LOAD", "OVRL", "EPFAR", "SSET", "BUNDL", "MPAS", "ARDR", "UIAUR"], ["PSUCC", "RPGUR"]],
        PfcpIeType.OciFlags => [["AOCI"]],
        PfcpIeType.PfcpsmReqFlags => [["DROBU", "SNDEM", "QAURR", "SUMPC", "RUMUC", "DETEID"]],
        PfcpIeType.PfcpsrRspFlags => [["DROBU"]],
        PfcpIeType.PfcpAssociationReleaseRequest => [["SARR", "URSS"]],
        PfcpIeType.UsageInformation => [["BEF", "AFT", "UAE", "UBE"]],
        PfcpIeType.NodeReportType => [["UPFR", "UPRR", "CKDR", "GPQR"]],
        PfcpIeType.PfcpsrReqFlags => [["PSDBU"]],
        PfcpIeType.PfcpauReqFlags => [["PARPS"]],
        PfcpIeType.PfcpasRspFlags => [["PSREI", "UUPSI"]],
        PfcpIeType.PfcpseReqFlags => [["RESTI", "SUMPC"]],
        _ => null,
    };
}

/// <summary>§8.2.26 Apply Action: two octets since Rel-16 (a one-octet form is still accepted on decode).</summary>
public sealed class ApplyAction : PfcpFlagsIe
{
    public ApplyAction(byte[] octets)
        : base(PfcpIeType.ApplyAction, octets)
    {
    }

    /// <summary>Builds the Rel-16 two-octet form (real UPFs reject the one-octet form, see interop notes).</summary>
    public static ApplyAction Of(bool drop = false, bool forward = false, bool buffer = false, bool notifyCp = false, bool duplicate = false) =>
        new([(byte)((drop ? 1 : 0) | (forward ? 2 : 0) | (buffer ? 4 : 0) | (notifyCp ? 8 : 0) | (duplicate ? 16 : 0)), 0]);

    public bool Drop => Has(0, 1);

    public bool Forward => Has(0, 2);

    public bool Buffer => Has(0, 3);

    public bool NotifyCp => Has(0, 4);

    public bool Duplicate => Has(0, 5);
}

/// <summary>§8.2.19 Reporting Triggers.</summary>
public sealed class ReportingTriggers(byte[] octets) : PfcpFlagsIe(PfcpIeType.ReportingTriggers, octets)
{
    public bool PeriodicReporting => Has(0, 1);

    public bool VolumeThreshold => Has(0, 2);

    public bool TimeThreshold => Has(0, 3);

    public bool VolumeQuota => Has(1, 1);

    public bool TimeQuota => Has(1, 2);
}

/// <summary>§8.2.41 Usage Report Trigger.</summary>
public sealed class UsageReportTrigger(byte[] octets) : PfcpFlagsIe(PfcpIeType.UsageReportTrigger, octets)
{
    public bool PeriodicReporting => Has(0, 1);

    public bool VolumeThreshold => Has(0, 2);

    public bool TimeThreshold => Has(0, 3);

    public bool ImmediateReport => Has(0, 8);

    public bool VolumeQuota => Has(1, 1);

    public bool TimeQuota => Has(1, 2);

    public bool TerminationReport => Has(1, 4);
}

/// <summary>§8.2.21 Report Type.</summary>
public sealed class ReportType(byte[] octets) : PfcpFlagsIe(PfcpIeType.ReportType, octets)
{
    public bool DownlinkDataReport => Has(0, 1);

    public bool UsageReport => Has(0, 2);

    public bool ErrorIndicationReport => Has(0, 3);

    public bool UserPlaneInactivityReport => Has(0, 4);
}

/// <summary>§8.2.40 Measurement Method.</summary>
public sealed class MeasurementMethod(byte[] octets) : PfcpFlagsIe(PfcpIeType.MeasurementMethod, octets)
{
    public bool Duration => Has(0, 1);

    public bool Volume => Has(0, 2);

    public bool Event => Has(0, 3);
}

/// <summary>§8.2.25 UP Function Features.</summary>
public sealed class UpFunctionFeatures(byte[] octets) : PfcpFlagsIe(PfcpIeType.UpFunctionFeatures, octets)
{
    /// <summary>FTUP: the UP function allocates F-TEIDs (CHOOSE).</summary>
    public bool Ftup => Has(0, 5);

    public bool Ueip => Has(2, 3);
}

/// <summary>§8.2.58 CP Function Features.</summary>
public sealed class CpFunctionFeatures(byte[] octets) : PfcpFlagsIe(PfcpIeType.CpFunctionFeatures, octets)
{
    public bool Load => Has(0, 1);

    public bool Overload => Has(0, 2);
}
