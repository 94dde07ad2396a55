// TS 23.501 §5.9.4 (5G-GUTI), TS 33.501 §5.5.2 / §6.7.1 (algorithm priority lists), TS 24.501 §10.2 (timers).
using GlassCore.Nas.Ies;
using GlassCore.Security;

namespace GlassCore.Amf;

/// <summary>What an AMF instance serves and how it negotiates security; one per AMF, passed explicitly (no singleton).</summary>
public sealed class AmfConfiguration
{
    public required PlmnId Plmn { get; init; }

    public byte AmfRegionId { get; init; } = 1;

    public ushort AmfSetId { get; init; } = 1;

    public byte AmfPointer { get; init; }

    /// <summary>The AMF Name of NG Setup Response (TS 38.413 §9.3.3.21).</summary>
    public string AmfName { get; init; } = "glasscore-amf";

    /// <summary>Relative AMF Capacity (TS 38.413 §9.3.1.10): 0..255, for the gNB's AMF selection.</summary>
    public byte RelativeAmfCapacity { get; init; } = 255;

    /// <summary>Time to Wait of NG Setup Failure (TS 38.413 §8.7.1.3): how long a refused gNB waits before trying again.</summary>
    public TimeSpan NgSetupTimeToWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The TAI list given in Registration Accept.</summary>
    public required IReadOnlyList<Tai> TaiList { get; init; }

    /// <summary>S-NSSAIs this AMF serves; the allowed NSSAI is the requested NSSAI's intersection with these, or all of them if none was requested.</summary>
    public required IReadOnlyList<SNssaiValue> SupportedNssai { get; init; }

    /// <summary>Integrity algorithms in order of preference (TS 33.501 §5.5.2): the first the UE supports is chosen.</summary>
    public IReadOnlyList<NasIntegrityAlgorithm> IntegrityOrder { get; init; } = [NasIntegrityAlgorithm.Nia2, NasIntegrityAlgorithm.Nia1, NasIntegrityAlgorithm.Nia3];

    public IReadOnlyList<NasCipheringAlgorithm> CipheringOrder { get; init; } = [NasCipheringAlgorithm.Nea2, NasCipheringAlgorithm.Nea1, NasCipheringAlgorithm.Nea3, NasCipheringAlgorithm.Nea0];

    /// <summary>NIA0 is for unauthenticated emergency sessions only (TS 33.501 §5.5.2); off unless an operator says otherwise.</summary>
    public bool AllowNia0 { get; init; }

    /// <summary>Ask for the IMEISV in Security Mode Command (TS 24.501 §5.4.2.2).</summary>
    public bool RequestImeisv { get; init; } = true;

    /// <summary>T3512, the periodic registration update timer sent in Registration Accept (default 54 min, §10.2).</summary>
    public TimeSpan T3512 { get; init; } = TimeSpan.FromMinutes(54);

    /// <summary>T3550 (Registration Accept), T3560 (Authentication Request, Security Mode Command), T3570 (Identity Request): 6 s each (§10.2 table 10.2.2).</summary>
    public TimeSpan T3550 { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan T3560 { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan T3570 { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>T3522 (network-initiated Deregistration Request) and T3555 (Configuration Update Command): 6 s each (§10.2).</summary>
    public TimeSpan T3522 { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan T3555 { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// T3513, the paging timer (TS 24.501 §5.6.2.2.1: the network supervises paging with it and may page again when it
    /// expires). Its value and the number of pagings are the network's choice: 2 s and at most 3 pagings by default.
    /// </summary>
    public TimeSpan T3513 { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pagings sent for one mobile-terminated request before the AMF gives up (the first one included).</summary>
    public int MaxPagings { get; init; } = 3;

    /// <summary>
    /// §5.3.7: the mobile reachable timer, started when a registered UE goes to 5GMM-IDLE; by default 4 minutes longer
    /// than T3512. When it expires the implicit de-registration timer starts.
    /// </summary>
    public TimeSpan? MobileReachableTimer { get; init; }

    /// <summary>§5.3.7: the implicit de-registration timer (default 4 min); on expiry the UE is de-registered locally.</summary>
    public TimeSpan ImplicitDeregistrationTimer { get; init; } = TimeSpan.FromMinutes(4);

    public TimeSpan EffectiveMobileReachableTimer => MobileReachableTimer ?? T3512 + TimeSpan.FromMinutes(4);

    /// <summary>The procedure is aborted on the fifth expiry (§5.4.1.3.7, §5.4.2.7, §5.5.1.2.8): four retransmissions.</summary>
    public int MaxRetransmissions { get; init; } = 4;

    /// <summary>Capacity of each UE's mailbox; uplink NAS beyond it is dropped so one UE cannot stall the NGAP reader.</summary>
    public int MailboxCapacity { get; init; } = 32;

    /// <summary>UE-AMBR for Initial Context Setup with PDU sessions (TS 23.501 §5.7.2.6) when no subscribed one is known (no UDM, or am-data without it).</summary>
    public long UeAmbrUplinkBps { get; init; } = 10_000_000_000;

    public long UeAmbrDownlinkBps { get; init; } = 10_000_000_000;

    /// <summary>The AMF's NF instance ID (TS 29.510), sent to the SMF as servingNfId.</summary>
    public string NfInstanceId { get; init; } = "8f7a1c4e-0000-4000-8000-000000000005";

    /// <summary>The DNN for a PDU session establishment that names none (TS 23.502 §4.3.2.2.1 step 2: the subscribed default).</summary>
    public string? DefaultDnn { get; init; } = "internet";

    /// <summary>The AMF's own SBI apiRoot, for the callback URIs it gives the SMF (smContextStatusUri).</summary>
    public string CallbackRoot { get; init; } = "http://127.0.0.1:7777";

    /// <summary>TS 24.501 §9.11.3.35: the full and short network names of Configuration Update Command (none: not sent).</summary>
    public string? NetworkFullName { get; init; }

    public string? NetworkShortName { get; init; }

    /// <summary>
    /// The network's local time zone for Configuration Update Command (TS 24.501 §9.11.3.52/§9.11.3.53/§9.11.3.19:
    /// local time zone, universal time and local time zone, daylight saving time); null: no time information sent.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>TS 24.501 §9.12.1 / TS 33.501 §6.1.1.4: "5G:mnc&lt;MNC&gt;.mcc&lt;MCC&gt;.3gppnetwork.org".</summary>
    public string ServingNetworkName => $"5G:mnc{Plmn.Mnc:D3}.mcc{Plmn.Mcc:D3}.3gppnetwork.org";
}
