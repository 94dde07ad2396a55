// TS 24.501 §5.5.1.2 / §5.5.1.3 (registration with a 5G-GUTI, mobility and periodic updating), §5.5.2.2 / §5.5.2.3
// (UE-initiated and network-initiated de-registration), §5.6.1 (service request), §5.4.4 (generic UE configuration
// update), §4.4.6 (protection of initial NAS messages).
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Sim;

public sealed partial class UeNas
{
    /// <summary>§9.11.3.20: de-registration type bit 4 "switch off", bit 3 "re-registration required", bits 1-2 access type.</summary>
    private const byte SwitchOffBit = 0x08;
    private const byte ReRegistrationRequiredBit = 0x04;
    private const byte ThreeGppAccess = 0x01;

    /// <summary>§9.11.3.18: configuration update indication bit 1 "acknowledgement requested".</summary>
    private const byte AcknowledgementRequestedBit = 0x01;

    /// <summary>The last integrity-protected uplink this UE produced (for the replay fault mode), or null.</summary>
    public byte[]? LastProtectedUplink { get; private set; }

    /// <summary>Whether the UE has a current 5G NAS security context (kept across de-registration, §4.4.2.1).</summary>
    public bool HasSecurityContext => _nas is not null;

    /// <summary>Uplink NAS COUNT of the current context (for tests of replay protection), or 0 without one.</summary>
    public uint UplinkCount => _nas?.UplinkCount ?? 0;

    /// <summary>The cause of the last Service Reject received, or 0.</summary>
    public byte ServiceRejectCause { get; private set; }

    /// <summary>Set by a network-initiated de-registration with "re-registration required" (§5.5.2.3.2).</summary>
    public bool ReRegistrationRequired { get; private set; }

    /// <summary>Configuration Update Commands handled (each may carry a new 5G-GUTI).</summary>
    public int ConfigurationUpdates { get; private set; }

    /// <summary>The network names and time of the last Configuration Update Command that carried them (TS 24.501 §5.4.4.3).</summary>
    public string? NetworkFullName { get; private set; }

    public string? NetworkShortName { get; private set; }

    public TimeSpan? NetworkTimeZone { get; private set; }

    public DateTimeOffset? NetworkUniversalTime { get; private set; }

    public byte? NetworkDaylightSavingTime { get; private set; }

    /// <summary>
    /// §5.5.1.2.2 (initial) and §5.5.1.3.2 (mobility / periodic updating): with a 5G-GUTI the UE identifies itself by it,
    /// otherwise by a fresh SUCI. With a current security context the message carries only cleartext IEs and is
    /// integrity protected with that context (§4.4.6, the UE then has nothing that needs ciphering: the requested
    /// NSSAI follows in Security Mode Complete if the AMF asks for the full message); without one it goes in the clear.
    /// </summary>
    public byte[] StartRegistration(byte registrationType)
    {
        if (registrationType is not (FiveGsRegistrationType.InitialRegistration or FiveGsRegistrationType.MobilityRegistrationUpdating
            or FiveGsRegistrationType.PeriodicRegistrationUpdating))
        {
            throw new ArgumentOutOfRangeException(nameof(registrationType), "initial, mobility or periodic registration");
        }
        if (registrationType != FiveGsRegistrationType.InitialRegistration && (Guti is null || _nas is null))
        {
            throw new InvalidOperationException("registration updating needs a 5G-GUTI and a NAS security context");
        }
        State = UeGmmState.RegisteredInitiated;
        RejectCause = 0;
        ReRegistrationRequired = false;
        var identity = Guti is { } guti ? FiveGsMobileIdentity.FromGuti(guti) : ConcealedIdentity();
        var ksi = new NasKeySetIdentifier(_nas is null ? NasKeySetIdentifier.NoKeyAvailable : _ngKsi);
        var type = new FiveGsRegistrationType(registrationType, followOnRequest: false);
        var full = new RegistrationRequest
        {
            RegistrationType = type,
            NgKsi = ksi,
            MobileIdentity = identity,
            UeSecurityCapability = Capability,
            RequestedNssai = Nssai.Create([.. config.RequestedNssai]),
        };
        _fullRegistrationRequest = full.ToArray();
        var cleartext = new RegistrationRequest
        {
            RegistrationType = type,
            NgKsi = ksi,
            MobileIdentity = identity,
            UeSecurityCapability = Capability,
        };
        return InitialNas(cleartext);
    }

    /// <summary>
    /// §5.5.2.2.1: UE-initiated de-registration over 3GPP access. With <paramref name="switchOff"/> the UE does not wait
    /// for an accept and is de-registered at once. <paramref name="connected"/> says whether the message goes inside an
    /// existing N1 connection (then integrity protected and ciphered) or as an initial NAS message (integrity only).
    /// </summary>
    public byte[] StartDeregistration(bool switchOff, bool connected)
    {
        if (_nas is null)
        {
            throw new InvalidOperationException("de-registration needs a NAS security context");
        }
        var request = new DeregistrationRequestUeOriginating
        {
            DeregistrationType = new HalfOctet((byte)(ThreeGppAccess | (switchOff ? SwitchOffBit : 0))),
            NgKsi = new NasKeySetIdentifier(_ngKsi),
            MobileIdentity = Guti is { } g ? FiveGsMobileIdentity.FromGuti(g) : ConcealedIdentity(),
        };
        State = switchOff ? UeGmmState.Deregistered : UeGmmState.DeregisteredInitiated;
        return connected ? Send(request)[0] : InitialNas(request);
    }

    /// <summary>§5.5.2.2.1 inside the UE's NG connection (integrity protected and ciphered).</summary>
    public byte[] StartDeregistration(bool switchOff) => StartDeregistration(switchOff, connected: true);

    /// <summary>True once Service Accept arrived for the last Service Request.</summary>
    public bool ServiceAccepted { get; private set; }

    /// <summary>§5.6.1.2: a Service Request from 5GMM-IDLE with the 5G-S-TMSI (service type 0 = signalling).</summary>
    public byte[] StartServiceRequest(byte serviceType = 0)
    {
        if (_nas is null || Guti is not { } g || State != UeGmmState.Registered)
        {
            throw new InvalidOperationException("service request needs a registered UE with a 5G-GUTI and a NAS security context");
        }
        State = UeGmmState.ServiceRequestInitiated;
        ServiceRejectCause = 0;
        ServiceAccepted = false;
        return InitialNas(new ServiceRequest
        {
            NgKsi = new NasKeySetIdentifier(_ngKsi),
            ServiceType = new HalfOctet(serviceType),
            STmsi = FiveGsMobileIdentity.FromSTmsi(new FiveGSTmsi(g.AmfSetId, g.AmfPointer, g.Tmsi)),
        });
    }

    /// <summary>§4.4.6: an initial NAS message is integrity protected (not ciphered) with a current context, else plain.</summary>
    private byte[] InitialNas(FiveGmmMessage m)
    {
        Trace?.Invoke(true, m);
        // A new NAS signalling connection: secure exchange has to be established on it again (§4.4.5).
        _secureExchange = false;
        return _nas is null ? m.ToArray() : Remember(_nas.Protect(m.ToArray(), SecurityHeaderType.IntegrityProtected));
    }

    /// <summary>§5.5.2.2.2: the UE keeps its 5G-GUTI and security context for the next registration.</summary>
    private IReadOnlyList<byte[]> HandleDeregistrationAccept()
    {
        if (State == UeGmmState.DeregisteredInitiated)
        {
            State = UeGmmState.Deregistered;
        }
        return [];
    }

    /// <summary>§5.5.2.3.2: accept, then de-registered (and told whether to register again).</summary>
    private IReadOnlyList<byte[]> HandleNetworkDeregistration(DeregistrationRequestUeTerminated dr)
    {
        ReRegistrationRequired = (dr.DeregistrationType.Value & ReRegistrationRequiredBit) != 0;
        RejectCause = dr.Cause?.Octet ?? 0;
        var accept = Send(new DeregistrationAcceptUeTerminated());
        State = UeGmmState.Deregistered;
        return accept;
    }

    private IReadOnlyList<byte[]> HandleServiceAccept()
    {
        ServiceAccepted = true;
        if (State == UeGmmState.ServiceRequestInitiated)
        {
            State = UeGmmState.Registered;
        }
        return [];
    }

    /// <summary>§5.6.1.5: the UE stays registered for the causes a simulator sees (e.g. #22 congestion); #9 and #10 ask for a new registration.</summary>
    private IReadOnlyList<byte[]> HandleServiceReject(ServiceReject sr)
    {
        ServiceRejectCause = sr.Cause.Octet;
        State = sr.Cause.Octet is 9 or 10 ? UeGmmState.Deregistered : UeGmmState.Registered;
        return [];
    }

    /// <summary>§5.4.4.3: take the new 5G-GUTI (and allowed NSSAI); acknowledge if the network asked for it.</summary>
    private IReadOnlyList<byte[]> HandleConfigurationUpdate(ConfigurationUpdateCommand cuc)
    {
        ConfigurationUpdates++;
        if (cuc.Guti?.Guti is { } guti)
        {
            Guti = guti;
        }
        if (cuc.AllowedNssai is { } nssai)
        {
            AllowedNssai = nssai.ToArray();
        }
        if (cuc.FullNameForNetwork is { } full && NetworkName.TryDecode(full.Value.Span, out string fullName))
        {
            NetworkFullName = fullName;
        }
        if (cuc.ShortNameForNetwork is { } shortName && NetworkName.TryDecode(shortName.Value.Span, out string shortText))
        {
            NetworkShortName = shortText;
        }
        if (cuc.LocalTimeZone is { } tz)
        {
            NetworkTimeZone = NetworkName.TimeZoneOffset(tz.Octet);
        }
        if (cuc.UniversalTimeAndLocalTimeZone is { } ut && NetworkName.TryReadUniversalTime(ut.Value.Span, out DateTimeOffset utc, out _))
        {
            NetworkUniversalTime = utc;
        }
        if (cuc.NetworkDaylightSavingTime is { Value.Length: 1 } dst)
        {
            NetworkDaylightSavingTime = (byte)(dst.Value.Span[0] & 0x03);
        }
        bool ack = cuc.ConfigurationUpdateIndication is { } ind && (ind.Value & AcknowledgementRequestedBit) != 0;
        return ack ? Send(new ConfigurationUpdateComplete()) : [];
    }
}
