// Style anchor #7: the 5GMM messages the AMF sends (TS 24.501 §8.2), built from the context; pure, nothing sent here.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Amf.Gmm;

public static class GmmBuild
{
    /// <summary>ABBA for 5G-AKA without the features that change it (TS 33.501 A.7.1): 0x0000.</summary>
    public static readonly byte[] InitialAbba = [0x00, 0x00];

    /// <summary>Identity type 1: SUCI (§9.11.3.3).</summary>
    public const byte IdentityTypeSuci = 1;

    /// <summary>§8.2.1: ngKSI, ABBA, RAND and AUTN of a 5G-AKA challenge.</summary>
    public static AuthenticationRequest AuthenticationRequest(byte ngKsi, byte[] rand, byte[] autn) => new()
    {
        NgKsi = new NasKeySetIdentifier(ngKsi, false),
        Abba = new OctetString(InitialAbba),
        Rand = new OctetString(rand),
        Autn = new OctetString(autn),
    };

    /// <summary>§8.2.1 and §5.4.1.2.2.1: for EAP-AKA' the ngKSI, ABBA and the EAP-Request/AKA'-Challenge from the AUSF.</summary>
    public static AuthenticationRequest AuthenticationRequestEap(byte ngKsi, byte[] eapRequest) => new()
    {
        NgKsi = new NasKeySetIdentifier(ngKsi, false),
        Abba = new OctetString(InitialAbba),
        EapMessage = new OctetString(eapRequest),
    };

    /// <summary>§8.2.5; after EAP-based authentication failed it carries the AUSF's EAP-Failure (§5.4.1.2.2.5).</summary>
    public static AuthenticationReject AuthenticationReject(byte[]? eapFailure = null) =>
        eapFailure is null ? new() : new() { EapMessage = new OctetString(eapFailure) };

    public static IdentityRequest IdentityRequest(byte identityType) => new() { IdentityType = new HalfOctet(identityType) };

    /// <summary>
    /// §8.2.25: the selected algorithms, the ngKSI, the UE's security capabilities replayed as received, the IMEISV
    /// request, and RINMR when the initial message was not integrity protected, so the UE sends it whole (§4.4.6).
    /// </summary>
    public static SecurityModeCommand SecurityModeCommand(byte ngKsi, NasIntegrityAlgorithm integrity, NasCipheringAlgorithm ciphering,
        UeSecurityCapability replayed, bool requestImeisv, bool retransmitInitialMessage, byte[]? eapSuccess = null)
    {
        var smc = new SecurityModeCommand
        {
            SelectedNasSecurityAlgorithms = NasSecurityAlgorithms.Create((byte)ciphering, (byte)integrity),
            NgKsi = new NasKeySetIdentifier(ngKsi, false),
            ReplayedUeSecurityCapabilities = replayed,
        };
        if (requestImeisv)
        {
            // §9.11.3.28: 001 "IMEISV requested".
            smc.ImeisvRequest = new HalfOctet(1);
        }
        if (retransmitInitialMessage)
        {
            // §9.11.3.12: additional 5G security information, bit 2 RINMR, bit 1 HDP.
            smc.AdditionalSecurityInformation = new OctetString(new byte[] { 0x02 });
        }
        if (eapSuccess is not null)
        {
            // §5.4.1.2.2.3: the EAP-Success of a completed EAP-AKA' authentication rides in the command, with the ABBA.
            smc.EapMessage = new OctetString(eapSuccess);
            smc.Abba = new OctetString(InitialAbba);
        }
        return smc;
    }

    /// <summary>§8.2.7: registered over 3GPP access, the new 5G-GUTI, the TAI list, the allowed NSSAI and T3512.</summary>
    public static RegistrationAccept RegistrationAccept(FiveGGuti guti, IReadOnlyList<Tai> tais, IReadOnlyList<SNssaiValue> allowed, TimeSpan t3512) => new()
    {
        RegistrationResult = FiveGsRegistrationResult.Create(FiveGsRegistrationResult.ThreeGppAccess),
        Guti = FiveGsMobileIdentity.FromGuti(guti),
        TaiList = Nas.Ies.TaiList.Create([.. tais]),
        AllowedNssai = Nssai.Create([.. allowed]),
        T3512Value = GprsTimer3(t3512),
    };

    /// <summary>§8.2.13: the answer to a UE-originating deregistration that was not a switch-off.</summary>
    public static DeregistrationAcceptUeOriginating DeregistrationAccept() => new();

    /// <summary>§9.11.3.20: de-registration type bit 3 "re-registration required", bits 1-2 access type (01: 3GPP).</summary>
    public const byte ReRegistrationRequiredBit = 0x04;

    public const byte ThreeGppAccess = 0x01;

    /// <summary>§8.2.14: network-initiated de-registration over 3GPP access, with the 5GMM cause when one is given.</summary>
    public static DeregistrationRequestUeTerminated DeregistrationRequest(bool reRegistrationRequired, byte? cause)
    {
        var request = new DeregistrationRequestUeTerminated
        {
            DeregistrationType = new HalfOctet((byte)(ThreeGppAccess | (reRegistrationRequired ? ReRegistrationRequiredBit : 0))),
        };
        if (cause is { } c)
        {
            request.Cause = OctetValue.Create(c);
        }
        return request;
    }

    /// <summary>§9.11.3.18: configuration update indication bit 1 "acknowledgement requested".</summary>
    public const byte AcknowledgementRequested = 0x01;

    /// <summary>
    /// §8.2.19: a new 5G-GUTI with the TAI list and allowed NSSAI, acknowledgement requested (§5.4.4.2: required
    /// when the command carries a 5G-GUTI).
    /// </summary>
    public static ConfigurationUpdateCommand ConfigurationUpdateCommand(FiveGGuti guti, IReadOnlyList<Tai> tais, IReadOnlyList<SNssaiValue> allowed) => new()
    {
        ConfigurationUpdateIndication = new HalfOctet(AcknowledgementRequested),
        Guti = FiveGsMobileIdentity.FromGuti(guti),
        TaiList = Nas.Ies.TaiList.Create([.. tais]),
        AllowedNssai = Nssai.Create([.. allowed]),
    };

    /// <summary>
    /// TS 24.501 §5.4.4.2 / TS 23.501 §5.37 (NITZ): the configured network names, and with a time zone the local time
    /// zone, universal time and local time zone and the daylight saving time (TS 24.008 §10.5.3.12: +1 or +2 hours) at <paramref name="now"/>.
    /// </summary>
    public static ConfigurationUpdateCommand WithNetworkInformation(ConfigurationUpdateCommand command, AmfConfiguration config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(config);
        if (config.NetworkFullName is { } full)
        {
            command.FullNameForNetwork = new OctetString(NetworkName.Encode(full));
        }
        if (config.NetworkShortName is { } shortName)
        {
            command.ShortNameForNetwork = new OctetString(NetworkName.Encode(shortName));
        }
        if (config.TimeZone is { } zone)
        {
            TimeSpan offset = zone.GetUtcOffset(now);
            command.LocalTimeZone = OctetValue.Create(NetworkName.TimeZone(offset));
            command.UniversalTimeAndLocalTimeZone = new OctetString(NetworkName.UniversalTimeAndTimeZone(now, offset));
            int dstHours = zone.IsDaylightSavingTime(now) ? (int)Math.Round((offset - zone.BaseUtcOffset).TotalHours) : 0;
            command.NetworkDaylightSavingTime = new OctetString(new[] { (byte)Math.Clamp(dstHours, 0, 2) });
        }
        return command;
    }

    public static RegistrationReject RegistrationReject(byte cause) => new() { Cause = OctetValue.Create(cause) };

    public static FiveGmmStatus Status(byte cause) => new() { Cause = OctetValue.Create(cause) };

    /// <summary>
    /// GPRS timer 3 (TS 24.008 §10.5.7.4a): a 5-bit value times a unit. The coarsest unit that gives the value exactly,
    /// else the finest unit that can hold it, rounded down (54 min, the §10.2 default of T3512, becomes 5 × 10 min).
    /// </summary>
    public static GprsTimer GprsTimer3(TimeSpan t)
    {
        long s = Math.Max(2, (long)t.TotalSeconds);
        // (unit code, seconds), finest first: 3 = 2 s, 4 = 30 s, 5 = 1 min, 0 = 10 min, 1 = 1 h, 2 = 10 h, 6 = 320 h.
        (byte Unit, long Step)[] units = [(3, 2), (4, 30), (5, 60), (0, 600), (1, 3600), (2, 36000), (6, 320 * 3600)];
        for (int i = units.Length - 1; i >= 0; i--)
        {
            if (s % units[i].Step == 0 && s / units[i].Step is > 0 and <= 31)
            {
                return GprsTimer.Create(units[i].Unit, (byte)(s / units[i].Step));
            }
        }
        foreach (var (unit, step) in units)
        {
            if (s / step <= 31)
            {
                return GprsTimer.Create(unit, (byte)(s / step));
            }
        }
        return GprsTimer.Create(6, 31);
    }
}
