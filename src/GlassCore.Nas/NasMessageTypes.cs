// TS 24.501 §9.7 message types (table 9.7.1 5GMM, table 9.7.2 5GSM).
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas;

public static class NasMessageTypes
{
    public const byte RegistrationRequest = 0x41;
    public const byte RegistrationAccept = 0x42;
    public const byte RegistrationComplete = 0x43;
    public const byte RegistrationReject = 0x44;
    public const byte UlNasTransport = 0x67;
    public const byte DlNasTransport = 0x68;
    public const byte DeregistrationRequestUeOriginating = 0x45;
    public const byte DeregistrationAcceptUeOriginating = 0x46;
    public const byte DeregistrationRequestUeTerminated = 0x47;
    public const byte DeregistrationAcceptUeTerminated = 0x48;
    public const byte ServiceRequest = 0x4C;
    public const byte ServiceReject = 0x4D;
    public const byte ServiceAccept = 0x4E;
    public const byte ConfigurationUpdateCommand = 0x54;
    public const byte ConfigurationUpdateComplete = 0x55;
    public const byte AuthenticationRequest = 0x56;
    public const byte AuthenticationResponse = 0x57;
    public const byte AuthenticationReject = 0x58;
    public const byte AuthenticationFailure = 0x59;
    public const byte AuthenticationResult = 0x5A;
    public const byte IdentityRequest = 0x5B;
    public const byte IdentityResponse = 0x5C;
    public const byte SecurityModeCommand = 0x5D;
    public const byte SecurityModeComplete = 0x5E;
    public const byte SecurityModeReject = 0x5F;
    public const byte FiveGmmStatus = 0x64;
    public const byte Notification = 0x65;
    public const byte NotificationResponse = 0x66;
    public const byte ControlPlaneServiceRequest = 0x4F;
    public const byte NetworkSliceSpecificAuthenticationCommand = 0x50;
    public const byte NetworkSliceSpecificAuthenticationComplete = 0x51;
    public const byte NetworkSliceSpecificAuthenticationResult = 0x52;
    public const byte PduSessionEstablishmentRequest = 0xC1;
    public const byte PduSessionEstablishmentAccept = 0xC2;
    public const byte PduSessionEstablishmentReject = 0xC3;
    public const byte PduSessionAuthenticationCommand = 0xC5;
    public const byte PduSessionAuthenticationComplete = 0xC6;
    public const byte PduSessionAuthenticationResult = 0xC7;
    public const byte PduSessionModificationRequest = 0xC9;
    public const byte PduSessionModificationReject = 0xCA;
    public const byte PduSessionModificationCommand = 0xCB;
    public const byte PduSessionModificationComplete = 0xCC;
    public const byte PduSessionModificationCommandReject = 0xCD;
    public const byte PduSessionReleaseRequest = 0xD1;
    public const byte PduSessionReleaseReject = 0xD2;
    public const byte PduSessionReleaseCommand = 0xD3;
    public const byte PduSessionReleaseComplete = 0xD4;
    public const byte FiveGsmStatus = 0xD6;
}

/// <summary>Creates an empty message of a type; null for a type TS 24.501 does not define (§7.4).</summary>
internal static class NasMessageRegistry
{
    public static FiveGmmMessage? CreateFiveGmm(byte type) => type switch
    {
        NasMessageTypes.RegistrationRequest => new RegistrationRequest(),
        NasMessageTypes.RegistrationAccept => new RegistrationAccept(),
        NasMessageTypes.RegistrationComplete => new RegistrationComplete(),
        NasMessageTypes.RegistrationReject => new RegistrationReject(),
        NasMessageTypes.UlNasTransport => new UlNasTransport(),
        NasMessageTypes.DlNasTransport => new DlNasTransport(),
        NasMessageTypes.DeregistrationRequestUeOriginating => new DeregistrationRequestUeOriginating(),
        NasMessageTypes.DeregistrationAcceptUeOriginating => new DeregistrationAcceptUeOriginating(),
        NasMessageTypes.DeregistrationRequestUeTerminated => new DeregistrationRequestUeTerminated(),
        NasMessageTypes.DeregistrationAcceptUeTerminated => new DeregistrationAcceptUeTerminated(),
        NasMessageTypes.ServiceRequest => new ServiceRequest(),
        NasMessageTypes.ServiceReject => new ServiceReject(),
        NasMessageTypes.ServiceAccept => new ServiceAccept(),
        NasMessageTypes.ConfigurationUpdateCommand => new ConfigurationUpdateCommand(),
        NasMessageTypes.ConfigurationUpdateComplete => new ConfigurationUpdateComplete(),
        NasMessageTypes.AuthenticationRequest => new AuthenticationRequest(),
        NasMessageTypes.AuthenticationResponse => new AuthenticationResponse(),
        NasMessageTypes.AuthenticationReject => new AuthenticationReject(),
        NasMessageTypes.AuthenticationFailure => new AuthenticationFailure(),
        NasMessageTypes.AuthenticationResult => new AuthenticationResult(),
        NasMessageTypes.IdentityRequest => new IdentityRequest(),
        NasMessageTypes.IdentityResponse => new IdentityResponse(),
        NasMessageTypes.SecurityModeCommand => new SecurityModeCommand(),
        NasMessageTypes.SecurityModeComplete => new SecurityModeComplete(),
        NasMessageTypes.SecurityModeReject => new SecurityModeReject(),
        NasMessageTypes.FiveGmmStatus => new FiveGmmStatus(),
        NasMessageTypes.Notification => new Notification(),
        NasMessageTypes.NotificationResponse => new NotificationResponse(),
        NasMessageTypes.ControlPlaneServiceRequest => new ControlPlaneServiceRequest(),
        NasMessageTypes.NetworkSliceSpecificAuthenticationCommand => new NetworkSliceSpecificAuthenticationCommand(),
        NasMessageTypes.NetworkSliceSpecificAuthenticationComplete => new NetworkSliceSpecificAuthenticationComplete(),
        NasMessageTypes.NetworkSliceSpecificAuthenticationResult => new NetworkSliceSpecificAuthenticationResult(),
        _ => null,
    };

    public static FiveGsmMessage? CreateFiveGsm(byte type) => type switch
    {
        NasMessageTypes.PduSessionEstablishmentRequest => new PduSessionEstablishmentRequest(),
        NasMessageTypes.PduSessionEstablishmentAccept => new PduSessionEstablishmentAccept(),
        NasMessageTypes.PduSessionEstablishmentReject => new PduSessionEstablishmentReject(),
        NasMessageTypes.PduSessionAuthenticationCommand => new PduSessionAuthenticationCommand(),
        NasMessageTypes.PduSessionAuthenticationComplete => new PduSessionAuthenticationComplete(),
        NasMessageTypes.PduSessionAuthenticationResult => new PduSessionAuthenticationResult(),
        NasMessageTypes.PduSessionModificationRequest => new PduSessionModificationRequest(),
        NasMessageTypes.PduSessionModificationReject => new PduSessionModificationReject(),
        NasMessageTypes.PduSessionModificationCommand => new PduSessionModificationCommand(),
        NasMessageTypes.PduSessionModificationComplete => new PduSessionModificationComplete(),
        NasMessageTypes.PduSessionModificationCommandReject => new PduSessionModificationCommandReject(),
        NasMessageTypes.PduSessionReleaseRequest => new PduSessionReleaseRequest(),
        NasMessageTypes.PduSessionReleaseReject => new PduSessionReleaseReject(),
        NasMessageTypes.PduSessionReleaseCommand => new PduSessionReleaseCommand(),
        NasMessageTypes.PduSessionReleaseComplete => new PduSessionReleaseComplete(),
        NasMessageTypes.FiveGsmStatus => new FiveGsmStatus(),
        _ => null,
    };

    /// <summary>Every message table, for tools and tests that walk all messages.</summary>
    public static readonly MessageLayout[] AllLayouts =
    [
        RegistrationRequest.Table,
        RegistrationAccept.Table,
        RegistrationComplete.Table,
        RegistrationReject.Table,
        UlNasTransport.Table,
        DlNasTransport.Table,
        DeregistrationRequestUeOriginating.Table,
        DeregistrationAcceptUeOriginating.Table,
        DeregistrationRequestUeTerminated.Table,
        DeregistrationAcceptUeTerminated.Table,
        ServiceRequest.Table,
        ServiceReject.Table,
        ServiceAccept.Table,
        ConfigurationUpdateCommand.Table,
        ConfigurationUpdateComplete.Table,
        AuthenticationRequest.Table,
        AuthenticationResponse.Table,
        AuthenticationReject.Table,
        AuthenticationFailure.Table,
        AuthenticationResult.Table,
        IdentityRequest.Table,
        IdentityResponse.Table,
        SecurityModeCommand.Table,
        SecurityModeComplete.Table,
        SecurityModeReject.Table,
        FiveGmmStatus.Table,
        Notification.Table,
        NotificationResponse.Table,
        ControlPlaneServiceRequest.Table,
        NetworkSliceSpecificAuthenticationCommand.Table,
        NetworkSliceSpecificAuthenticationComplete.Table,
        NetworkSliceSpecificAuthenticationResult.Table,
        PduSessionEstablishmentRequest.Table,
        PduSessionEstablishmentAccept.Table,
        PduSessionEstablishmentReject.Table,
        PduSessionAuthenticationCommand.Table,
        PduSessionAuthenticationComplete.Table,
        PduSessionAuthenticationResult.Table,
        PduSessionModificationRequest.Table,
        PduSessionModificationReject.Table,
        PduSessionModificationCommand.Table,
        PduSessionModificationComplete.Table,
        PduSessionModificationCommandReject.Table,
        PduSessionReleaseRequest.Table,
        PduSessionReleaseReject.Table,
        PduSessionReleaseCommand.Table,
        PduSessionReleaseComplete.Table,
        FiveGsmStatus.Table,
    ];
}
