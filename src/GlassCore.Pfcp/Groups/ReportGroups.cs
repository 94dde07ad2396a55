// TS 29.244 §7.5.5.2 / §7.5.7.2 / §7.5.8.3 Usage Report, §7.5.8.2 Downlink Data Report, §6.2.3 / §7.5.3.3 Load Control
// Information, §6.2.4 / §7.5.3.4 Overload Control Information.
namespace GlassCore.Pfcp;

/// <summary>Usage Report (types 78, 79, 80: the same content in modification/deletion responses and the report request).</summary>
public sealed class UsageReport : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.UrrId, PfcpIeType.UrSeqn, PfcpIeType.UsageReportTrigger];

    public UrrId? UrrId { get => Get<UrrId>(PfcpIeType.UrrId); set => Set(PfcpIeType.UrrId, value); }

    public UrSeqn? UrSeqn { get => Get<UrSeqn>(PfcpIeType.UrSeqn); set => Set(PfcpIeType.UrSeqn, value); }

    public UsageReportTrigger? UsageReportTrigger { get => Get<UsageReportTrigger>(PfcpIeType.UsageReportTrigger); set => Set(PfcpIeType.UsageReportTrigger, value); }

    public PfcpTimeStamp? StartTime { get => Get<PfcpTimeStamp>(PfcpIeType.StartTime); set => Set(PfcpIeType.StartTime, value); }

    public PfcpTimeStamp? EndTime { get => Get<PfcpTimeStamp>(PfcpIeType.EndTime); set => Set(PfcpIeType.EndTime, value); }

    public Volume? VolumeMeasurement { get => Get<Volume>(PfcpIeType.VolumeMeasurement); set => Set(PfcpIeType.VolumeMeasurement, value); }

    public PfcpUInt32Ie? DurationMeasurement { get => Get<PfcpUInt32Ie>(PfcpIeType.DurationMeasurement); set => Set(PfcpIeType.DurationMeasurement, value); }
}

/// <summary>§7.5.8.2 Downlink Data Report.</summary>
public sealed class DownlinkDataReport : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.PdrId];

    public PdrId? PdrId { get => Get<PdrId>(PfcpIeType.PdrId); set => Set(PfcpIeType.PdrId, value); }

    public IEnumerable<DownlinkDataServiceInformation> ServiceInformation => GetAll<DownlinkDataServiceInformation>(PfcpIeType.DownlinkDataServiceInformation);
}

/// <summary>§7.5.3.3 Load Control Information.</summary>
public sealed class LoadControlInformation : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.SequenceNumber, PfcpIeType.Metric];

    public SequenceNumber? SequenceNumber { get => Get<SequenceNumber>(PfcpIeType.SequenceNumber); set => Set(PfcpIeType.SequenceNumber, value); }

    public Metric? Metric { get => Get<Metric>(PfcpIeType.Metric); set => Set(PfcpIeType.Metric, value); }
}

/// <summary>§7.5.3.4 Overload Control Information.</summary>
public sealed class OverloadControlInformation : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.SequenceNumber, PfcpIeType.Metric, PfcpIeType.Timer];

    public SequenceNumber? SequenceNumber { get => Get<SequenceNumber>(PfcpIeType.SequenceNumber); set => Set(PfcpIeType.SequenceNumber, value); }

    public Metric? Metric { get => Get<Metric>(PfcpIeType.Metric); set => Set(PfcpIeType.Metric, value); }

    public PfcpTimer? Timer { get => Get<PfcpTimer>(PfcpIeType.Timer); set => Set(PfcpIeType.Timer, value); }
}
