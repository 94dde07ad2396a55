// TS 24.501 codec speed: decode + encode of the three messages the issue names (targets: under 1 µs each).
using BenchmarkDotNet.Attributes;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
public class NasBenchmarks
{
    private readonly byte[] _buffer = new byte[1024];
    private byte[] _registrationRequest = [];
    private byte[] _registrationAccept = [];
    private byte[] _establishmentAccept = [];

    [GlobalSetup]
    public void Setup()
    {
        var plmn = new PlmnId(999, 70, false);
        // Registration request with a Profile A SUCI: 32-octet ephemeral key, 5-octet ciphertext, 8-octet MAC tag.
        var request = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, true),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable, false),
            MobileIdentity = FiveGsMobileIdentity.FromSuci(new SuciImsi(plmn, "0", ProtectionSchemeId.ProfileA, 1, new byte[32 + 5 + 8])),
            FiveGmmCapability = new OctetString(new byte[] { 0x07 }),
            UeSecurityCapability = UeSecurityCapability.Create(0xF0, 0xF0),
            RequestedNssai = Nssai.Create([new SNssaiValue(1, 0x010203)]),
        };
        _registrationRequest = request.ToArray();
        var tais = new Tai[16];
        for (int i = 0; i < tais.Length; i++)
        {
            tais[i] = new Tai(plmn, (uint)i + 1);
        }
        var snssais = new SNssaiValue[8];
        for (int i = 0; i < snssais.Length; i++)
        {
            snssais[i] = new SNssaiValue(1, (uint)i);
        }
        var accept = new RegistrationAccept
        {
            RegistrationResult = FiveGsRegistrationResult.Create(FiveGsRegistrationResult.ThreeGppAccess),
            Guti = FiveGsMobileIdentity.FromGuti(new FiveGGuti(plmn, 2, 64, 0, 0x12345678)),
            TaiList = TaiList.Create(tais),
            AllowedNssai = Nssai.Create(snssais),
            T3512Value = GprsTimer.Create(1, 1),
        };
        _registrationAccept = accept.ToArray();
        var rules = new QosRule[3];
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i] = new QosRule((byte)(i + 1), QosRuleOperation.CreateNewQosRule, i == 0,
                [new PacketFilter(3, 1, new byte[] { 0x10, 10, 45, 0, (byte)i, 255, 255, 255, 255 })], (byte)(i + 1), false, (byte)(i + 1));
        }
        var establishment = new PduSessionEstablishmentAccept
        {
            PduSessionId = 1,
            ProcedureTransactionId = 1,
            SelectedPduSessionType = new HalfOctet(1),
            SelectedSscMode = new HalfOctet(1),
            AuthorizedQosRules = QosRules.Create(rules),
            SessionAmbr = SessionAmbr.Create(6, 1000, 6, 1000),
            PduAddress = PduAddress.CreateIpv4(System.Net.IPAddress.Parse("10.45.0.2")),
            SNssai = SNssai.Create(new SNssaiValue(1)),
            Dnn = Dnn.Create("internet"),
        };
        _establishmentAccept = establishment.ToArray();
    }

    private int RoundTrip(byte[] message)
    {
        if (!NasMessage.TryDecode(message, out var m, out _))
        {
            throw new InvalidOperationException("benchmark input does not decode");
        }
        m.TryEncode(_buffer, out int written);
        return written;
    }

    [Benchmark]
    public int RegistrationRequest_ProfileASuci_DecodeEncode() => RoundTrip(_registrationRequest);

    [Benchmark]
    public int RegistrationAccept_16Tais_8SNssais_DecodeEncode() => RoundTrip(_registrationAccept);

    [Benchmark]
    public int PduSessionEstablishmentAccept_3QosRules_DecodeEncode() => RoundTrip(_establishmentAccept);
}
