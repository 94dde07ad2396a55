// TS 29.244 §7.5.4: Update PDR/FAR/URR/QER/BAR and Remove PDR/FAR/URR/QER/BAR of the Session Modification Request.
namespace GlassCore.Pfcp;

/// <summary>§7.5.4.2 Update PDR.</summary>
public sealed class UpdatePdr : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.PdrId];

    public PdrId? PdrId { get => Get<PdrId>(PfcpIeType.PdrId); set => Set(PfcpIeType.PdrId, value); }

    public Precedence? Precedence { get => Get<Precedence>(PfcpIeType.Precedence); set => Set(PfcpIeType.Precedence, value); }

    public Pdi? Pdi { get => Get<Pdi>(PfcpIeType.Pdi); set => Set(PfcpIeType.Pdi, value); }

    public OuterHeaderRemoval? OuterHeaderRemoval { get => Get<OuterHeaderRemoval>(PfcpIeType.OuterHeaderRemoval); set => Set(PfcpIeType.OuterHeaderRemoval, value); }

    public FarId? FarId { get => Get<FarId>(PfcpIeType.FarId); set => Set(PfcpIeType.FarId, value); }
}

/// <summary>§7.5.4.3 Update FAR.</summary>
public sealed class UpdateFar : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.FarId];

    public FarId? FarId { get => Get<FarId>(PfcpIeType.FarId); set => Set(PfcpIeType.FarId, value); }

    public ApplyAction? ApplyAction { get => Get<ApplyAction>(PfcpIeType.ApplyAction); set => Set(PfcpIeType.ApplyAction, value); }

    public UpdateForwardingParameters? UpdateForwardingParameters { get => Get<UpdateForwardingParameters>(PfcpIeType.UpdateForwardingParameters); set => Set(PfcpIeType.UpdateForwardingParameters, value); }

    public BarId? BarId { get => Get<BarId>(PfcpIeType.BarId); set => Set(PfcpIeType.BarId, value); }
}

/// <summary>§7.5.4.4 Update URR.</summary>
public sealed class UpdateUrr : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.UrrId];

    public UrrId? UrrId { get => Get<UrrId>(PfcpIeType.UrrId); set => Set(PfcpIeType.UrrId, value); }

    public MeasurementMethod? MeasurementMethod { get => Get<MeasurementMethod>(PfcpIeType.MeasurementMethod); set => Set(PfcpIeType.MeasurementMethod, value); }

    public ReportingTriggers? ReportingTriggers { get => Get<ReportingTriggers>(PfcpIeType.ReportingTriggers); set => Set(PfcpIeType.ReportingTriggers, value); }

    public Volume? VolumeThreshold { get => Get<Volume>(PfcpIeType.VolumeThreshold); set => Set(PfcpIeType.VolumeThreshold, value); }

    public PfcpUInt32Ie? TimeThreshold { get => Get<PfcpUInt32Ie>(PfcpIeType.TimeThreshold); set => Set(PfcpIeType.TimeThreshold, value); }
}

/// <summary>§7.5.4.5 Update QER.</summary>
public sealed class UpdateQer : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.QerId];

    public QerId? QerId { get => Get<QerId>(PfcpIeType.QerId); set => Set(PfcpIeType.QerId, value); }

    public GateStatus? GateStatus { get => Get<GateStatus>(PfcpIeType.GateStatus); set => Set(PfcpIeType.GateStatus, value); }

    public BitRate? Mbr { get => Get<BitRate>(PfcpIeType.Mbr); set => Set(PfcpIeType.Mbr, value); }

    public Qfi? Qfi { get => Get<Qfi>(PfcpIeType.Qfi); set => Set(PfcpIeType.Qfi, value); }
}

/// <summary>§7.5.4.11 / §8.2.15 Update BAR (in the Session Modification Request, type 86, and Session Report Response, type 12).</summary>
public sealed class UpdateBar : PfcpGroup
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.BarId];

    public BarId? BarId { get => Get<BarId>(PfcpIeType.BarId); set => Set(PfcpIeType.BarId, value); }
}

/// <summary>§7.5.4.6-10 Remove PDR/FAR/URR/QER/BAR: one rule ID each.</summary>
public sealed class RemoveRule(ushort idType) : PfcpGroup
{
    public ushort IdType { get; } = idType;

    protected override ReadOnlySpan<ushort> MandatoryIes => IdType switch
    {
        PfcpIeType.PdrId => [PfcpIeType.PdrId],
        PfcpIeType.FarId => [PfcpIeType.FarId],
        PfcpIeType.UrrId => [PfcpIeType.UrrId],
        PfcpIeType.QerId => [PfcpIeType.QerId],
        _ => [PfcpIeType.BarId],
    };

    public static RemoveRule Pdr(ushort id)
    {
        var r = new RemoveRule(PfcpIeType.PdrId);
        r.Add(PfcpIeType.PdrId, new PdrId(id));
        return r;
    }

    public static RemoveRule Far(uint id)
    {
        var r = new RemoveRule(PfcpIeType.FarId);
        r.Add(PfcpIeType.FarId, new FarId(id));
        return r;
    }

    public static RemoveRule Qer(uint id)
    {
        var r = new RemoveRule(PfcpIeType.QerId);
        r.Add(PfcpIeType.QerId, new QerId(id));
        return r;
    }

    public static RemoveRule Urr(uint id)
    {
        var r = new RemoveRule(PfcpIeType.UrrId);
        r.Add(PfcpIeType.UrrId, new UrrId(id));
        return r;
    }
}
