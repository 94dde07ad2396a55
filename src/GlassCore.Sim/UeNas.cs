// TS 24.501 §5.4.1.3 (UE side of 5G-AKA; EAP-AKA' in UeNas.EapAkaPrime.cs), §5.4.2.3 (security mode command in the UE), §5.4.3.3 (identity
// response), §5.5.1.2 (initial registration), §4.4.4.2 / §4.4.6 (UE integrity checks, initial NAS message protection).
// Registration updating, deregistration, service request and configuration update are in UeNas.Procedures.cs,
// PDU sessions (5GSM) in UeNas.Sessions.cs.
using System.Security.Cryptography;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Sim;

/// <summary>A simulated UE's identity, home network key and radio-independent NAS settings.</summary>
public sealed record UeConfig
{
    public required PlmnId Plmn { get; init; }

    public string RoutingIndicator { get; init; } = "0000";

    public ProtectionScheme Scheme { get; init; } = ProtectionScheme.Null;

    public byte HomeNetworkPublicKeyId { get; init; }

    public ReadOnlyMemory<byte> HomeNetworkPublicKey { get; init; }

    /// <summary>5G-EA and 5G-IA octets of the UE security capability (§9.11.3.54): bit 8 is EA0/IA0, bit 7 EA1/IA1, …</summary>
    public byte FiveGEa { get; init; } = 0xF0;

    public byte FiveGIa { get; init; } = 0x70;

    public IReadOnlyList<SNssaiValue> RequestedNssai { get; init; } = [new(1)];

    public string Imeisv { get; init; } = "3534900698733112";

    /// <summary>TS 33.501 §6.1.1.4: the serving network name the UE computes RES* with (from the PLMN it camps on).</summary>
    public string ServingNetworkName => $"5G:mnc{Plmn.Mnc:D3}.mcc{Plmn.Mcc:D3}.3gppnetwork.org";
}

/// <summary>The UE's 5GMM state as far as registration goes (§5.1.3.2.1).</summary>
public enum UeGmmState : byte
{
    Deregistered,
    RegisteredInitiated,
    Registered,
    DeregisteredInitiated,
    ServiceRequestInitiated,
}

/// <summary>
/// The UE side of N1, without I/O: <see cref="StartRegistration"/> gives the first uplink NAS-PDU and
/// <see cref="OnDownlink"/> takes each downlink NAS-PDU and returns the uplink PDUs to send. One owner at a time.
/// </summary>
public sealed partial class UeNas(UeConfig config, Usim usim)
{
    private NasSecurityContext? _nas;
    private byte[]? _kseaf;
    private byte _ngKsi = NasKeySetIdentifier.NoKeyAvailable;
    private byte[] _fullRegistrationRequest = [];
    private byte[] _abba = [0, 0];

    /// <summary>
    /// §4.4.5: secure exchange of NAS messages is established per NAS signalling connection (by a downlink that
    /// verifies with the current context); until then the UE integrity protects its messages but does not cipher them.
    /// </summary>
    private bool _secureExchange;

    public UeGmmState State { get; private set; }

    /// <summary>The USIM's SUPI.</summary>
    public string Supi => usim.Supi;

    /// <summary>Sees every 5GMM message in plain form: uplink (true) before protection, downlink (false) once accepted. For ladders and logs.</summary>
    public Action<bool, FiveGmmMessage>? Trace { get; set; }

    public FiveGGuti? Guti { get; private set; }

    public IReadOnlyList<SNssaiValue> AllowedNssai { get; private set; } = [];

    /// <summary>The 5GMM cause of a Registration Reject received, or 0.</summary>
    public byte RejectCause { get; private set; }

    public bool AuthenticationRejected { get; private set; }

    /// <summary>The cause of the last Authentication Failure or Security Mode Reject this UE sent, or 0.</summary>
    public byte LastFailureCause { get; private set; }

    /// <summary>Downlink PDUs dropped by the UE's checks (§4.4.4.2): bad MAC, replay, not protected where required, undecodable.</summary>
    public int DiscardedDownlinks { get; private set; }

    private UeSecurityCapability Capability => UeSecurityCapability.Create(config.FiveGEa, config.FiveGIa);

    /// <summary>
    /// §5.5.1.2.2 and §4.4.6: an initial registration with a fresh SUCI. Without a NAS security context only the
    /// cleartext IEs go in the clear; the full message (with the requested NSSAI) follows in Security Mode Complete.
    /// </summary>
    public byte[] StartRegistration() => StartRegistration(FiveGsRegistrationType.InitialRegistration);

    private FiveGsMobileIdentity ConcealedIdentity()
    {
        var suci = SuciConcealer.Conceal(usim.Supi, config.Scheme, config.HomeNetworkPublicKeyId, config.HomeNetworkPublicKey.Span,
            config.RoutingIndicator, config.Plmn.ThreeDigitMnc ? 3 : 2);
        return FiveGsMobileIdentity.FromSuci(suci);
    }

    /// <summary>TS 24.501 §10.2: T3512 when the Registration Accept carries none.</summary>
    public static readonly TimeSpan DefaultT3512 = TimeSpan.FromMinutes(54);

    /// <summary>T3512 from the last Registration Accept (§5.3.7); null when the network deactivated it (or before any accept).</summary>
    public TimeSpan? T3512 { get; private set; }

    /// <summary>The name of the last downlink 5GMM message <see cref="OnDownlink"/> accepted; null when it discarded it.</summary>
    public string? LastDownlink { get; private set; }

    /// <summary>Handles one downlink NAS-PDU; returns the uplink PDUs it causes (possibly none).</summary>
    public IReadOnlyList<byte[]> OnDownlink(ReadOnlyMemory<byte> pdu)
    {
        LastDownlink = null;
        var span = pdu.Span;
        if (span.Length < 3 || span[0] != NasPdu.FiveGmmDiscriminator)
        {
            return Discard();
        }
        var header = (SecurityHeaderType)(span[1] & 0x0F);
        FiveGmmMessage? message;
        bool verified = false;
        if (header == SecurityHeaderType.PlainNasMessage)
        {
            message = Decode(pdu);
        }
        else if (header == SecurityHeaderType.IntegrityProtectedWithNewSecurityContext && SecurityProtectedNasMessage.TryDecode(pdu, out var env, out _)
            && Decode(env.Payload) is SecurityModeCommand smc)
        {
            // §5.4.2.3: the command is checked with the context it establishes.
            Trace?.Invoke(false, smc);
            LastDownlink = smc.Name;
            return HandleSecurityModeCommand(span, smc);
        }
        else if (_nas is not null)
        {
            if (_nas.Unprotect(span, out byte[] plain, out _) != NasSecurityStatus.Ok)
            {
                return Discard();
            }
            message = Decode(plain);
            verified = true;
            _secureExchange = true;
        }
        else
        {
            return Discard();
        }
        if (message is null)
        {
            return Discard();
        }
        // §4.4.4.2: once security is on, only a few messages may come unprotected.
        if (!verified && _nas is not null && !NasIntegrityRules.UeMayProcessWithoutIntegrity(message))
        {
            return Discard();
        }
        Trace?.Invoke(false, message);
        LastDownlink = message.Name;
        return message switch
        {
            AuthenticationRequest ar => HandleAuthenticationRequest(ar),
            AuthenticationReject => HandleAuthenticationReject(),
            IdentityRequest => Send(new IdentityResponse { MobileIdentity = ConcealedIdentity() }),
            RegistrationAccept ra when verified => HandleRegistrationAccept(ra),
            RegistrationReject rj => HandleRegistrationReject(rj),
            DeregistrationAcceptUeOriginating when verified => HandleDeregistrationAccept(),
            DeregistrationRequestUeTerminated dr when verified => HandleNetworkDeregistration(dr),
            ServiceAccept when verified => HandleServiceAccept(),
            ServiceReject sr => HandleServiceReject(sr),
            ConfigurationUpdateCommand cuc when verified => HandleConfigurationUpdate(cuc),
            DlNasTransport dl when verified => HandleDlNasTransport(dl),
            _ => [],
        };
    }

    private IReadOnlyList<byte[]> HandleAuthenticationRequest(AuthenticationRequest ar)
    {
        if (ar.Rand is null && ar.EapMessage is { } eap)
        {
            return HandleEapAuthenticationRequest(ar, eap);
        }
        _eapIdentifier = null;
        EapAuthenticated = false;
        if (ar.Rand is not { } rand || ar.Autn is not { } autn)
        {
            return Discard();
        }
        var r = usim.Authenticate(rand.Value.Span, autn.Value.Span, config.ServingNetworkName);
        switch (r.Kind)
        {
            case UsimResultKind.Ok:
                _kseaf = r.Kseaf;
                _ngKsi = ar.NgKsi.Ksi;
                _abba = ar.Abba.Value.Length >= 2 ? ar.Abba.Value.ToArray() : [0, 0];
                LastFailureCause = 0;
                return Send(new AuthenticationResponse { ResponseParameter = new OctetString(r.ResStar!) });
            case UsimResultKind.SynchFailure:
                LastFailureCause = 21;
                return Send(new AuthenticationFailure { Cause = OctetValue.Create(21), FailureParameter = new OctetString(r.Auts!) });
            case UsimResultKind.NonFiveGAuthenticationUnacceptable:
                LastFailureCause = 26;
                return Send(new AuthenticationFailure { Cause = OctetValue.Create(26) });
            default:
                LastFailureCause = 20;
                return Send(new AuthenticationFailure { Cause = OctetValue.Create(20) });
        }
    }

    /// <summary>§5.4.1.3.5: the UE deletes its keys and 5G-GUTI and counts the USIM as invalid.</summary>
    private IReadOnlyList<byte[]> HandleAuthenticationReject()
    {
        AuthenticationRejected = true;
        ResetToDeregistered();
        return [];
    }

    private IReadOnlyList<byte[]> HandleRegistrationReject(RegistrationReject rj)
    {
        RejectCause = rj.Cause.Octet;
        ResetToDeregistered();
        return [];
    }

    private void ResetToDeregistered()
    {
        State = UeGmmState.Deregistered;
        _ngKsi = NasKeySetIdentifier.NoKeyAvailable;
        _nas = null;
        _secureExchange = false;
        Guti = null;
        if (_kseaf is not null)
        {
            CryptographicOperations.ZeroMemory(_kseaf);
            _kseaf = null;
        }
    }

    /// <summary>§5.4.2.3 / TS 33.501 §6.7.2: derive KAMF and the NAS keys, verify the command, check the replayed capabilities.</summary>
    private IReadOnlyList<byte[]> HandleSecurityModeCommand(ReadOnlySpan<byte> pdu, SecurityModeCommand smc)
    {
        if (_kseaf is null || smc.NgKsi.Ksi != _ngKsi || !EapSuccessExpected(smc))
        {
            return Discard();
        }
        var algorithms = smc.SelectedNasSecurityAlgorithms;
        if (algorithms.Integrity > 3 || algorithms.Ciphering > 3)
        {
            return RejectSecurityMode();
        }
        Span<byte> kamf = stackalloc byte[32];
        KeyHierarchy.Kamf(_kseaf, usim.Supi, _abba, kamf);
        Span<byte> kInt = stackalloc byte[16];
        Span<byte> kEnc = stackalloc byte[16];
        KeyHierarchy.AlgorithmKey(kamf, AlgorithmTypeDistinguisher.NNasInt, algorithms.Integrity, kInt);
        KeyHierarchy.AlgorithmKey(kamf, AlgorithmTypeDistinguisher.NNasEnc, algorithms.Ciphering, kEnc);
        var candidate = new NasSecurityContext(NasRole.Ue, kInt, kEnc, (NasIntegrityAlgorithm)algorithms.Integrity, (NasCipheringAlgorithm)algorithms.Ciphering);
        CryptographicOperations.ZeroMemory(kamf);
        CryptographicOperations.ZeroMemory(kInt);
        CryptographicOperations.ZeroMemory(kEnc);
        if (candidate.Unprotect(pdu, out _, out _) != NasSecurityStatus.Ok)
        {
            return Discard();
        }
        var caps = Capability;
        if (!smc.ReplayedUeSecurityCapabilities.Value.Span.SequenceEqual(caps.Value.Span)
            || (algorithms.Integrity == 0 && (config.FiveGIa & 0x80) == 0))
        {
            // §5.4.2.5: replayed capabilities differ from what the UE sent (a bidding-down attempt): #23.
            return RejectSecurityMode();
        }
        _nas = candidate;
        _secureExchange = true;
        EapCompleted();
        var complete = new SecurityModeComplete();
        if (smc.ImeisvRequest is { } req && (req.Value & 0x07) == 1)
        {
            complete.Imeisv = FiveGsMobileIdentity.FromImei(config.Imeisv, imeisv: true);
        }
        if (smc.AdditionalSecurityInformation is { Value.Length: >= 1 } info && (info.Value.Span[0] & 0x02) != 0)
        {
            complete.NasMessageContainer = new OctetString(_fullRegistrationRequest);
        }
        Trace?.Invoke(true, complete);
        return [Remember(_nas.Protect(complete.ToArray(), SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext))];
    }

    private IReadOnlyList<byte[]> RejectSecurityMode()
    {
        LastFailureCause = 23;
        var reject = new SecurityModeReject { Cause = OctetValue.Create(23) };
        Trace?.Invoke(true, reject);
        return [reject.ToArray()];
    }

    private IReadOnlyList<byte[]> HandleRegistrationAccept(RegistrationAccept ra)
    {
        // §5.5.1.2.4: a new 5G-GUTI is acknowledged with Registration Complete; without one the UE keeps its GUTI.
        Guti = ra.Guti?.Guti ?? Guti;
        AllowedNssai = ra.AllowedNssai?.ToArray() ?? AllowedNssai;
        // §5.3.7 / §10.2: T3512 from the accept (its "deactivated" value: no periodic updating); absent: the 54 min default.
        T3512 = ra.T3512Value is { } t3512 ? t3512.AsTimer3 : DefaultT3512;
        State = UeGmmState.Registered;
        return ra.Guti is null ? [] : Send(new RegistrationComplete());
    }

    /// <summary>
    /// Protected with the current context when there is one (§4.4.4.2), plain before security mode control; ciphered
    /// too once secure exchange is established on this connection (§4.4.5). A network that lost the UE's context
    /// (identification, new authentication) can then still read the SUCI and the RES* the UE sends.
    /// </summary>
    private IReadOnlyList<byte[]> Send(FiveGmmMessage m)
    {
        Trace?.Invoke(true, m);
        if (_nas is null)
        {
            return [m.ToArray()];
        }
        var header = _secureExchange ? SecurityHeaderType.IntegrityProtectedAndCiphered : SecurityHeaderType.IntegrityProtected;
        return [Remember(_nas.Protect(m.ToArray(), header))];
    }

    /// <summary>Keeps the last protected uplink, so a test can replay it (TS 33.512 §4.2.2.1.1, replay protection).</summary>
    private byte[] Remember(byte[] protectedPdu) => LastProtectedUplink = protectedPdu;

    private static FiveGmmMessage? Decode(ReadOnlyMemory<byte> plain) =>
        NasMessage.TryDecode(plain, out var m, out _) ? m as FiveGmmMessage : null;

    private IReadOnlyList<byte[]> Discard()
    {
        DiscardedDownlinks++;
        return [];
    }
}
