// TS 33.501 §6.1.3.2 and §6.7.2 from the network's side, written out step by step with the Security library (not the
// AMF's code) so the UE's answers are checked against an independent derivation.
using System.Security.Cryptography;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

/// <summary>A scripted home network + AMF for one subscriber: builds challenges, checks RES*, runs NAS security.</summary>
internal sealed class NetworkPeer(string supi, byte[] k, byte[] opc)
{
    public static readonly PlmnId Plmn = new(1, 1, false);
    public static readonly string Snn = "5G:mnc001.mcc001.3gppnetwork.org";
    public static readonly byte[] AbbaValue = [0, 0];

    /// <summary>TS 35.208 §4.3 test set 1.</summary>
    public static readonly byte[] K1 = Convert.FromHexString("465B5CE8B199B49FAA5F0A2EE238A6BC");
    public static readonly byte[] Opc1 = Convert.FromHexString("CD63CB71954A9F4E48A5994E37A02BAF");

    /// <summary>TS 33.501 C.4.3 / C.4.4 home network private keys.</summary>
    public static readonly byte[] ProfileAPrivateKey = Convert.FromHexString("c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d");
    public static readonly byte[] ProfileBPrivateKey = Convert.FromHexString("F1AB1074477EBCC7F554EA1C5FC368B1616730155E0041AC447D6301975FECDA");

    public byte[] Rand { get; } = new byte[16];
    public byte[] XresStar { get; } = new byte[16];
    public byte[] Kseaf { get; } = new byte[32];
    public byte[] Kamf { get; } = new byte[32];
    public NasSecurityContext? Nas { get; private set; }

    public static UeConfig Config(ProtectionScheme scheme = ProtectionScheme.Null, byte ia = 0x70, byte ea = 0xF0) => new()
    {
        Plmn = Plmn,
        Scheme = scheme,
        HomeNetworkPublicKeyId = scheme switch { ProtectionScheme.ProfileA => 1, ProtectionScheme.ProfileB => 2, _ => 0 },
        HomeNetworkPublicKey = scheme switch
        {
            ProtectionScheme.ProfileA => SuciDeconcealer.PublicKey(scheme, ProfileAPrivateKey),
            ProtectionScheme.ProfileB => SuciDeconcealer.PublicKey(scheme, ProfileBPrivateKey),
            _ => ReadOnlyMemory<byte>.Empty,
        },
        FiveGIa = ia,
        FiveGEa = ea,
    };

    /// <summary>5G HE AV generation (TS 33.501 §6.1.3.2.0) for <paramref name="sqn"/>, as an Authentication Request.</summary>
    public byte[] AuthenticationRequest(ulong sqn, byte ksi = 1, ushort amfField = 0x8000)
    {
        RandomNumberGenerator.Fill(Rand);
        Span<byte> sqnBytes = stackalloc byte[6];
        Sqn.Write(sqn, sqnBytes);
        byte[] amf = [(byte)(amfField >> 8), (byte)amfField];
        Span<byte> macA = stackalloc byte[8];
        Milenage.F1(k, opc, Rand, sqnBytes, amf, macA);
        Span<byte> res = stackalloc byte[8];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        Milenage.F2345(k, opc, Rand, res, ck, ik, ak);
        byte[] autn = new byte[16];
        KeyHierarchy.Autn(sqnBytes, ak, amf, macA, autn);
        KeyHierarchy.ResStar(ck, ik, Snn, Rand, res, XresStar);
        Span<byte> kausf = stackalloc byte[32];
        KeyHierarchy.Kausf(ck, ik, Snn, autn.AsSpan(0, 6), kausf);
        KeyHierarchy.Kseaf(kausf, Snn, Kseaf);
        KeyHierarchy.Kamf(Kseaf, supi, AbbaValue, Kamf);
        return new AuthenticationRequest
        {
            NgKsi = new NasKeySetIdentifier(ksi),
            Abba = new OctetString(AbbaValue),
            Rand = new OctetString(Rand.ToArray()),
            Autn = new OctetString(autn),
        }.ToArray();
    }

    /// <summary>A Security Mode Command protected with the new context (§5.4.2.2), keys from KAMF per §A.8.</summary>
    public byte[] SecurityModeCommand(UeSecurityCapability replayed, byte ksi = 1, byte integrity = 2, byte ciphering = 2, bool imeisv = true, bool retransmitRequest = true)
    {
        Span<byte> kInt = stackalloc byte[16];
        Span<byte> kEnc = stackalloc byte[16];
        KeyHierarchy.AlgorithmKey(Kamf, AlgorithmTypeDistinguisher.NNasInt, integrity, kInt);
        KeyHierarchy.AlgorithmKey(Kamf, AlgorithmTypeDistinguisher.NNasEnc, ciphering, kEnc);
        Nas = new NasSecurityContext(NasRole.Network, kInt, kEnc, (NasIntegrityAlgorithm)integrity, (NasCipheringAlgorithm)ciphering);
        var smc = new SecurityModeCommand
        {
            SelectedNasSecurityAlgorithms = NasSecurityAlgorithms.Create(ciphering, integrity),
            NgKsi = new NasKeySetIdentifier(ksi),
            ReplayedUeSecurityCapabilities = replayed,
        };
        if (imeisv)
        {
            smc.ImeisvRequest = new HalfOctet(1);
        }
        if (retransmitRequest)
        {
            // §9.11.3.12: RINMR (bit 2) asks for the whole initial NAS message.
            smc.AdditionalSecurityInformation = new OctetString(new byte[] { 0x02 });
        }
        return Nas.Protect(smc.ToArray(), SecurityHeaderType.IntegrityProtectedWithNewSecurityContext);
    }

    /// <summary>A downlink protected with the current context.</summary>
    public byte[] Protect(FiveGmmMessage m) => Nas!.Protect(m.ToArray(), SecurityHeaderType.IntegrityProtectedAndCiphered);

    /// <summary>Checks an uplink with the current context and decodes the 5GMM message inside.</summary>
    public T Open<T>(byte[] pdu, out SecurityHeaderType header) where T : FiveGmmMessage
    {
        Assert.Equal(NasSecurityStatus.Ok, Nas!.Unprotect(pdu, out byte[] plain, out header));
        return Plain<T>(plain);
    }

    public static T Plain<T>(ReadOnlyMemory<byte> pdu) where T : FiveGmmMessage
    {
        Assert.True(NasMessage.TryDecode(pdu, out var m, out var error), error.ToString());
        return Assert.IsType<T>(m);
    }

    public static FiveGGuti NewGuti(uint tmsi) => new(Plmn, 1, 1, 0, tmsi);

    /// <summary>Runs initial registration to Registered: challenge, SMC, accept with <paramref name="guti"/>.</summary>
    public void Register(UeNas ue, FiveGGuti guti, ulong sqn = 0x40)
    {
        var rr = Plain<RegistrationRequest>(ue.StartRegistration());
        var answer = Assert.Single(ue.OnDownlink(AuthenticationRequest(sqn)));
        Assert.Equal(XresStar, Plain<AuthenticationResponse>(answer).ResponseParameter!.Value.Value.ToArray());
        var complete = Assert.Single(ue.OnDownlink(SecurityModeCommand(rr.UeSecurityCapability!.Value)));
        Open<SecurityModeComplete>(complete, out _);
        var rc = Assert.Single(ue.OnDownlink(Protect(new RegistrationAccept
        {
            RegistrationResult = FiveGsRegistrationResult.Create(FiveGsRegistrationResult.ThreeGppAccess),
            Guti = FiveGsMobileIdentity.FromGuti(guti),
        })));
        Open<RegistrationComplete>(rc, out _);
        Assert.Equal(UeGmmState.Registered, ue.State);
    }
}
