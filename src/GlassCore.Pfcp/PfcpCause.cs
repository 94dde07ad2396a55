// TS 29.244 §8.2.1 Table 8.2.1-1: Cause values.
namespace GlassCore.Pfcp;

public enum PfcpCause : byte
{
    Reserved = 0,
    RequestAccepted = 1,
    MoreUsageReportToSend = 2,
    RequestPartiallyAccepted = 3,
    RequestRejected = 64,
    SessionContextNotFound = 65,
    MandatoryIeMissing = 66,
    ConditionalIeMissing = 67,
    InvalidLength = 68,
    MandatoryIeIncorrect = 69,
    InvalidForwardingPolicy = 70,
    InvalidFTeidAllocationOption = 71,
    NoEstablishedPfcpAssociation = 72,
    RuleCreationModificationFailure = 73,
    PfcpEntityInCongestion = 74,
    NoResourcesAvailable = 75,
    ServiceNotSupported = 76,
    SystemFailure = 77,
    RedirectionRequested = 78,
    AllDynamicAddressesAreOccupied = 79,
    UnknownPreDefinedRule = 80,
    UnknownApplicationId = 81,
}
