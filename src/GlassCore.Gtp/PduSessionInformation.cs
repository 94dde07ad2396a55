// TS 38.415 §5.5.2: PDU Session Container content — DL PDU SESSION INFORMATION (PDU Type 0, §5.5.2.1) and
// UL PDU SESSION INFORMATION (PDU Type 1, §5.5.2.2); field semantics in §5.5.3.
//
//  DL: octet 1  PDU Type(4) | QMP | SNP | MSNP | Spare        UL: octet 1  PDU Type(4) | QMP | DL Delay Ind. | UL Delay Ind. | SNP
//      octet 2  PPP | RQI | QoS Flow Identifier(6)                octet 2  N3/N9 Delay Ind. | New IE Flag | QoS Flow Identifier(6)
//      [octet 3 PPI(3) | Spare]  then optional time stamps and sequence numbers, then padding
namespace GlassCore.Gtp;

/// <summary>The decoded PDU Session Container: what the packet path needs (QFI, RQI, PPI) plus the first two octets as sent.</summary>
public readonly struct PduSessionInformation
{
    public const byte DownlinkPduType = 0;
    public const byte UplinkPduType = 1;

    private PduSessionInformation(byte octet1, byte octet2, byte ppiOctet)
    {
        Octet1 = octet1;
        Octet2 = octet2;
        PpiOctet = ppiOctet;
    }

    public byte Octet1 { get; }

    public byte Octet2 { get; }

    /// <summary>The octet carrying PPI (DL only, when PPP is set).</summary>
    public byte PpiOctet { get; }

    public int PduType => Octet1 >> 4;

    public bool IsDownlink => PduType == DownlinkPduType;

    public byte Qfi => (byte)(Octet2 & 0x3F);

    /// <summary>Reflective QoS Indicator (DL only).</summary>
    public bool Rqi => IsDownlink && (Octet2 & 0x40) != 0;

    /// <summary>Paging Policy Presence (DL only).</summary>
    public bool PpiPresent => IsDownlink && (Octet2 & 0x80) != 0;

    /// <summary>Paging Policy Indicator, 3 bits (DL only, when <see cref="PpiPresent"/>).</summary>
    public byte Ppi => (byte)(PpiOctet >> 5);

    public static PduSessionInformation Downlink(byte qfi, bool rqi = false, byte? ppi = null) =>
        new(DownlinkPduType << 4, (byte)((ppi is null ? 0 : 0x80) | (rqi ? 0x40 : 0) | (qfi & 0x3F)), (byte)((ppi ?? 0) << 5));

    public static PduSessionInformation Uplink(byte qfi) => new(UplinkPduType << 4, (byte)(qfi & 0x3F), 0);

    public static bool TryParse(ReadOnlySpan<byte> content, out PduSessionInformation info)
    {
        info = default;
        if (content.Length < 2)
        {
            return false;
        }
        bool dl = content[0] >> 4 == DownlinkPduType;
        byte ppi = 0;
        if (dl && (content[1] & 0x80) != 0)
        {
            if (content.Length < 3)
            {
                return false;
            }
            ppi = content[2];
        }
        info = new PduSessionInformation(content[0], content[1], ppi);
        return true;
    }

    /// <summary>Content octets this writes before padding: 2, or 3 with PPI.</summary>
    public int ContentLength => PpiPresent ? 3 : 2;

    internal void WriteContent(Span<byte> destination)
    {
        destination[0] = Octet1;
        destination[1] = Octet2;
        if (PpiPresent)
        {
            destination[2] = PpiOctet;
        }
    }
}
