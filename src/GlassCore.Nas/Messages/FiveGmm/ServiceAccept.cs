// TS 24.501 §8.2.18 Service accept.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Service accept (TS 24.501 §8.2.18).</summary>
public sealed class ServiceAccept() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.ServiceAccept, "Service accept",
    [
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x26, "PDU session reactivation result", IeKind.PduSessionStatus, 2),
        IeSpec.TlvE(0x72, "PDU session reactivation result error cause", IeKind.Opaque, 2),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.Tlv(0x6B, "T3448 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x34, "5GS additional request result", IeKind.Opaque, 1),
        IeSpec.Tlv(0x1D, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for roaming\"", IeKind.TaiList, 7),
        IeSpec.Tlv(0x1E, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for regional provision of service\"", IeKind.TaiList, 7),
    ]);

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(0); set => SetOptional(0, value); }

    /// <summary>PDU session reactivation result.</summary>
    public PduSessionStatus? PduSessionReactivationResult { get => GetOptional<PduSessionStatus>(1); set => SetOptional(1, value); }

    /// <summary>PDU session reactivation result error cause.</summary>
    public OctetString? PduSessionReactivationResultErrorCause { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }

    /// <summary>T3448 value.</summary>
    public GprsTimer? T3448Value { get => GetOptional<GprsTimer>(4); set => SetOptional(4, value); }

    /// <summary>5GS additional request result.</summary>
    public OctetString? AdditionalRequestResult { get => GetOptional<OctetString>(5); set => SetOptional(5, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for roaming&quot;.</summary>
    public TaiList? ForbiddenTaisForRoaming { get => GetOptional<TaiList>(6); set => SetOptional(6, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for regional provision of service&quot;.</summary>
    public TaiList? ForbiddenTaisForRegionalProvisionOfService { get => GetOptional<TaiList>(7); set => SetOptional(7, value); }
}
