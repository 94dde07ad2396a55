// TS 23.501 §5.9 / TS 33.501 §6.1-§6.7: the AMF's per-UE data. Mutated only by the UE's own mailbox task (anchor #1).
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Amf;

/// <summary>One UE's 5GMM context. Not thread-safe by design: only the owning <see cref="AmfUe"/> loop touches it.</summary>
public sealed class AmfUeContext(long amfUeNgapId)
{
    public long AmfUeNgapId { get; } = amfUeNgapId;

    public long RanUeNgapId { get; set; }

    public GmmState State { get; internal set; } = GmmState.Deregistered;

    /// <summary>The Registration Request that started the procedure; replaced by the full one from Security Mode Complete.</summary>
    public RegistrationRequest? RegistrationRequest { get; internal set; }

    /// <summary>The UE security capability IE as the UE sent it, replayed in Security Mode Command.</summary>
    public UeSecurityCapability? UeSecurityCapability { get; internal set; }

    public string? Suci { get; internal set; }

    public string? Supi { get; internal set; }

    public byte NgKsi { get; internal set; } = NasKeySetIdentifier.NoKeyAvailable;

    /// <summary>The running challenge (RAND, AUTN, HXRES*, confirmation URI).</summary>
    internal AusfChallenge? Challenge { get; set; }

    internal int SynchFailures { get; set; }

    /// <summary>The SBI transaction whose reply the context waits for; replies with another ID are stale.</summary>
    internal long PendingTransaction { get; set; }

    internal byte[]? Kamf { get; set; }

    /// <summary>K_gNB for Initial Context Setup (TS 33.501 A.9), from the uplink NAS COUNT of Security Mode Complete.</summary>
    public ReadOnlyMemory<byte> Kgnb { get; internal set; }

    /// <summary>The NAS security context; null until Security Mode Command is sent.</summary>
    public NasSecurityContext? Nas { get; internal set; }

    /// <summary>True once Security Mode Complete verified: uplink must then be protected (§4.4.4.3).</summary>
    public bool SecurityActivated { get; internal set; }

    public FiveGGuti? Guti { get; internal set; }

    /// <summary>The 5G-GUTI being replaced: still valid until the UE acknowledges the new one (§5.5.1.3.4, §5.4.4.4).</summary>
    public FiveGGuti? OldGuti { get; internal set; }

    /// <summary>5GMM-CONNECTED: the UE has an N2 connection (from its Initial UE Message until the release).</summary>
    public bool CmConnected { get; internal set; }

    /// <summary>Initial Context Setup was sent on the current N2 connection (the RAN holds K_gNB for this UE).</summary>
    public bool RanContextActive { get; internal set; }

    public FiveGsMobileIdentity? Imeisv { get; internal set; }

    public IReadOnlyList<SNssaiValue> AllowedNssai { get; internal set; } = [];

    /// <summary>Uplink NAS messages dropped by the security checks or the decoder, by reason (for tests and metrics).</summary>
    public int DiscardedReplays { get; internal set; }

    public int DiscardedMacFailures { get; internal set; }

    public int DiscardedMalformed { get; internal set; }

    public int DiscardedUnprotected { get; internal set; }

    /// <summary>The 5GMM cause of the Registration Reject sent, or 0.</summary>
    public byte RejectCause { get; internal set; }

    public bool AuthenticationRejected { get; internal set; }

    /// <summary>Service Requests accepted (§5.6.1).</summary>
    public int ServiceRequests { get; internal set; }

    /// <summary>True once the UE deregistered (UE- or network-initiated, §5.5.2).</summary>
    public bool Deregistered { get; internal set; }

    /// <summary>True when the de-registration was implicit (§5.3.7: the UE stayed unreachable).</summary>
    public bool ImplicitlyDeregistered { get; internal set; }

    /// <summary>Registration Requests handled with the existing security context (§5.5.1.3 updating, or re-registration).</summary>
    public int RegistrationUpdates { get; internal set; }

    /// <summary>Configuration Update Commands completed by the UE (§5.4.4).</summary>
    public int ConfigurationUpdates { get; internal set; }

    /// <summary>A Configuration Update Command waits for its Complete (T3555 running).</summary>
    internal bool ConfigurationUpdatePending { get; set; }

    /// <summary>TS 23.502 §4.2.2.2.2 step 14b: the subscription data from the UDM (null when the AMF runs without one).</summary>
    public SubscriptionData? Subscription { get; internal set; }

    /// <summary>Nudm_UECM_Registration succeeded: the UDM is told when the UE leaves (purge).</summary>
    public bool UdmRegistered { get; internal set; }

    /// <summary>The Nudm_SDM subscription for change notifications (step 14c), unsubscribed when the UE leaves.</summary>
    public string? SdmSubscriptionId { get; internal set; }

    /// <summary>Changes of subscription data notified by the UDM and applied (TS 23.502 §4.2.4.2).</summary>
    public int SubscriptionChanges { get; internal set; }

    /// <summary>The reachability timer running now (§5.3.7), if any.</summary>
    public ReachabilityTimer? RunningReachabilityTimer { get; internal set; }
    /// <summary>TS 23.502 §4.3.2.2.1: the UE's PDU sessions by PDU session ID (1..15), each with its SMF's SM context.</summary>
    public Dictionary<byte, Sm.AmfPduSession> PduSessions { get; } = [];

    /// <summary>PDU sessions whose user plane rides in the next Initial Context Setup Request (TS 23.502 §4.2.3.2 step 12).</summary>
    internal List<Sm.N2SmTransfer> ContextSetupSessions { get; } = [];

    internal IReadOnlyList<Sm.N2SmTransfer> TakeContextSetupSessions()
    {
        if (ContextSetupSessions.Count == 0)
        {
            return [];
        }
        var list = ContextSetupSessions.ToArray();
        ContextSetupSessions.Clear();
        return list;
    }

    /// <summary>Pagings sent for this UE (TS 38.413 §8.5.1), T3513 retransmissions included.</summary>
    public int PagingsSent { get; internal set; }

    /// <summary>T3513 runs: the UE is being paged.</summary>
    public bool PagingInProgress { get; internal set; }
}
