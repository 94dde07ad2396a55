// TS 29.244 §7.3 Table 7.3-1: PFCP message types.
namespace GlassCore.Pfcp;

public enum PfcpMessageType : byte
{
    HeartbeatRequest = 1,
    HeartbeatResponse = 2,
    PfdManagementRequest = 3,
    PfdManagementResponse = 4,
    AssociationSetupRequest = 5,
    AssociationSetupResponse = 6,
    AssociationUpdateRequest = 7,
    AssociationUpdateResponse = 8,
    AssociationReleaseRequest = 9,
    AssociationReleaseResponse = 10,
    VersionNotSupportedResponse = 11,
    NodeReportRequest = 12,
    NodeReportResponse = 13,
    SessionSetDeletionRequest = 14,
    SessionSetDeletionResponse = 15,
    SessionSetModificationRequest = 16,
    SessionSetModificationResponse = 17,
    SessionEstablishmentRequest = 50,
    SessionEstablishmentResponse = 51,
    SessionModificationRequest = 52,
    SessionModificationResponse = 53,
    SessionDeletionRequest = 54,
    SessionDeletionResponse = 55,
    SessionReportRequest = 56,
    SessionReportResponse = 57,
}

public static class PfcpMessageTypes
{
    /// <summary>Session-related messages (types 50..99) carry an SEID in the header (TS 29.244 §7.2.2.3).</summary>
    public static bool IsSessionMessage(PfcpMessageType type) => (byte)type >= 50;

    /// <summary>Whether a type is a request (Table 7.3-1); its response is the next type number.</summary>
    public static bool IsRequest(PfcpMessageType type) => type switch
    {
        PfcpMessageType.HeartbeatRequest or PfcpMessageType.PfdManagementRequest or PfcpMessageType.AssociationSetupRequest
            or PfcpMessageType.AssociationUpdateRequest or PfcpMessageType.AssociationReleaseRequest or PfcpMessageType.NodeReportRequest
            or PfcpMessageType.SessionSetDeletionRequest or PfcpMessageType.SessionSetModificationRequest
            or PfcpMessageType.SessionEstablishmentRequest or PfcpMessageType.SessionModificationRequest
            or PfcpMessageType.SessionDeletionRequest or PfcpMessageType.SessionReportRequest => true,
        _ => false,
    };

    public static PfcpMessageType ResponseTo(PfcpMessageType request) => (PfcpMessageType)((byte)request + 1);

    public static string Name(PfcpMessageType type) => type switch
    {
        PfcpMessageType.HeartbeatRequest => "PFCP Heartbeat Request",
        PfcpMessageType.HeartbeatResponse => "PFCP Heartbeat Response",
        PfcpMessageType.PfdManagementRequest => "PFCP PFD Management Request",
        PfcpMessageType.PfdManagementResponse => "PFCP PFD Management Response",
        PfcpMessageType.AssociationSetupRequest => "PFCP Association Setup Request",
        PfcpMessageType.AssociationSetupResponse => "PFCP Association Setup Response",
        PfcpMessageType.AssociationUpdateRequest => "PFCP Association Update Request",
        PfcpMessageType.AssociationUpdateResponse => "PFCP Association Update Response",
        PfcpMessageType.AssociationReleaseRequest => "PFCP Association Release Request",
        PfcpMessageType.AssociationReleaseResponse => "PFCP Association Release Response",
        PfcpMessageType.VersionNotSupportedResponse => "PFCP Version Not Supported Response",
        PfcpMessageType.NodeReportRequest => "PFCP Node Report Request",
        PfcpMessageType.NodeReportResponse => "PFCP Node Report Response",
        PfcpMessageType.SessionSetDeletionRequest => "PFCP Session Set Deletion Request",
        PfcpMessageType.SessionSetDeletionResponse => "PFCP Session Set Deletion Response",
        PfcpMessageType.SessionSetModificationRequest => "PFCP Session Set Modification Request",
        PfcpMessageType.SessionSetModificationResponse => "PFCP Session Set Modification Response",
        PfcpMessageType.SessionEstablishmentRequest => "PFCP Session Establishment Request",
        PfcpMessageType.SessionEstablishmentResponse => "PFCP Session Establishment Response",
        PfcpMessageType.SessionModificationRequest => "PFCP Session Modification Request",
        PfcpMessageType.SessionModificationResponse => "PFCP Session Modification Response",
        PfcpMessageType.SessionDeletionRequest => "PFCP Session Deletion Request",
        PfcpMessageType.SessionDeletionResponse => "PFCP Session Deletion Response",
        PfcpMessageType.SessionReportRequest => "PFCP Session Report Request",
        PfcpMessageType.SessionReportResponse => "PFCP Session Report Response",
        _ => $"PFCP message type {(byte)type}",
    };
}
