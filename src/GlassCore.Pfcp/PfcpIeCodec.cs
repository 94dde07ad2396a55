// TS 29.244 §8.1.2 Table 8.1.2-1: which IE types are grouped and how each leaf's value is laid out (§8.2).
namespace GlassCore.Pfcp;

/// <summary>Decodes one IE value to its typed form; unknown types stay raw.</summary>
public static class PfcpIeCodec
{
    /// <summary>Grouped IEs nest; deeper nesting than this is no real message and is refused rather than recursed into.</summary>
    public const int MaxDepth = 8;

    public static bool IsGrouped(ushort type) => type switch
    {
        >= 1 and <= 18 => true,
        51 or 54 or 58 or 59 or 68 or 77 or 78 or 79 or 80 or 83 or 85 or 86 or 87 or 99 or 102 or 105 or 118 => true,
        >= 127 and <= 130 => true,
        132 or 143 or 147 or 165 or 166 or 167 or 168 or 169 or 175 or 176 or 183 or 187 or 188 or 189 or 190 => true,
        194 or 195 or 199 or 200 or 201 or 203 => true,
        _ => false,
    };

    private static PfcpGroup NewGroup(ushort type) => type switch
    {
        PfcpIeType.CreatePdr => new CreatePdr(),
        PfcpIeType.Pdi => new Pdi(),
        PfcpIeType.CreateFar => new CreateFar(),
        PfcpIeType.ForwardingParameters => new ForwardingParameters(),
        PfcpIeType.CreateUrr => new CreateUrr(),
        PfcpIeType.CreateQer => new CreateQer(),
        PfcpIeType.CreatedPdr => new CreatedPdr(),
        PfcpIeType.UpdatePdr => new UpdatePdr(),
        PfcpIeType.UpdateFar => new UpdateFar(),
        PfcpIeType.UpdateForwardingParameters => new UpdateForwardingParameters(),
        PfcpIeType.UpdateBarSessionReportResponse or PfcpIeType.UpdateBar => new UpdateBar(),
        PfcpIeType.UpdateUrr => new UpdateUrr(),
        PfcpIeType.UpdateQer => new UpdateQer(),
        PfcpIeType.RemovePdr => new RemoveRule(PfcpIeType.PdrId),
        PfcpIeType.RemoveFar => new RemoveRule(PfcpIeType.FarId),
        PfcpIeType.RemoveUrr => new RemoveRule(PfcpIeType.UrrId),
        PfcpIeType.RemoveQer => new RemoveRule(PfcpIeType.QerId),
        PfcpIeType.RemoveBar => new RemoveRule(PfcpIeType.BarId),
        PfcpIeType.CreateBar => new CreateBar(),
        PfcpIeType.UsageReportSessionModificationResponse or PfcpIeType.UsageReportSessionDeletionResponse or PfcpIeType.UsageReportSessionReportRequest => new UsageReport(),
        PfcpIeType.DownlinkDataReport => new DownlinkDataReport(),
        PfcpIeType.LoadControlInformation => new LoadControlInformation(),
        PfcpIeType.OverloadControlInformation => new OverloadControlInformation(),
        _ => new PfcpGenericGroup(),
    };

    private static IPfcpIeValue? DecodeLeaf(ushort type, ReadOnlySpan<byte> v)
    {
        switch (type)
        {
            case PfcpIeType.Cause:
                return Number(v, 1, static x => new Cause((PfcpCause)x));
            case PfcpIeType.PdrId:
                return Number(v, 2, static x => new PdrId((ushort)x));
            case PfcpIeType.FarId:
                return Number(v, 4, static x => new FarId((uint)x));
            case PfcpIeType.UrrId:
                return Number(v, 4, static x => new UrrId((uint)x));
            case PfcpIeType.QerId:
                return Number(v, 4, static x => new QerId((uint)x));
            case PfcpIeType.BarId:
                return Number(v, 1, static x => new BarId((byte)x));
            case PfcpIeType.Precedence:
                return Number(v, 4, static x => new Precedence((uint)x));
            case PfcpIeType.UrSeqn:
                return Number(v, 4, static x => new UrSeqn((uint)x));
            case PfcpIeType.SequenceNumber:
                return Number(v, 4, static x => new SequenceNumber((uint)x));
            case PfcpIeType.Metric:
                return Number(v, 1, static x => new Metric((byte)x));
            case PfcpIeType.OffendingIe:
                return Number(v, 2, static x => new OffendingIe((ushort)x));
            case PfcpIeType.TimeThreshold or PfcpIeType.TimeQuota or PfcpIeType.MeasurementPeriod or PfcpIeType.DurationMeasurement
                or PfcpIeType.MonitoringTime or PfcpIeType.SubsequentTimeThreshold or PfcpIeType.SubsequentTimeQuota
                or PfcpIeType.InactivityDetectionTime or PfcpIeType.QuotaHoldingTime or PfcpIeType.UserPlaneInactivityTimer
                or PfcpIeType.LinkedUrrId or PfcpIeType.AggregatedUrrId or PfcpIeType.QueryUrrReference or PfcpIeType.EthernetInactivityTimer
                or PfcpIeType.QuotaValidityTime:
                return Number(v, 4, static x => new PfcpUInt32Ie((uint)x));
            case PfcpIeType.RecoveryTimeStamp or PfcpIeType.StartTime or PfcpIeType.EndTime or PfcpIeType.TimeOfFirstPacket
                or PfcpIeType.TimeOfLastPacket or PfcpIeType.ActivationTime or PfcpIeType.DeactivationTime:
                return Number(v, 4, static x => new PfcpTimeStamp((uint)x));
            case PfcpIeType.DownlinkDataNotificationDelay or PfcpIeType.SuggestedBufferingPacketsCount or PfcpIeType.TrafficEndpointId:
                return Number(v, 1, static x => new PfcpUInt8Ie((byte)x));
            case PfcpIeType.TransportLevelMarking:
                return Number(v, 2, static x => new PfcpUInt16Ie((ushort)x));
            case PfcpIeType.SourceInterface:
                return Octet(v, static o => new SourceInterface(o));
            case PfcpIeType.DestinationInterface:
                return Octet(v, static o => new DestinationInterface(o));
            case PfcpIeType.Qfi:
                return Octet(v, static o => new Qfi(o));
            case PfcpIeType.Rqi:
                return Octet(v, static o => new Rqi(o));
            case PfcpIeType.ThreeGppInterfaceType:
                return Octet(v, static o => new ThreeGppInterfaceType(o));
            case PfcpIeType.PdnType:
                return Octet(v, static o => new PdnType(o));
            case PfcpIeType.GateStatus:
                return Octet(v, static o => new GateStatus(o));
            case PfcpIeType.PagingPolicyIndicator:
                return Octet(v, static o => new PagingPolicyIndicator(o));
            case PfcpIeType.Timer or PfcpIeType.GracefulReleasePeriod:
                return Octet(v, static o => new PfcpTimer(o));
            case PfcpIeType.ApplyAction:
                return v.IsEmpty ? null : new ApplyAction(v.ToArray());
            case PfcpIeType.ReportingTriggers:
                return v.IsEmpty ? null : new ReportingTriggers(v.ToArray());
            case PfcpIeType.UsageReportTrigger:
                return v.IsEmpty ? null : new UsageReportTrigger(v.ToArray());
            case PfcpIeType.ReportType:
                return v.IsEmpty ? null : new ReportType(v.ToArray());
            case PfcpIeType.MeasurementMethod:
                return v.IsEmpty ? null : new MeasurementMethod(v.ToArray());
            case PfcpIeType.UpFunctionFeatures:
                return v.IsEmpty ? null : new UpFunctionFeatures(v.ToArray());
            case PfcpIeType.CpFunctionFeatures:
                return v.IsEmpty ? null : new CpFunctionFeatures(v.ToArray());
            case PfcpIeType.OciFlags or PfcpIeType.PfcpsmReqFlags or PfcpIeType.PfcpsrRspFlags or PfcpIeType.PfcpAssociationReleaseRequest
                or PfcpIeType.UsageInformation or PfcpIeType.NodeReportType or PfcpIeType.PfcpsrReqFlags or PfcpIeType.PfcpauReqFlags
                or PfcpIeType.PfcpasRspFlags or PfcpIeType.PfcpseReqFlags:
                return v.IsEmpty ? null : new PfcpFlagsIe(type, v.ToArray());
            case PfcpIeType.NodeId:
                return NodeId.TryDecode(v);
            case PfcpIeType.FSeid:
                return FSeid.TryDecode(v);
            case PfcpIeType.FTeid:
                return FTeid.TryDecode(v);
            case PfcpIeType.UeIpAddress:
                return UeIpAddress.TryDecode(v);
            case PfcpIeType.OuterHeaderCreation:
                return OuterHeaderCreation.TryDecode(v);
            case PfcpIeType.OuterHeaderRemoval:
                return v.IsEmpty ? null : new OuterHeaderRemoval(v[0]) { Extra = v[1..].ToArray() };
            case PfcpIeType.UserPlaneIpResourceInformation:
                return UserPlaneIpResourceInformation.TryDecode(v);
            case PfcpIeType.SdfFilter:
                return SdfFilter.TryDecode(v);
            case PfcpIeType.Mbr or PfcpIeType.Gbr:
                return BitRate.TryDecode(v);
            case PfcpIeType.VolumeThreshold or PfcpIeType.VolumeQuota or PfcpIeType.VolumeMeasurement
                or PfcpIeType.SubsequentVolumeThreshold or PfcpIeType.SubsequentVolumeQuota:
                return Volume.TryDecode(v);
            case PfcpIeType.DownlinkDataServiceInformation:
                return DownlinkDataServiceInformation.TryDecode(v);
            case PfcpIeType.NetworkInstance or PfcpIeType.ApnDnn or PfcpIeType.ApplicationId or PfcpIeType.ForwardingPolicy
                or PfcpIeType.ApplicationInstanceId or PfcpIeType.FlowInformation or PfcpIeType.UeIpAddressPoolIdentity:
                return new PfcpOctetString(v.ToArray());
            default:
                return new RawIe(v.ToArray());
        }
    }

    private static IPfcpIeValue? Number(ReadOnlySpan<byte> v, int width, Func<ulong, PfcpNumberIe> make)
    {
        if (!PfcpNumberIe.TryRead(v, width, out ulong x, out byte[] extra))
        {
            return null;
        }
        PfcpNumberIe ie = make(x);
        return extra.Length == 0 ? ie : WithExtra(ie, extra);
    }

    private static IPfcpIeValue? Octet(ReadOnlySpan<byte> v, Func<byte, PfcpOctetIe> make)
    {
        if (v.IsEmpty)
        {
            return null;
        }
        PfcpOctetIe ie = make(v[0]);
        return v.Length == 1 ? ie : WithExtra(ie, v[1..].ToArray());
    }

    private static PfcpLeaf WithExtra(PfcpLeaf ie, byte[] extra)
    {
        ie.Extra = extra;
        return ie;
    }

    /// <summary>Decodes an IE value (leaf or grouped, recursively); <paramref name="offset"/> locates it in the message for errors.</summary>
    public static bool TryDecodeValue(ushort type, ReadOnlySpan<byte> value, int offset, int depth, bool checkMandatory, out IPfcpIeValue decoded, out PfcpDecodeError error)
    {
        if (type >= 0x8000)
        {
            decoded = new RawIe(value.ToArray());
            error = default;
            return true;
        }
        if (IsGrouped(type))
        {
            if (depth >= MaxDepth)
            {
                decoded = null!;
                error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.MandatoryIeIncorrect, type, offset, "grouped IEs nested too deeply");
                return false;
            }
            PfcpGroup group = NewGroup(type);
            if (!group.TryDecodeIes(value, offset, depth + 1, checkMandatory, out error))
            {
                // A fault inside a grouped IE is reported against the innermost IE at fault, as Offending IE wants.
                decoded = null!;
                return false;
            }
            decoded = group;
            return true;
        }
        IPfcpIeValue? leaf = DecodeLeaf(type, value);
        if (leaf is null)
        {
            decoded = null!;
            error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.InvalidLength, type, offset, $"IE {PfcpIeNames.Get(type)} value of {value.Length} octets is too short for its fields");
            return false;
        }
        decoded = leaf;
        error = default;
        return true;
    }
}
