// TS 29.244 §7.4: node related messages — Heartbeat (§7.4.2), PFD Management (§7.4.3), Association Setup (§7.4.4.1-2),
// Update (§7.4.4.3-4), Release (§7.4.4.5-6), Node Report (§7.4.5).
namespace GlassCore.Pfcp;

/// <summary>§7.4.2.1 Heartbeat Request.</summary>
public sealed class HeartbeatRequest() : PfcpMessage(PfcpMessageType.HeartbeatRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.RecoveryTimeStamp];

    public PfcpTimeStamp? RecoveryTimeStamp { get => Get<PfcpTimeStamp>(PfcpIeType.RecoveryTimeStamp); set => Set(PfcpIeType.RecoveryTimeStamp, value); }
}

/// <summary>§7.4.2.2 Heartbeat Response.</summary>
public sealed class HeartbeatResponse() : PfcpMessage(PfcpMessageType.HeartbeatResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.RecoveryTimeStamp];

    public PfcpTimeStamp? RecoveryTimeStamp { get => Get<PfcpTimeStamp>(PfcpIeType.RecoveryTimeStamp); set => Set(PfcpIeType.RecoveryTimeStamp, value); }
}

/// <summary>§7.4.3.1 PFD Management Request.</summary>
public sealed class PfdManagementRequest() : PfcpMessage(PfcpMessageType.PfdManagementRequest)
{
    public IEnumerable<PfcpGenericGroup> ApplicationIdsPfds => GetAll<PfcpGenericGroup>(PfcpIeType.ApplicationIdsPfds);
}

/// <summary>§7.4.3.2 PFD Management Response.</summary>
public sealed class PfdManagementResponse() : PfcpMessage(PfcpMessageType.PfdManagementResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.Cause];

    public Cause? Cause { get => Get<Cause>(PfcpIeType.Cause); set => Set(PfcpIeType.Cause, value); }

    public OffendingIe? OffendingIe { get => Get<OffendingIe>(PfcpIeType.OffendingIe); set => Set(PfcpIeType.OffendingIe, value); }
}

/// <summary>Node ID and Recovery Time Stamp, common to the association messages.</summary>
public abstract class PfcpNodeMessage(PfcpMessageType type) : PfcpMessage(type)
{
    public NodeId? NodeId { get => Get<NodeId>(PfcpIeType.NodeId); set => Set(PfcpIeType.NodeId, value); }

    public PfcpTimeStamp? RecoveryTimeStamp { get => Get<PfcpTimeStamp>(PfcpIeType.RecoveryTimeStamp); set => Set(PfcpIeType.RecoveryTimeStamp, value); }

    public UpFunctionFeatures? UpFunctionFeatures { get => Get<UpFunctionFeatures>(PfcpIeType.UpFunctionFeatures); set => Set(PfcpIeType.UpFunctionFeatures, value); }

    public CpFunctionFeatures? CpFunctionFeatures { get => Get<CpFunctionFeatures>(PfcpIeType.CpFunctionFeatures); set => Set(PfcpIeType.CpFunctionFeatures, value); }

    public IEnumerable<UserPlaneIpResourceInformation> UserPlaneIpResourceInformation =>
        GetAll<UserPlaneIpResourceInformation>(PfcpIeType.UserPlaneIpResourceInformation);

    public Cause? Cause { get => Get<Cause>(PfcpIeType.Cause); set => Set(PfcpIeType.Cause, value); }
}

/// <summary>§7.4.4.1 Association Setup Request.</summary>
public sealed class AssociationSetupRequest() : PfcpNodeMessage(PfcpMessageType.AssociationSetupRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.RecoveryTimeStamp];
}

/// <summary>§7.4.4.2 Association Setup Response.</summary>
public sealed class AssociationSetupResponse() : PfcpNodeMessage(PfcpMessageType.AssociationSetupResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.Cause, PfcpIeType.RecoveryTimeStamp];
}

/// <summary>§7.4.4.3 Association Update Request.</summary>
public sealed class AssociationUpdateRequest() : PfcpNodeMessage(PfcpMessageType.AssociationUpdateRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId];

    public PfcpFlagsIe? AssociationReleaseRequest { get => Get<PfcpFlagsIe>(PfcpIeType.PfcpAssociationReleaseRequest); set => Set(PfcpIeType.PfcpAssociationReleaseRequest, value); }

    public PfcpTimer? GracefulReleasePeriod { get => Get<PfcpTimer>(PfcpIeType.GracefulReleasePeriod); set => Set(PfcpIeType.GracefulReleasePeriod, value); }
}

/// <summary>§7.4.4.4 Association Update Response.</summary>
public sealed class AssociationUpdateResponse() : PfcpNodeMessage(PfcpMessageType.AssociationUpdateResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.Cause];
}

/// <summary>§7.4.4.5 Association Release Request.</summary>
public sealed class AssociationReleaseRequest() : PfcpNodeMessage(PfcpMessageType.AssociationReleaseRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId];
}

/// <summary>§7.4.4.6 Association Release Response.</summary>
public sealed class AssociationReleaseResponse() : PfcpNodeMessage(PfcpMessageType.AssociationReleaseResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.Cause];
}

/// <summary>§7.4.5.1 Node Report Request.</summary>
public sealed class NodeReportRequest() : PfcpNodeMessage(PfcpMessageType.NodeReportRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.NodeReportType];
}

/// <summary>§7.4.5.2 Node Report Response.</summary>
public sealed class NodeReportResponse() : PfcpNodeMessage(PfcpMessageType.NodeReportResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.Cause];
}
