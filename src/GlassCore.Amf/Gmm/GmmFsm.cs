// TS 24.501 §5.4.1.3 (5G-AKA), §5.4.1.2 (EAP-based authentication), §5.4.2 (security mode control), §5.4.3 (identification), §5.4.4 (generic UE
// configuration update), §5.5.1.2 (initial registration), §5.5.1.3 (mobility and periodic registration updating),
// §5.5.2 (de-registration), §5.3.7 (mobile reachable timer), TS 33.501 §6.1.3.2 and §6.7.2; style anchor #2: one
// method per state, typed events, entry/exit.
using System.Security.Cryptography;
using GlassCore.Amf.Sbi;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Amf.Gmm;

/// <summary>
/// The AMF's 5GMM state machine. <see cref="Dispatch"/> hands an event to the current state's method, which changes
/// the UE context and returns the actions to take; <see cref="Transition"/> checks the move against
/// <see cref="Transitions"/> and runs the exit and entry handlers. Nothing here sends or awaits. With
/// <paramref name="subscriptionFromUdm"/> the registration waits for the UDM (TS 23.502 §4.2.2.2.2 step 14) before
/// Registration Accept, and the allowed NSSAI is limited to the subscribed S-NSSAIs.
/// </summary>
public sealed class GmmFsm(AmfConfiguration config, Func<FiveGGuti> allocateGuti, Action<FiveGGuti>? releaseGuti = null, bool subscriptionFromUdm = false,
    TimeProvider? time = null)
{
    /// <summary>The allowed moves; anything else is a bug and sends the UE to <see cref="GmmState.Exception"/>.</summary>
    public static readonly IReadOnlySet<(GmmState From, GmmState To)> Transitions = new HashSet<(GmmState, GmmState)>
    {
        (GmmState.Deregistered, GmmState.Identification),
        (GmmState.Deregistered, GmmState.Authentication),
        (GmmState.Identification, GmmState.Authentication),
        (GmmState.Identification, GmmState.Deregistered),
        (GmmState.Authentication, GmmState.SecurityMode),
        (GmmState.Authentication, GmmState.Deregistered),
        (GmmState.SecurityMode, GmmState.InitialContextSetup),
        (GmmState.SecurityMode, GmmState.Deregistered),
        (GmmState.InitialContextSetup, GmmState.Registered),
        (GmmState.InitialContextSetup, GmmState.Deregistered),
        (GmmState.Registered, GmmState.Deregistered),
        (GmmState.Registered, GmmState.InitialContextSetup),
        (GmmState.Registered, GmmState.DeregisteredInitiated),
        (GmmState.DeregisteredInitiated, GmmState.Deregistered),
    };

    public GmmOutcome Dispatch(AmfUeContext ue, GmmEvent e) => (ue.State, e) switch
    {
        // §5.5.2.3.1: the operator's de-registration ends a common procedure that is still running.
        (GmmState.Identification or GmmState.Authentication or GmmState.SecurityMode or GmmState.InitialContextSetup, GmmNetworkDeregistrationEvent) => Abort(ue),
        // TS 23.502 §4.2.4.2: outside REGISTERED a change is only kept; the next Registration Accept uses it.
        (not GmmState.Registered, GmmSubscriptionChangedEvent c) => KeepSubscription(ue, c.Data),
        _ => DispatchToState(ue, e),
    };

    private GmmOutcome DispatchToState(AmfUeContext ue, GmmEvent e) => ue.State switch
    {
        GmmState.Deregistered => Deregistered(ue, e),
        GmmState.Identification => Identification(ue, e),
        GmmState.Authentication => Authentication(ue, e),
        GmmState.SecurityMode => SecurityMode(ue, e),
        GmmState.InitialContextSetup => InitialContextSetup(ue, e),
        GmmState.Registered => Registered(ue, e),
        GmmState.DeregisteredInitiated => DeregisteredInitiated(ue, e),
        _ => GmmOutcome.None,
    };

    /// <summary>Moves to <paramref name="next"/>: exit of the old state, entry of the new one; returns their actions.</summary>
    public GmmOutcome Transition(AmfUeContext ue, GmmState next)
    {
        ArgumentNullException.ThrowIfNull(ue);
        if (next != GmmState.Exception && !Transitions.Contains((ue.State, next)))
        {
            throw new InvalidOperationException($"5GMM transition {ue.State} → {next} is not in the table");
        }
        var outcome = Dispatch(ue, new GmmExitEvent());
        ue.State = next;
        foreach (var a in Dispatch(ue, new GmmEntryEvent()).Actions)
        {
            outcome.Actions.Add(a);
        }
        return outcome;
    }

    // ---- DEREGISTERED -------------------------------------------------------------------------------------------

    private static GmmOutcome Deregistered(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmEntryEvent:
                // §4.4.2.x: a UE that leaves the procedure unregistered keeps no usable security state here.
                ue.Nas = null;
                ue.SecurityActivated = false;
                ue.Challenge = null;
                ue.PendingTransaction = 0;
                return GmmOutcome.None;
            case GmmMessageEvent { Message: RegistrationRequest rr }:
                return HandleRegistrationRequest(ue, rr);
            case GmmMessageEvent { Message: ServiceRequest }:
                // §5.6.1.5: no context for that 5G-S-TMSI here: #9 makes the UE register again.
                return new GmmOutcome().Send(new ServiceReject { Cause = OctetValue.Create(GmmCauses.UeIdentityCannotBeDerived) }).Do(new ReleaseAction());
            case GmmN2ReleasedEvent:
                return Abort(ue);
            default:
                return GmmOutcome.None;
        }
    }

    /// <summary>§5.5.1.2.2-§5.5.1.2.3: start of initial registration; identify by SUCI or ask for one.</summary>
    private static GmmOutcome HandleRegistrationRequest(AmfUeContext ue, RegistrationRequest rr)
    {
        ue.RegistrationRequest = rr;
        ue.SynchFailures = 0;
        ue.Supi = null;
        if (rr.UeSecurityCapability is not { } caps || caps.Value.Length < 2)
        {
            // §5.5.1.2.2: the UE includes its security capability in an initial registration.
            return Reject(ue, GmmCauses.ConditionalIeError);
        }
        ue.UeSecurityCapability = caps;
        if (TryGetSuci(rr.MobileIdentity, out string? suci))
        {
            ue.Suci = suci;
            return new GmmOutcome().Do(new AuthenticateAction(suci, null)).To(GmmState.Authentication);
        }
        // A 5G-GUTI (or anything else) this AMF has no context for (AmfContext routes its own GUTIs to their UE's
        // context, and there is no context transfer from another AMF): §5.4.3, ask for the SUCI.
        return new GmmOutcome().Send(GmmBuild.IdentityRequest(GmmBuild.IdentityTypeSuci), NasTimer.T3570).To(GmmState.Identification);
    }

    // ---- IDENTIFICATION ---------------------------------------------------------------------------------------------

    private GmmOutcome Identification(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmExitEvent:
                return new GmmOutcome().Stop(NasTimer.T3570);
            case GmmMessageEvent { Message: IdentityResponse ir }:
                if (!TryGetSuci(ir.MobileIdentity, out string? suci))
                {
                    return Reject(ue, GmmCauses.UeIdentityCannotBeDerived);
                }
                ue.Suci = suci;
                return new GmmOutcome().Do(new AuthenticateAction(suci, null)).To(GmmState.Authentication);
            case GmmMessageEvent { Message: RegistrationRequest rr }:
                return Restart(ue, rr);
            case GmmN2ReleasedEvent:
            case GmmRetransmissionExhaustedEvent:
                return Abort(ue);
            default:
                return GmmOutcome.None;
        }
    }

    // ---- AUTHENTICATION ---------------------------------------------------------------------------------------------

    private GmmOutcome Authentication(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmExitEvent:
                return new GmmOutcome().Stop(NasTimer.T3560);
            case GmmChallengeEvent c:
                return HandleChallenge(ue, c.Result);
            case GmmMessageEvent { Message: AuthenticationResponse ar }:
                return HandleAuthenticationResponse(ue, ar);
            case GmmMessageEvent { Message: AuthenticationFailure af }:
                return HandleAuthenticationFailure(ue, af);
            case GmmConfirmationEvent c:
                return HandleConfirmation(ue, c.Result);
            case GmmEapResultEvent r:
                return HandleEapResult(ue, r.Result);
            case GmmMessageEvent { Message: RegistrationRequest rr }:
                return Restart(ue, rr);
            case GmmN2ReleasedEvent:
            case GmmRetransmissionExhaustedEvent:
                return Abort(ue);
            default:
                return GmmOutcome.None;
        }
    }

    private static GmmOutcome HandleChallenge(AmfUeContext ue, AusfResult<AusfChallenge> result)
    {
        if (!result.IsOk)
        {
            return Reject(ue, CauseFor(result.Problem!));
        }
        var c = result.Value!;
        ue.Challenge = c;
        // §5.4.1.3.2: a new ngKSI for the new partial native security context (0..6; 7 means "no key").
        ue.NgKsi = (byte)(ue.NgKsi >= 6 ? 0 : ue.NgKsi + 1);
        return new GmmOutcome().Send(c.IsEap ? GmmBuild.AuthenticationRequestEap(ue.NgKsi, c.EapMessage!) : GmmBuild.AuthenticationRequest(ue.NgKsi, c.Rand, c.Autn),
            NasTimer.T3560);
    }

    /// <summary>§5.4.1.3.4 and TS 33.501 §6.1.3.2 step 10: HRES* against HXRES*, then confirmation by the AUSF.</summary>
    private static GmmOutcome HandleAuthenticationResponse(AmfUeContext ue, AuthenticationResponse ar)
    {
        if (ue.Challenge is not { } c)
        {
            return GmmOutcome.None;
        }
        var outcome = new GmmOutcome().Stop(NasTimer.T3560);
        if (c.IsEap)
        {
            // §5.4.1.2.2.2 / TS 33.501 §6.1.3.1 step 7: the SEAF relays the EAP-Response; the AUSF judges it.
            if (ar.EapMessage is not { } eap || AuthenticationIes.EapCode(eap) != EapAkaPrimePacket.CodeResponse)
            {
                return AuthenticationReject(ue, outcome);
            }
            return outcome.Do(new EapRelayAction(c.ConfirmationUri, eap.Value.ToArray()));
        }
        byte[] resStar = ar.ResponseParameter?.Value.ToArray() ?? [];
        if (!AkaChecks.HresStarMatches(c.Rand, resStar, c.HxresStar))
        {
            return AuthenticationReject(ue, outcome);
        }
        return outcome.Do(new ConfirmAction(c.ConfirmationUri, resStar));
    }

    /// <summary>§5.4.1.3.7 (network side of the authentication failure causes).</summary>
    private static GmmOutcome HandleAuthenticationFailure(AmfUeContext ue, AuthenticationFailure af)
    {
        if (ue.Challenge is not { } c)
        {
            return GmmOutcome.None;
        }
        var outcome = new GmmOutcome().Stop(NasTimer.T3560);
        byte cause = af.Cause.Octet;
        // EAP-AKA' carries its synchronisation failure inside EAP (AKA'-Synchronization-Failure), not in this message.
        if (!c.IsEap && cause == GmmCauses.SynchFailure && af.FailureParameter is { Value.Length: 14 } auts && ue.SynchFailures == 0)
        {
            // TS 33.501 §6.1.3.3.2: send RAND and AUTS to the AUSF for re-synchronisation, once per challenge round.
            ue.SynchFailures++;
            return outcome.Do(new AuthenticateAction(ue.Suci!, new ResynchronisationInfo(c.Rand, auts.Value.ToArray())));
        }
        // #20 MAC failure: the UE was identified by SUCI, so identification would not give a different subscriber;
        // #26 non-5G authentication unacceptable; a second #21 in a row: the network cannot authenticate this UE.
        return AuthenticationReject(ue, outcome);
    }

    /// <summary>TS 33.501 §6.1.3.2 step 12: KSEAF and SUPI from the AUSF; KAMF (A.7), then security mode control.</summary>
    private GmmOutcome HandleConfirmation(AmfUeContext ue, AusfResult<AusfConfirmation> result)
    {
        if (!result.IsOk)
        {
            return Reject(ue, CauseFor(result.Problem!));
        }
        var conf = result.Value!;
        if (!conf.Success || conf.Kseaf is not { Length: 32 } kseaf || conf.Supi is null)
        {
            return AuthenticationReject(ue, new GmmOutcome());
        }
        ue.Supi = conf.Supi;
        var kamf = new byte[32];
        KeyHierarchy.Kamf(kseaf, conf.Supi, GmmBuild.InitialAbba, kamf);
        ue.Kamf = kamf;
        return StartSecurityMode(ue);
    }

    /// <summary>
    /// TS 33.501 §6.1.3.1 steps 8-10 and TS 24.501 §5.4.1.2.2: EAP-Success with KSEAF and the SUPI starts security
    /// mode control, the EAP-Success riding in the Security Mode Command; a new EAP-Request (the AUSF's answer to an
    /// AKA'-Synchronization-Failure) is relayed in a new Authentication Request; EAP-Failure ends in Authentication
    /// Reject carrying it.
    /// </summary>
    private GmmOutcome HandleEapResult(AmfUeContext ue, AusfResult<AusfEapResult> result)
    {
        if (!result.IsOk)
        {
            return Reject(ue, CauseFor(result.Problem!));
        }
        var r = result.Value!;
        switch (r.AuthResult)
        {
            case GlassCore.Sbi.Models.AuthResults.Success when r.Kseaf is { Length: 32 } kseaf && r.Supi is not null:
                ue.Supi = r.Supi;
                var kamf = new byte[32];
                KeyHierarchy.Kamf(kseaf, r.Supi, GmmBuild.InitialAbba, kamf);
                ue.Kamf = kamf;
                return StartSecurityMode(ue, r.EapMessage);
            case GlassCore.Sbi.Models.AuthResults.Ongoing when r.NextUri is not null:
                return HandleChallenge(ue, AusfChallenge.Eap(r.EapMessage, r.NextUri));
            default:
                return AuthenticationReject(ue, new GmmOutcome(), AuthenticationIes.EapCode(new OctetString(r.EapMessage)) == EapAkaPrimePacket.CodeFailure ? r.EapMessage : null);
        }
    }

    /// <summary>§5.4.2.2 and TS 33.501 §6.7.2: algorithm selection from the priority lists and the new NAS security context.</summary>
    private GmmOutcome StartSecurityMode(AmfUeContext ue, byte[]? eapSuccess = null)
    {
        var caps = ue.UeSecurityCapability!.Value;
        NasIntegrityAlgorithm? ia = null;
        foreach (var a in config.IntegrityOrder)
        {
            if ((a != NasIntegrityAlgorithm.Nia0 || config.AllowNia0) && caps.SupportsIa((int)a))
            {
                ia = a;
                break;
            }
        }
        if (ia is null && config.AllowNia0 && caps.SupportsIa(0))
        {
            ia = NasIntegrityAlgorithm.Nia0;
        }
        NasCipheringAlgorithm? ea = null;
        foreach (var a in config.CipheringOrder)
        {
            if (caps.SupportsEa((int)a))
            {
                ea = a;
                break;
            }
        }
        if (ia is null || ea is null)
        {
            // TS 33.501 §5.5.2: NIA0 is not used outside unauthenticated emergency sessions; a UE with nothing else is refused.
            return Reject(ue, GmmCauses.UeSecurityCapabilitiesMismatch);
        }
        Span<byte> kInt = stackalloc byte[16];
        Span<byte> kEnc = stackalloc byte[16];
        KeyHierarchy.AlgorithmKey(ue.Kamf, AlgorithmTypeDistinguisher.NNasInt, (byte)ia.Value, kInt);
        KeyHierarchy.AlgorithmKey(ue.Kamf, AlgorithmTypeDistinguisher.NNasEnc, (byte)ea.Value, kEnc);
        ue.Nas = new NasSecurityContext(NasRole.Network, kInt, kEnc, ia.Value, ea.Value);
        CryptographicOperations.ZeroMemory(kInt);
        CryptographicOperations.ZeroMemory(kEnc);
        // The initial Registration Request reached us unprotected, so RINMR asks for it whole (§4.4.6).
        var smc = GmmBuild.SecurityModeCommand(ue.NgKsi, ia.Value, ea.Value, caps, config.RequestImeisv, retransmitInitialMessage: true, eapSuccess);
        return new GmmOutcome().Send(smc, NasTimer.T3560).To(GmmState.SecurityMode);
    }

    // ---- SECURITY MODE ----------------------------------------------------------------------------------------------

    private GmmOutcome SecurityMode(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmExitEvent:
                return new GmmOutcome().Stop(NasTimer.T3560);
            case GmmMessageEvent { Message: SecurityModeComplete smc, IntegrityVerified: true }:
                return HandleSecurityModeComplete(ue, smc);
            case GmmSubscriptionDataEvent s:
                return HandleSubscriptionData(ue, s.Result);
            case GmmMessageEvent { Message: SecurityModeReject }:
                // §5.4.2.5: the UE refused the command; the registration that needed it is aborted.
                return Abort(ue);
            case GmmMessageEvent { Message: RegistrationRequest rr }:
                return Restart(ue, rr);
            case GmmN2ReleasedEvent:
            case GmmRetransmissionExhaustedEvent:
                return Abort(ue);
            default:
                return GmmOutcome.None;
        }
    }

    /// <summary>§5.4.2.3 and §5.5.1.2.4: IMEISV, the full Registration Request from the container, allowed NSSAI, Registration Accept.</summary>
    private GmmOutcome HandleSecurityModeComplete(AmfUeContext ue, SecurityModeComplete smc)
    {
        ue.SecurityActivated = true;
        ue.Imeisv = smc.Imeisv;
        var kgnb = new byte[32];
        KeyHierarchy.Kgnb(ue.Kamf, ue.Nas!.UplinkCount - 1, kgnb);
        ue.Kgnb = kgnb;
        var outcome = new GmmOutcome().Stop(NasTimer.T3560);
        if (smc.NasMessageContainer is { } container)
        {
            if (!NasMessage.TryDecode(container.Value, out var inner, out _) || inner is not RegistrationRequest full)
            {
                return Reject(ue, GmmCauses.InvalidMandatoryInformation, outcome);
            }
            ue.RegistrationRequest = full;
        }
        if (subscriptionFromUdm && ue.Subscription is null)
        {
            // TS 23.502 §4.2.2.2.2 steps 14a-14b: the Accept waits for the UDM registration and the subscription data.
            return outcome.Do(new RetrieveSubscriptionAction(ue.Supi!));
        }
        return AcceptInitialRegistration(ue, outcome);
    }

    private GmmOutcome AcceptInitialRegistration(AmfUeContext ue, GmmOutcome outcome)
    {
        var allowed = AllowedNssai(ue.RegistrationRequest!.RequestedNssai, ue.Subscription);
        if (allowed.Count == 0)
        {
            return Reject(ue, GmmCauses.NoNetworkSlicesAvailable, outcome);
        }
        ue.AllowedNssai = allowed;
        var guti = ReallocateGuti(ue);
        var accept = GmmBuild.RegistrationAccept(guti, config.TaiList, allowed, config.T3512);
        return outcome.Do(new SendNasAction(accept, NasTimer.T3550, InitialContextSetup: true)).To(GmmState.InitialContextSetup);
    }

    /// <summary>
    /// Step 14 answered: a UDM that does not know the subscriber or refuses the registration ends it with the cause
    /// the AUSF's problems map to (#7, #3, #111); else the Accept goes out with the subscribed slices.
    /// </summary>
    private GmmOutcome HandleSubscriptionData(AmfUeContext ue, AusfResult<SubscriptionData> result)
    {
        if (!result.IsOk)
        {
            return Reject(ue, CauseFor(result.Problem!));
        }
        ue.UdmRegistered = true;
        ue.Subscription = result.Value;
        return AcceptInitialRegistration(ue, new GmmOutcome());
    }

    /// <summary>
    /// TS 23.501 §5.15.5.2.1: the requested S-NSSAIs that are subscribed and served here; when none was requested or
    /// none of them is permitted, the subscribed default S-NSSAIs served here. Without a subscription (no UDM): the
    /// requested ones served here, or all of them.
    /// </summary>
    private List<SNssaiValue> AllowedNssai(Nssai? requested, SubscriptionData? subscription)
    {
        if (subscription?.AmData.Nssai is not { } subscribed)
        {
            return requested is { } r ? Served(r.ToArray(), null) : [.. config.SupportedNssai];
        }
        List<GlassCore.Sbi.Models.Snssai> permitted = [.. subscribed.DefaultSingleNssais, .. subscribed.SingleNssais ?? []];
        if (requested is { } req && Served(req.ToArray(), permitted) is { Count: > 0 } list)
        {
            return list;
        }
        return Served([.. subscribed.DefaultSingleNssais.Select(ToNas).OfType<SNssaiValue>()], permitted);
    }

    private List<SNssaiValue> Served(IEnumerable<SNssaiValue> wanted, List<GlassCore.Sbi.Models.Snssai>? permitted)
    {
        var list = new List<SNssaiValue>();
        foreach (var s in wanted)
        {
            foreach (var supported in config.SupportedNssai)
            {
                if (supported.Sst == s.Sst && supported.Sd == s.Sd && !list.Contains(supported)
                    && (permitted is null || permitted.Exists(p => ToNas(p) is { } q && q.Sst == s.Sst && q.Sd == s.Sd)))
                {
                    list.Add(supported);
                }
            }
        }
        return list;
    }

    /// <summary>TS 29.571 Snssai (sst, sd as six hex digits) as the NAS S-NSSAI value; null when it is malformed.</summary>
    internal static SNssaiValue? ToNas(GlassCore.Sbi.Models.Snssai s) =>
        s.Sst is < 0 or > 255 ? null
        : s.Sd is null ? new SNssaiValue((byte)s.Sst)
        : s.Sd.Length == 6 && uint.TryParse(s.Sd, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out uint sd) ? new SNssaiValue((byte)s.Sst, sd)
        : null;

    private static GmmOutcome KeepSubscription(AmfUeContext ue, SubscriptionData data)
    {
        ue.Subscription = data;
        ue.SubscriptionChanges++;
        return GmmOutcome.None;
    }

    /// <summary>
    /// TS 23.502 §4.2.4.2 (UE Configuration Update triggered by a subscription change) and §5.15.5.2.2: the allowed
    /// NSSAI is worked out again from the new subscribed NSSAI; when it changed, a registered UE in 5GMM-CONNECTED gets
    /// a Configuration Update Command with it (and a new 5G-GUTI, as every command here). When no subscribed slice is
    /// served any more, the UE is de-registered with #62 "no network slices available" and asked to register again.
    /// </summary>
    private GmmOutcome HandleSubscriptionChanged(AmfUeContext ue, SubscriptionData data)
    {
        KeepSubscription(ue, data);
        var allowed = AllowedNssai(ue.RegistrationRequest?.RequestedNssai, data);
        if (allowed.SequenceEqual(ue.AllowedNssai))
        {
            return GmmOutcome.None;
        }
        if (allowed.Count == 0)
        {
            return HandleNetworkDeregistration(ue, new GmmNetworkDeregistrationEvent(GmmCauses.NoNetworkSlicesAvailable, ReRegistrationRequired: true));
        }
        ue.AllowedNssai = allowed;
        return StartConfigurationUpdate(ue);
    }

    // ---- INITIAL CONTEXT SETUP / REGISTERED ------------------------------------------------------------------------

    private GmmOutcome InitialContextSetup(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmExitEvent:
                return new GmmOutcome().Stop(NasTimer.T3550);
            case GmmMessageEvent { Message: RegistrationComplete, IntegrityVerified: true }:
                // §5.5.1.2.4 / §5.5.1.3.4: the UE has the new 5G-GUTI; the old one is no longer valid.
                GutiAcknowledged(ue);
                return new GmmOutcome().To(GmmState.Registered);
            case GmmMessageEvent { Message: DeregistrationRequestUeOriginating dr } m:
                return HandleDeregistrationRequest(ue, dr, m.IntegrityVerified);
            case GmmInitialContextSetupFailedEvent:
                // TS 23.502 §4.2.2.2.2: the RAN could not set the context up; the registration cannot complete.
                return Abort(ue);
            case GmmN2ReleasedEvent:
            case GmmRetransmissionExhaustedEvent:
                // §5.5.1.2.8 lets the AMF consider the UE registered with both GUTIs; without N2 we release instead.
                return Abort(ue);
            default:
                return GmmOutcome.None;
        }
    }

    private GmmOutcome Registered(AmfUeContext ue, GmmEvent e) => e switch
    {
        GmmExitEvent => new GmmOutcome().Stop(NasTimer.T3555).Do(new StopReachabilityTimersAction()),
        GmmMessageEvent { Message: RegistrationRequest rr } m => HandleRegistrationUpdate(ue, rr, m.IntegrityVerified),
        GmmMessageEvent { Message: DeregistrationRequestUeOriginating dr } m => HandleDeregistrationRequest(ue, dr, m.IntegrityVerified),
        GmmMessageEvent { Message: ServiceRequest } m => HandleServiceRequest(ue, m.IntegrityVerified),
        GmmMessageEvent { Message: ConfigurationUpdateComplete, IntegrityVerified: true } => HandleConfigurationUpdateComplete(ue),
        // §5.3.7: a registered UE in 5GMM-IDLE is expected back before the mobile reachable timer runs out.
        GmmN2ReleasedEvent => new GmmOutcome().Do(new StartReachabilityTimerAction(ReachabilityTimer.MobileReachable)),
        GmmReachabilityExpiredEvent { Timer: ReachabilityTimer.MobileReachable } => new GmmOutcome().Do(new StartReachabilityTimerAction(ReachabilityTimer.ImplicitDeregistration)),
        GmmReachabilityExpiredEvent { Timer: ReachabilityTimer.ImplicitDeregistration } => ImplicitDeregistration(ue),
        GmmNetworkDeregistrationEvent d => HandleNetworkDeregistration(ue, d),
        GmmConfigurationUpdateEvent => StartConfigurationUpdate(ue),
        GmmSubscriptionChangedEvent c => HandleSubscriptionChanged(ue, c.Data),
        // §5.4.4.5: the fifth expiry of T3555 aborts the procedure; both 5G-GUTIs stay valid until one is used.
        _ => GmmOutcome.None,
    };

    /// <summary>
    /// §5.5.1.3.4 (mobility and periodic registration update accepted) and §5.5.1.2.4 (a UE this AMF holds a context
    /// for registers again): a Registration Request that verified under the current 5G NAS security context needs no
    /// new authentication (TS 33.501 §6.4.6). The UE gets a new 5G-GUTI (TS 33.501 §6.12.3), the TAI list, the allowed
    /// NSSAI (kept unless it asks for another) and T3512; Registration Complete acknowledges the GUTI. From 5GMM-IDLE
    /// the Accept rides in Initial Context Setup with a fresh K_gNB from this message's uplink NAS COUNT (A.9).
    /// One that does not verify cannot be tied to this UE: the registration starts over with identification.
    /// </summary>
    private GmmOutcome HandleRegistrationUpdate(AmfUeContext ue, RegistrationRequest rr, bool verified)
    {
        if (!verified || ue.Kamf is null || ue.Nas is null)
        {
            return Restart(ue, rr);
        }
        List<SNssaiValue> allowed = rr.RequestedNssai is null ? [.. ue.AllowedNssai] : AllowedNssai(rr.RequestedNssai, ue.Subscription);
        if (allowed.Count == 0)
        {
            return Reject(ue, GmmCauses.NoNetworkSlicesAvailable);
        }
        ue.AllowedNssai = allowed;
        ue.RegistrationRequest = rr;
        ue.RegistrationUpdates++;
        bool initialContextSetup = !ue.RanContextActive;
        if (initialContextSetup)
        {
            var kgnb = new byte[32];
            KeyHierarchy.Kgnb(ue.Kamf, ue.Nas.UplinkCount - 1, kgnb);
            ue.Kgnb = kgnb;
        }
        var accept = GmmBuild.RegistrationAccept(ReallocateGuti(ue), config.TaiList, allowed, config.T3512);
        return new GmmOutcome().Do(new SendNasAction(accept, NasTimer.T3550, initialContextSetup)).To(GmmState.InitialContextSetup);
    }

    /// <summary>§5.3.7: the implicit de-registration timer expired: the UE is de-registered locally, without signalling.</summary>
    private static GmmOutcome ImplicitDeregistration(AmfUeContext ue)
    {
        ue.Deregistered = true;
        ue.ImplicitlyDeregistered = true;
        return new GmmOutcome().Do(new ReleaseAction(UeReleaseCause.Deregister)).To(GmmState.Deregistered);
    }

    /// <summary>
    /// §5.5.2.3.1: Deregistration Request with T3522 to a UE in 5GMM-CONNECTED. This AMF does not page, so a UE in
    /// 5GMM-IDLE is de-registered locally (TS 23.502 §4.2.2.3.3 leaves the signalling to an idle UE optional).
    /// </summary>
    private static GmmOutcome HandleNetworkDeregistration(AmfUeContext ue, GmmNetworkDeregistrationEvent d)
    {
        if (!ue.CmConnected)
        {
            ue.Deregistered = true;
            return new GmmOutcome().Do(new ReleaseAction(UeReleaseCause.Deregister)).To(GmmState.Deregistered);
        }
        return new GmmOutcome().Send(GmmBuild.DeregistrationRequest(d.ReRegistrationRequired, d.Cause), NasTimer.T3522).To(GmmState.DeregisteredInitiated);
    }

    /// <summary>§5.4.4.2: Configuration Update Command with a new 5G-GUTI, acknowledged under T3555; only in 5GMM-CONNECTED (no paging).</summary>
    private GmmOutcome StartConfigurationUpdate(AmfUeContext ue)
    {
        if (!ue.CmConnected)
        {
            return GmmOutcome.None;
        }
        ue.ConfigurationUpdatePending = true;
        var command = GmmBuild.WithNetworkInformation(GmmBuild.ConfigurationUpdateCommand(ReallocateGuti(ue), config.TaiList, ue.AllowedNssai), config,
            (time ?? TimeProvider.System).GetUtcNow());
        return new GmmOutcome().Send(command, NasTimer.T3555);
    }

    /// <summary>§5.4.4.4: the UE took the new configuration; the old 5G-GUTI goes.</summary>
    private GmmOutcome HandleConfigurationUpdateComplete(AmfUeContext ue)
    {
        if (!ue.ConfigurationUpdatePending)
        {
            return GmmOutcome.None;
        }
        ue.ConfigurationUpdatePending = false;
        ue.ConfigurationUpdates++;
        GutiAcknowledged(ue);
        return new GmmOutcome().Stop(NasTimer.T3555);
    }

    // ---- DEREGISTERED-INITIATED (network) ----------------------------------------------------------------------------

    /// <summary>
    /// §5.5.2.3.2-§5.5.2.3.5: Deregistration Accept ends it; so do the fifth expiry of T3522 and the loss of the N2
    /// connection (the network side de-registers locally). A UE-initiated de-registration that crosses it is answered.
    /// </summary>
    private static GmmOutcome DeregisteredInitiated(AmfUeContext ue, GmmEvent e)
    {
        switch (e)
        {
            case GmmExitEvent:
                return new GmmOutcome().Stop(NasTimer.T3522);
            case GmmMessageEvent { Message: DeregistrationAcceptUeTerminated }:
            case GmmRetransmissionExhaustedEvent { Timer: NasTimer.T3522 }:
            case GmmN2ReleasedEvent:
                ue.Deregistered = true;
                return new GmmOutcome().Do(new ReleaseAction(UeReleaseCause.Deregister)).To(GmmState.Deregistered);
            case GmmMessageEvent { Message: DeregistrationRequestUeOriginating dr } m:
                return HandleDeregistrationRequest(ue, dr, m.IntegrityVerified);
            default:
                return GmmOutcome.None;
        }
    }

    /// <summary>
    /// §5.6.1.4 and TS 33.501 §6.9.2.1.1: a Service Request from CM-IDLE that verified under the current context gets
    /// a fresh K_gNB (from its uplink NAS COUNT) and Service Accept inside Initial Context Setup. One that does not
    /// verify cannot be tied to this UE: Service Reject #9 sends it back to registration (§5.6.1.5).
    /// </summary>
    private static GmmOutcome HandleServiceRequest(AmfUeContext ue, bool verified)
    {
        if (!verified || ue.Kamf is null || ue.Nas is null)
        {
            return new GmmOutcome().Send(new ServiceReject { Cause = OctetValue.Create(GmmCauses.UeIdentityCannotBeDerived) }).Do(new ReleaseAction());
        }
        var kgnb = new byte[32];
        KeyHierarchy.Kgnb(ue.Kamf, ue.Nas.UplinkCount - 1, kgnb);
        ue.Kgnb = kgnb;
        ue.ServiceRequests++;
        return new GmmOutcome().Do(new StopReachabilityTimersAction()).Do(new SendNasAction(new ServiceAccept(), InitialContextSetup: true));
    }

    /// <summary>
    /// §5.5.2.2.2: UE-initiated deregistration. Deregistration Accept unless it was a switch-off (bit 4 of the
    /// deregistration type), then the N2 connection is released with NAS cause "deregister" and the context and its
    /// 5G-GUTI go. Once NAS security is on, an unverified request is ignored: it could come from anyone (TS 33.501 §6.4.6).
    /// </summary>
    private static GmmOutcome HandleDeregistrationRequest(AmfUeContext ue, DeregistrationRequestUeOriginating dr, bool verified)
    {
        if (ue.SecurityActivated && !verified)
        {
            return GmmOutcome.None;
        }
        var outcome = new GmmOutcome();
        bool switchOff = (dr.DeregistrationType.Value & 0x08) != 0;
        if (!switchOff)
        {
            outcome.Send(GmmBuild.DeregistrationAccept());
        }
        ue.Deregistered = true;
        return outcome.Do(new ReleaseAction(UeReleaseCause.Deregister)).To(GmmState.Deregistered);
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A fresh 5G-GUTI; the current one stays valid (and routable) until the UE acknowledges the new one
    /// (§5.5.1.3.4, §5.4.4.4). A GUTI older than that was never acknowledged as replaced and is freed now.
    /// </summary>
    private FiveGGuti ReallocateGuti(AmfUeContext ue)
    {
        if (ue.OldGuti is { } older)
        {
            releaseGuti?.Invoke(older);
        }
        ue.OldGuti = ue.Guti;
        var guti = allocateGuti();
        ue.Guti = guti;
        return guti;
    }

    private void GutiAcknowledged(AmfUeContext ue)
    {
        if (ue.OldGuti is { } old)
        {
            releaseGuti?.Invoke(old);
            ue.OldGuti = null;
        }
    }

    /// <summary>§5.5.1.2.8 d/e: a new Registration Request during the procedure aborts it and starts again.</summary>
    private GmmOutcome Restart(AmfUeContext ue, RegistrationRequest rr)
    {
        var outcome = Transition(ue, GmmState.Deregistered);
        var again = HandleRegistrationRequest(ue, rr);
        outcome.Actions.AddRange(again.Actions);
        if (again.Next is { } next)
        {
            outcome.To(next);
        }
        return outcome;
    }

    /// <summary>§5.5.1.2.5: Registration Reject with the cause, then release.</summary>
    private static GmmOutcome Reject(AmfUeContext ue, byte cause, GmmOutcome? outcome = null)
    {
        ue.RejectCause = cause;
        return (outcome ?? new GmmOutcome()).Send(GmmBuild.RegistrationReject(cause)).Do(new ReleaseAction()).To(GmmState.Deregistered);
    }

    /// <summary>§5.4.1.3.5: Authentication Reject; the UE deletes its identities and keys, we release.</summary>
    private static GmmOutcome AuthenticationReject(AmfUeContext ue, GmmOutcome outcome, byte[]? eapFailure = null)
    {
        ue.AuthenticationRejected = true;
        return outcome.Send(GmmBuild.AuthenticationReject(eapFailure)).Do(new ReleaseAction()).To(GmmState.Deregistered);
    }

    private static GmmOutcome Abort(AmfUeContext ue) => new GmmOutcome().Do(new ReleaseAction()).To(GmmState.Deregistered);

    /// <summary>
    /// AUSF problems to 5GMM causes: an unknown subscriber has no 5GS subscription (#7), a serving network the home
    /// network does not authorise is #11; anything else (timeouts, 5xx) is #111 since no cause fits a core failure.
    /// </summary>
    private static byte CauseFor(AusfProblem p) => p switch
    {
        { Status: 404 } => GmmCauses.FiveGsServicesNotAllowed,
        { Status: 403, Cause: "SERVING_NETWORK_NOT_AUTHORIZED" } => GmmCauses.PlmnNotAllowed,
        { Status: 403 } => GmmCauses.IllegalUe,
        _ => GmmCauses.ProtocolErrorUnspecified,
    };

    /// <summary>TS 23.003 §2.2B: the SUCI of a 5GS mobile identity in its string form, for Nausf.</summary>
    internal static bool TryGetSuci(FiveGsMobileIdentity id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? suci)
    {
        suci = null;
        if (id.Type != MobileIdentityType.Suci || id.Value.Length < 9)
        {
            return false;
        }
        if (id.SuciNai is { } nai)
        {
            suci = nai;
            return true;
        }
        if (id.Suci is not { } s)
        {
            return false;
        }
        try
        {
            var sec = new Security.Suci(SupiType.Imsi, s.Plmn.Mcc.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                s.Plmn.Mnc.ToString(s.Plmn.ThreeDigitMnc ? "D3" : "D2", System.Globalization.CultureInfo.InvariantCulture),
                s.RoutingIndicator, (ProtectionScheme)s.SchemeId, s.HomeNetworkPublicKeyId, s.SchemeOutput.Span);
            suci = sec.ToString();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
