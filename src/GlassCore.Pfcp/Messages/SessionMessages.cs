// TS 29.244 §7.5: session related messages — Establishment (§7.5.2-3), Modification (§7.5.4-5), Deletion (§7.5.6-7),
// Report (§7.5.8-9).
namespace GlassCore.Pfcp;

/// <summary>IEs that several session messages share.</summary>
public abstract class PfcpSessionMessage(PfcpMessageType type) : PfcpMessage(type)
{
    public Cause? Cause { get => Get<Cause>(PfcpIeType.Cause); set => Set(PfcpIeType.Cause, value); }

    public OffendingIe? OffendingIe { get => Get<OffendingIe>(PfcpIeType.OffendingIe); set => Set(PfcpIeType.OffendingIe, value); }

    public LoadControlInformation? LoadControlInformation { get => Get<LoadControlInformation>(PfcpIeType.LoadControlInformation); set => Set(PfcpIeType.LoadControlInformation, value); }

    public OverloadControlInformation? OverloadControlInformation { get => Get<OverloadControlInformation>(PfcpIeType.OverloadControlInformation); set => Set(PfcpIeType.OverloadControlInformation, value); }
}

/// <summary>§7.5.2 Session Establishment Request.</summary>
public sealed class SessionEstablishmentRequest() : PfcpSessionMessage(PfcpMessageType.SessionEstablishmentRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.FSeid, PfcpIeType.CreatePdr, PfcpIeType.CreateFar];

    public NodeId? NodeId { get => Get<NodeId>(PfcpIeType.NodeId); set => Set(PfcpIeType.NodeId, value); }

    /// <summary>CP F-SEID: the SEID the UP function puts in the header of messages to the CP function.</summary>
    public FSeid? CpFSeid { get => Get<FSeid>(PfcpIeType.FSeid); set => Set(PfcpIeType.FSeid, value); }

    public IEnumerable<CreatePdr> CreatePdrs => GetAll<CreatePdr>(PfcpIeType.CreatePdr);

    public IEnumerable<CreateFar> CreateFars => GetAll<CreateFar>(PfcpIeType.CreateFar);

    public IEnumerable<CreateUrr> CreateUrrs => GetAll<CreateUrr>(PfcpIeType.CreateUrr);

    public IEnumerable<CreateQer> CreateQers => GetAll<CreateQer>(PfcpIeType.CreateQer);

    public CreateBar? CreateBar { get => Get<CreateBar>(PfcpIeType.CreateBar); set => Set(PfcpIeType.CreateBar, value); }

    public PdnType? PdnType { get => Get<PdnType>(PfcpIeType.PdnType); set => Set(PfcpIeType.PdnType, value); }

    public PfcpUInt32Ie? UserPlaneInactivityTimer { get => Get<PfcpUInt32Ie>(PfcpIeType.UserPlaneInactivityTimer); set => Set(PfcpIeType.UserPlaneInactivityTimer, value); }

    public PfcpOctetString? ApnDnn { get => Get<PfcpOctetString>(PfcpIeType.ApnDnn); set => Set(PfcpIeType.ApnDnn, value); }
}

/// <summary>§7.5.3 Session Establishment Response.</summary>
public sealed class SessionEstablishmentResponse() : PfcpSessionMessage(PfcpMessageType.SessionEstablishmentResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.NodeId, PfcpIeType.Cause];

    public NodeId? NodeId { get => Get<NodeId>(PfcpIeType.NodeId); set => Set(PfcpIeType.NodeId, value); }

    public FSeid? UpFSeid { get => Get<FSeid>(PfcpIeType.FSeid); set => Set(PfcpIeType.FSeid, value); }

    public IEnumerable<CreatedPdr> CreatedPdrs => GetAll<CreatedPdr>(PfcpIeType.CreatedPdr);
}

/// <summary>§7.5.4 Session Modification Request.</summary>
public sealed class SessionModificationRequest() : PfcpSessionMessage(PfcpMessageType.SessionModificationRequest)
{
    public FSeid? CpFSeid { get => Get<FSeid>(PfcpIeType.FSeid); set => Set(PfcpIeType.FSeid, value); }

    public IEnumerable<RemoveRule> RemovePdrs => GetAll<RemoveRule>(PfcpIeType.RemovePdr);

    public IEnumerable<RemoveRule> RemoveFars => GetAll<RemoveRule>(PfcpIeType.RemoveFar);

    public IEnumerable<RemoveRule> RemoveUrrs => GetAll<RemoveRule>(PfcpIeType.RemoveUrr);

    public IEnumerable<RemoveRule> RemoveQers => GetAll<RemoveRule>(PfcpIeType.RemoveQer);

    public IEnumerable<CreatePdr> CreatePdrs => GetAll<CreatePdr>(PfcpIeType.CreatePdr);

    public IEnumerable<CreateFar> CreateFars => GetAll<CreateFar>(PfcpIeType.CreateFar);

    public IEnumerable<CreateUrr> CreateUrrs => GetAll<CreateUrr>(PfcpIeType.CreateUrr);

    public IEnumerable<CreateQer> CreateQers => GetAll<CreateQer>(PfcpIeType.CreateQer);

    public IEnumerable<UpdatePdr> UpdatePdrs => GetAll<UpdatePdr>(PfcpIeType.UpdatePdr);

    public IEnumerable<UpdateFar> UpdateFars => GetAll<UpdateFar>(PfcpIeType.UpdateFar);

    public IEnumerable<UpdateUrr> UpdateUrrs => GetAll<UpdateUrr>(PfcpIeType.UpdateUrr);

    public IEnumerable<UpdateQer> UpdateQers => GetAll<UpdateQer>(PfcpIeType.UpdateQer);

    public CreateBar? CreateBar { get => Get<CreateBar>(PfcpIeType.CreateBar); set => Set(PfcpIeType.CreateBar, value); }

    public UpdateBar? UpdateBar { get => Get<UpdateBar>(PfcpIeType.UpdateBar); set => Set(PfcpIeType.UpdateBar, value); }

    public PfcpFlagsIe? Flags { get => Get<PfcpFlagsIe>(PfcpIeType.PfcpsmReqFlags); set => Set(PfcpIeType.PfcpsmReqFlags, value); }
}

/// <summary>§7.5.5 Session Modification Response.</summary>
public sealed class SessionModificationResponse() : PfcpSessionMessage(PfcpMessageType.SessionModificationResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.Cause];

    public IEnumerable<CreatedPdr> CreatedPdrs => GetAll<CreatedPdr>(PfcpIeType.CreatedPdr);

    public IEnumerable<UsageReport> UsageReports => GetAll<UsageReport>(PfcpIeType.UsageReportSessionModificationResponse);
}

/// <summary>§7.5.6 Session Deletion Request (no IEs needed: the SEID in the header names the session).</summary>
public sealed class SessionDeletionRequest() : PfcpSessionMessage(PfcpMessageType.SessionDeletionRequest)
{
}

/// <summary>§7.5.7 Session Deletion Response.</summary>
public sealed class SessionDeletionResponse() : PfcpSessionMessage(PfcpMessageType.SessionDeletionResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.Cause];

    public IEnumerable<UsageReport> UsageReports => GetAll<UsageReport>(PfcpIeType.UsageReportSessionDeletionResponse);
}

/// <summary>§7.5.8 Session Report Request.</summary>
public sealed class SessionReportRequest() : PfcpSessionMessage(PfcpMessageType.SessionReportRequest)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.ReportType];

    public ReportType? ReportType { get => Get<ReportType>(PfcpIeType.ReportType); set => Set(PfcpIeType.ReportType, value); }

    public DownlinkDataReport? DownlinkDataReport { get => Get<DownlinkDataReport>(PfcpIeType.DownlinkDataReport); set => Set(PfcpIeType.DownlinkDataReport, value); }

    public IEnumerable<UsageReport> UsageReports => GetAll<UsageReport>(PfcpIeType.UsageReportSessionReportRequest);
}

/// <summary>§7.5.9 Session Report Response.</summary>
public sealed class SessionReportResponse() : PfcpSessionMessage(PfcpMessageType.SessionReportResponse)
{
    protected override ReadOnlySpan<ushort> MandatoryIes => [PfcpIeType.Cause];

    public UpdateBar? UpdateBar { get => Get<UpdateBar>(PfcpIeType.UpdateBarSessionReportResponse); set => Set(PfcpIeType.UpdateBarSessionReportResponse, value); }

    public PfcpFlagsIe? Flags { get => Get<PfcpFlagsIe>(PfcpIeType.PfcpsrRspFlags); set => Set(PfcpIeType.PfcpsrRspFlags, value); }
}
