// TS 38.413 §8.6.2 (Downlink NAS Transport), §8.3.1 (Initial Context Setup) and §8.3.3 (UE Context Release): what
// the AMF core asks of the NGAP layer.
using GlassCore.Nas.Ies;

namespace GlassCore.Amf;

/// <summary>What Initial Context Setup needs from the UE context (TS 38.413 §8.3.1, §9.2.2.1).</summary>
public sealed record InitialContextSetupInfo(ReadOnlyMemory<byte> Kgnb, UeSecurityCapability UeSecurityCapability, IReadOnlyList<SNssaiValue> AllowedNssai)
{
    /// <summary>The PDU Session Resource Setup Request List (§9.2.2.1) for sessions whose user plane is set up with the context.</summary>
    public IReadOnlyList<Sm.N2SmTransfer> PduSessions { get; init; } = [];

    /// <summary>The subscribed UE-AMBR from the SDM am-data (TS 23.501 §5.7.2.6), bits per second; null: none subscribed.</summary>
    public (ulong Uplink, ulong Downlink)? UeAmbr { get; init; }
}

/// <summary>Why the AMF releases a UE's N2 connection; the NGAP layer maps it to the NAS Cause of TS 38.413 §9.3.1.2.</summary>
public enum UeReleaseCause : byte
{
    NormalRelease,
    AuthenticationFailure,
    Deregister,
}

/// <summary>
/// Delivery of downlink NAS towards a UE, keyed by AMF-UE-NGAP-ID (with the RAN-UE-NGAP-ID both NGAP messages carry). The NGAP layer implements it (Downlink NAS
/// Transport, or the NAS-PDU of Initial Context Setup); tests implement it in memory. Called only from the UE's own
/// mailbox task, so an implementation sees one UE's messages in order.
/// </summary>
public interface INasDownlink
{
    ValueTask SendAsync(UeNgapIds ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct);

    /// <summary>
    /// Sets up the UE context in the RAN (K_gNB, security capabilities, allowed NSSAI) with <paramref name="nasPdu"/>
    /// (the Registration Accept) inside; an N1-only transport just delivers the NAS-PDU.
    /// </summary>
    ValueTask InitialContextSetupAsync(UeNgapIds ue, InitialContextSetupInfo info, ReadOnlyMemory<byte> nasPdu, CancellationToken ct) => SendAsync(ue, nasPdu, ct);

    /// <summary>TS 38.413 §8.2.1: PDU Session Resource Setup Request, each session's transfer with its PDU Session NAS-PDU.</summary>
    ValueTask PduSessionResourceSetupAsync(UeNgapIds ue, IReadOnlyList<Sm.N2SmTransfer> sessions, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>TS 38.413 §8.2.3: PDU Session Resource Modify Request, each session's transfer with its NAS-PDU (the 5GSM modification command).</summary>
    ValueTask PduSessionResourceModifyAsync(UeNgapIds ue, IReadOnlyList<Sm.N2SmTransfer> sessions, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>TS 38.413 §8.2.2: PDU Session Resource Release Command with the transfers and the NAS-PDU (the 5GSM release command).</summary>
    ValueTask PduSessionResourceReleaseAsync(UeNgapIds ue, IReadOnlyList<Sm.N2SmTransfer> sessions, ReadOnlyMemory<byte> nasPdu, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>True while the UE has a UE-associated logical NG connection (CM-CONNECTED, TS 23.501 §5.3.3.2).</summary>
    bool IsConnected(long amfUeNgapId) => true;

    /// <summary>TS 38.413 §8.5.1: Paging with the UE's 5G-S-TMSI to every gNB serving a TA of <paramref name="registrationArea"/>; returns how many were paged.</summary>
    ValueTask<int> PageAsync(FiveGGuti guti, IReadOnlyList<Tai> registrationArea, CancellationToken ct) => ValueTask.FromResult(0);

    /// <summary>The AMF is done with this UE's N1 signalling (reject, abort): the NGAP layer releases the UE context.</summary>
    ValueTask ReleaseAsync(UeNgapIds ue, UeReleaseCause cause, CancellationToken ct);
}
