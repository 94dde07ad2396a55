// TS 29.281 §6.1 Table 6.1-1: GTP-U message types; §5.2.1 Figure 5.2.1-3: extension header types; §8: IE types.
namespace GlassCore.Gtp;

public enum GtpUMessageType : byte
{
    EchoRequest = 1,
    EchoResponse = 2,
    ErrorIndication = 26,
    SupportedExtensionHeadersNotification = 31,
    TunnelStatus = 253,
    EndMarker = 254,
    GPdu = 255,
}

/// <summary>Next Extension Header Type values (TS 29.281 §5.2.1.3 Figure 5.2.1-3).</summary>
public static class GtpUExtensionType
{
    public const byte None = 0x00;
    public const byte MbmsSupportIndication = 0x01;
    public const byte MsInfoChangeReportingSupportIndication = 0x02;
    public const byte LongPdcpPduNumber = 0x03;
    public const byte ServiceClassIndicator = 0x20;
    public const byte UdpPort = 0x40;
    public const byte RanContainer = 0x81;
    public const byte LongPdcpPduNumberRequired = 0x82;
    public const byte XwRanContainer = 0x83;
    public const byte NrRanContainer = 0x84;
    public const byte PduSessionContainer = 0x85;
    public const byte PdcpPduNumber = 0xC0;
}

/// <summary>GTP-U information element types (TS 29.281 §8.1).</summary>
public static class GtpUIeType
{
    public const byte Recovery = 14;
    public const byte TeidDataI = 16;
    public const byte GtpUPeerAddress = 133;
    public const byte ExtensionHeaderTypeList = 141;
    public const byte PrivateExtension = 255;
}

/// <summary>Why a GTP-U packet was not accepted.</summary>
public enum GtpUError : byte
{
    None,
    TooShort,
    UnsupportedVersion,
    /// <summary>Protocol Type 0 is GTP' (charging), not GTP-U.</summary>
    NotGtpU,
    LengthMismatch,
    ExtensionHeaderTruncated,
    ExtensionHeaderZeroLength,
    IeTruncated,
    UnknownIe,
    MissingIe,
    BufferTooSmall,
}
