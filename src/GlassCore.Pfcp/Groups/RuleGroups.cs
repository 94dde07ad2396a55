// TS 29.244 §7.5.2.2 Create PDR (Table 7.5.2.2-1) and PDI (Table 7.5.2.2-2), §7.5.2.3 Create FAR and Forwarding Parameters,
// §7.5.2.4 Create URR, §7.5.2.5 Create QER, §7.5.2.6 Create BAR, §7.5.3.2 Created PDR.
namespace GlassCore.Pfcp;

/// <summary>§7.5.2.2 Create PDR.</summary>
public sealed class CreatePdr : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.PdrId, PfcpIeType.Precedence, PfcpIeType.Pdi];

    public PdrId? PdrId { get => Get<PdrId>(PfcpIeType.PdrId); set => Set(PfcpIeType.PdrId, value); }

    public Precedence? Precedence { get => Get<Precedence>(PfcpIeType.Precedence); set => Set(PfcpIeType.Precedence, value); }

    public Pdi? Pdi { get => Get<Pdi>(PfcpIeType.Pdi); set => Set(PfcpIeType.Pdi, value); }

    public OuterHeaderRemoval? OuterHeaderRemoval { get => Get<OuterHeaderRemoval>(PfcpIeType.OuterHeaderRemoval); set => Set(PfcpIeType.OuterHeaderRemoval, value); }

    public FarId? FarId { get => Get<FarId>(PfcpIeType.FarId); set => Set(PfcpIeType.FarId, value); }

    public IEnumerable<UrrId> UrrIds => GetAll<UrrId>(PfcpIeType.UrrId);

    public IEnumerable<QerId> QerIds => GetAll<QerId>(PfcpIeType.QerId);
}

/// <summary>§7.5.2.2 Table 7.5.2.2-2 PDI (Packet Detection Information).</summary>
public sealed class Pdi : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.SourceInterface];

    public SourceInterface? SourceInterface { get => Get<SourceInterface>(PfcpIeType.SourceInterface); set => Set(PfcpIeType.SourceInterface, value); }

    public FTeid? LocalFTeid { get => Get<FTeid>(PfcpIeType.FTeid); set => Set(PfcpIeType.FTeid, value); }

    public PfcpOctetString? NetworkInstance { get => Get<PfcpOctetString>(PfcpIeType.NetworkInstance); set => Set(PfcpIeType.NetworkInstance, value); }

    public IEnumerable<UeIpAddress> UeIpAddresses => GetAll<UeIpAddress>(PfcpIeType.UeIpAddress);

    public IEnumerable<SdfFilter> SdfFilters => GetAll<SdfFilter>(PfcpIeType.SdfFilter);

    public PfcpOctetString? ApplicationId { get => Get<PfcpOctetString>(PfcpIeType.ApplicationId); set => Set(PfcpIeType.ApplicationId, value); }

    public IEnumerable<Qfi> Qfis => GetAll<Qfi>(PfcpIeType.Qfi);

    public ThreeGppInterfaceType? SourceInterfaceType { get => Get<ThreeGppInterfaceType>(PfcpIeType.ThreeGppInterfaceType); set => Set(PfcpIeType.ThreeGppInterfaceType, value); }
}

/// <summary>§7.5.2.3 Create FAR.</summary>
public sealed class CreateFar : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.FarId, PfcpIeType.ApplyAction];

    public FarId? FarId { get => Get<FarId>(PfcpIeType.FarId); set => Set(PfcpIeType.FarId, value); }

    public ApplyAction? ApplyAction { get => Get<ApplyAction>(PfcpIeType.ApplyAction); set => Set(PfcpIeType.ApplyAction, value); }

    public ForwardingParameters? ForwardingParameters { get => Get<ForwardingParameters>(PfcpIeType.ForwardingParameters); set => Set(PfcpIeType.ForwardingParameters, value); }

    public IEnumerable<PfcpGenericGroup> DuplicatingParameters => GetAll<PfcpGenericGroup>(PfcpIeType.DuplicatingParameters);

    public BarId? BarId { get => Get<BarId>(PfcpIeType.BarId); set => Set(PfcpIeType.BarId, value); }
}

/// <summary>§7.5.2.3 Table 7.5.2.3-2 Forwarding Parameters.</summary>
public sealed class ForwardingParameters : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.DestinationInterface];

    public DestinationInterface? DestinationInterface { get => Get<DestinationInterface>(PfcpIeType.DestinationInterface); set => Set(PfcpIeType.DestinationInterface, value); }

    public PfcpOctetString? NetworkInstance { get => Get<PfcpOctetString>(PfcpIeType.NetworkInstance); set => Set(PfcpIeType.NetworkInstance, value); }

    public OuterHeaderCreation? OuterHeaderCreation { get => Get<OuterHeaderCreation>(PfcpIeType.OuterHeaderCreation); set => Set(PfcpIeType.OuterHeaderCreation, value); }

    public ThreeGppInterfaceType? DestinationInterfaceType { get => Get<ThreeGppInterfaceType>(PfcpIeType.ThreeGppInterfaceType); set => Set(PfcpIeType.ThreeGppInterfaceType, value); }
}

/// <summary>§7.5.4.3 Table 7.5.4.3-2 Update Forwarding Parameters (every IE optional).</summary>
public sealed class UpdateForwardingParameters : PfcpGroup
{
    public DestinationInterface? DestinationInterface { get => Get<DestinationInterface>(PfcpIeType.DestinationInterface); set => Set(PfcpIeType.DestinationInterface, value); }

    public PfcpOctetString? NetworkInstance { get => Get<PfcpOctetString>(PfcpIeType.NetworkInstance); set => Set(PfcpIeType.NetworkInstance, value); }

    public OuterHeaderCreation? OuterHeaderCreation { get => Get<OuterHeaderCreation>(PfcpIeType.OuterHeaderCreation); set => Set(PfcpIeType.OuterHeaderCreation, value); }

    public ThreeGppInterfaceType? DestinationInterfaceType { get => Get<ThreeGppInterfaceType>(PfcpIeType.ThreeGppInterfaceType); set => Set(PfcpIeType.ThreeGppInterfaceType, value); }
}

/// <summary>§7.5.2.4 Create URR.</summary>
public sealed class CreateUrr : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.UrrId, PfcpIeType.MeasurementMethod, PfcpIeType.ReportingTriggers];

    public UrrId? UrrId { get => Get<UrrId>(PfcpIeType.UrrId); set => Set(PfcpIeType.UrrId, value); }

    public MeasurementMethod? MeasurementMethod { get => Get<MeasurementMethod>(PfcpIeType.MeasurementMethod); set => Set(PfcpIeType.MeasurementMethod, value); }

    public ReportingTriggers? ReportingTriggers { get => Get<ReportingTriggers>(PfcpIeType.ReportingTriggers); set => Set(PfcpIeType.ReportingTriggers, value); }

    public PfcpUInt32Ie? MeasurementPeriod { get => Get<PfcpUInt32Ie>(PfcpIeType.MeasurementPeriod); set => Set(PfcpIeType.MeasurementPeriod, value); }

    public Volume? VolumeThreshold { get => Get<Volume>(PfcpIeType.VolumeThreshold); set => Set(PfcpIeType.VolumeThreshold, value); }

    public Volume? VolumeQuota { get => Get<Volume>(PfcpIeType.VolumeQuota); set => Set(PfcpIeType.VolumeQuota, value); }

    public PfcpUInt32Ie? TimeThreshold { get => Get<PfcpUInt32Ie>(PfcpIeType.TimeThreshold); set => Set(PfcpIeType.TimeThreshold, value); }

    public PfcpUInt32Ie? TimeQuota { get => Get<PfcpUInt32Ie>(PfcpIeType.TimeQuota); set => Set(PfcpIeType.TimeQuota, value); }
}

/// <summary>§7.5.2.5 Create QER.</summary>
public sealed class CreateQer : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.QerId, PfcpIeType.GateStatus];

    public QerId? QerId { get => Get<QerId>(PfcpIeType.QerId); set => Set(PfcpIeType.QerId, value); }

    public GateStatus? GateStatus { get => Get<GateStatus>(PfcpIeType.GateStatus); set => Set(PfcpIeType.GateStatus, value); }

    public BitRate? Mbr { get => Get<BitRate>(PfcpIeType.Mbr); set => Set(PfcpIeType.Mbr, value); }

    public BitRate? Gbr { get => Get<BitRate>(PfcpIeType.Gbr); set => Set(PfcpIeType.Gbr, value); }

    public Qfi? Qfi { get => Get<Qfi>(PfcpIeType.Qfi); set => Set(PfcpIeType.Qfi, value); }

    public Rqi? Rqi { get => Get<Rqi>(PfcpIeType.Rqi); set => Set(PfcpIeType.Rqi, value); }

    public PagingPolicyIndicator? PagingPolicyIndicator { get => Get<PagingPolicyIndicator>(PfcpIeType.PagingPolicyIndicator); set => Set(PfcpIeType.PagingPolicyIndicator, value); }
}

/// <summary>§7.5.2.6 Create BAR.</summary>
public sealed class CreateBar : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.BarId];

    public BarId? BarId { get => Get<BarId>(PfcpIeType.BarId); set => Set(PfcpIeType.BarId, value); }

    public PfcpUInt8Ie? SuggestedBufferingPacketsCount { get => Get<PfcpUInt8Ie>(PfcpIeType.SuggestedBufferingPacketsCount); set => Set(PfcpIeType.SuggestedBufferingPacketsCount, value); }
}

/// <summary>§7.5.3.2 Created PDR: the F-TEID and UE IP address the UP function chose.</summary>
public sealed class CreatedPdr : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.PdrId];

    public PdrId? PdrId { get => Get<PdrId>(PfcpIeType.PdrId); set => Set(PfcpIeType.PdrId, value); }

    public FTeid? LocalFTeid { get => Get<FTeid>(PfcpIeType.FTeid); set => Set(PfcpIeType.FTeid, value); }

    public UeIpAddress? UeIpAddress { get => Get<UeIpAddress>(PfcpIeType.UeIpAddress); set => Set(PfcpIeType.UeIpAddress, value); }
}
