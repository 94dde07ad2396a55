// TS 33.501 Annex A and TS 33.220 B.2: every vector of ../shared/vectors/kdf_5g.json.
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace GlassCore.Security.Tests;

public class KeyHierarchyTests
{
    private static JsonElement Root => VectorFile.Root("kdf_5g.json");

    public static TheoryData<string> Core5g => VectorFile.Ids("kdf_5g.json", "5g_core");
    public static TheoryData<string> Eps => VectorFile.Ids("kdf_5g.json", "eps_lte");
    public static TheoryData<string> Generic => VectorFile.Ids("kdf_5g.json", "generic_kdf_33220");

    private static string H(ReadOnlySpan<byte> b) => VectorFile.HexLower(b);

    [Theory]
    [MemberData(nameof(Core5g))]
    public void Core5g_Vector(string id)
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("5g_core"), "id", id);
        byte[] key = v.Hex("key");
        JsonElement i = v.GetProperty("inputs");
        JsonElement o = v.GetProperty("output");
        var out32 = new byte[32];
        var out16 = new byte[16];
        switch (v.Str("fc"))
        {
            case "6b":
                KeyHierarchy.ResStar(key.AsSpan(0, 16), key.AsSpan(16), i.Str("serving_network_name"), i.Hex("rand"), i.Hex("res"), out16);
                Assert.Equal(o.Str("res_star"), H(out16));
                break;
            case "6a":
                KeyHierarchy.Kausf(key.AsSpan(0, 16), key.AsSpan(16), i.Str("serving_network_name"), i.Hex("sqn_xor_ak"), out32);
                Assert.Equal(o.Str("kausf"), H(out32));
                break;
            case "6c":
                KeyHierarchy.Kseaf(key, i.Str("serving_network_name"), out32);
                Assert.Equal(o.Str("kseaf"), H(out32));
                break;
            case "6d":
                KeyHierarchy.Kamf(key, i.Str("supi_imsi_digits"), i.Hex("abba"), out32);
                Assert.Equal(o.Str("kamf"), H(out32));
                KeyHierarchy.Kamf(key, "imsi-" + i.Str("supi_imsi_digits"), i.Hex("abba"), out32);
                Assert.Equal(o.Str("kamf"), H(out32));
                break;
            case "69":
                KeyHierarchy.AlgorithmKey(key, AlgorithmTypeDistinguisher.NNasEnc, 0, out16);
                Assert.Equal(o.Str("knas_enc_128"), H(out16));
                Assert.EndsWith(H(out16), o.Str("knas_enc_256"), StringComparison.Ordinal);
                KeyHierarchy.AlgorithmKey(key, AlgorithmTypeDistinguisher.NNasInt, 2, out16);
                Assert.Equal(o.Str("knas_int_128"), H(out16));
                Kdf.Derive(key, 0x69, out32, [0x02], [0x02]);
                Assert.Equal(o.Str("knas_int_256"), H(out32));
                break;
            case "6e":
                KeyHierarchy.Kgnb(key, i.GetProperty("uplink_nas_count").GetUInt32(), out32);
                Assert.Equal(o.Str("kgnb"), H(out32));
                break;
            default:
                Assert.Fail("unexpected FC " + v.Str("fc"));
                break;
        }
    }

    [Fact]
    public void NrRan_RrcAndUpKeys()
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("nr_ran"), "id", "nr-rrc-up-1");
        byte[] key = v.Hex("key");
        JsonElement o = v.GetProperty("output");
        var k = new byte[16];
        (AlgorithmTypeDistinguisher d, byte alg, string name)[] cases =
        [
            (AlgorithmTypeDistinguisher.NRrcEnc, 2, "krrc_enc_256"),
            (AlgorithmTypeDistinguisher.NRrcInt, 0, "krrc_int_256"),
            (AlgorithmTypeDistinguisher.NUpEnc, 2, "kup_enc_256"),
            (AlgorithmTypeDistinguisher.NUpInt, 0, "kup_int_256"),
        ];
        foreach (var (d, alg, name) in cases)
        {
            KeyHierarchy.AlgorithmKey(key, d, alg, k);
            Assert.Equal(o.Str(name)[32..], H(k));
        }
    }

    [Fact]
    public void NrRan_KngRanStar_ThreeByteArfcn_AndTwoByteVariantViaRawKdf()
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("nr_ran"), "id", "nr-kngran-star-1");
        byte[] key = v.Hex("key");
        JsonElement i = v.GetProperty("inputs");
        JsonElement o = v.GetProperty("output");
        var out32 = new byte[32];
        KeyHierarchy.KngRanStar(key, (ushort)i.GetProperty("pci").GetInt32(), i.GetProperty("arfcn_dl").GetUInt32(), out32);
        Assert.Equal(o.Str("kng_ran_star_3byte_arfcn"), H(out32));
        Kdf.Derive(key, 0x70, out32, [0x00, 0x20], [0x02, 0x31]);
        Assert.Equal(o.Str("kng_ran_star"), H(out32));
    }

    [Theory]
    [MemberData(nameof(Generic))]
    public void CkIkPrime_Rfc5448Cases(string id)
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("generic_kdf_33220"), "id", id);
        byte[] key = v.Hex("key");
        JsonElement i = v.GetProperty("inputs");
        JsonElement o = v.GetProperty("output");
        var ckp = new byte[16];
        var ikp = new byte[16];
        KeyHierarchy.CkIkPrime(key.AsSpan(0, 16), key.AsSpan(16), i.Str("access_network_identity"), i.Hex("sqn_xor_ak"), ckp, ikp);
        Assert.Equal(o.Str("ck_prime"), H(ckp));
        Assert.Equal(o.Str("ik_prime"), H(ikp));
        var out32 = new byte[32];
        Kdf.Derive(key, 0x20, out32, [Encoding.ASCII.GetBytes(i.Str("access_network_identity")), i.Hex("sqn_xor_ak")]);
        Assert.Equal(o.Str("ck_prime_ik_prime"), H(out32));
    }

    // The EPS derivations (TS 33.401 Annex A) use the same KDF; they check the raw Kdf with other FCs and P layouts.
    [Theory]
    [MemberData(nameof(Eps))]
    public void Eps_RawKdf(string id)
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("eps_lte"), "id", id);
        byte[] key = v.Hex("key");
        byte fc = Convert.FromHexString(v.Str("fc"))[0];
        JsonElement i = v.GetProperty("inputs");
        JsonElement o = v.GetProperty("output");
        var out32 = new byte[32];
        var count = new byte[4];
        switch (fc)
        {
            case 0x10:
                Kdf.Derive(key, fc, out32, i.Hex("sn_id"), i.Hex("sqn_xor_ak"));
                Assert.Equal(o.Str("kasme"), H(out32));
                break;
            case 0x11:
                BinaryPrimitives.WriteUInt32BigEndian(count, i.GetProperty("uplink_nas_count").GetUInt32());
                Kdf.Derive(key, fc, out32, count);
                Assert.Equal(o.Str("kenb"), H(out32));
                break;
            case 0x15 when o.TryGetProperty("knas_enc_256", out _):
                Kdf.Derive(key, fc, out32, [0x01], [0x00]);
                Assert.Equal(o.Str("knas_enc_256"), H(out32));
                Kdf.Derive(key, fc, out32, [0x02], [0x01]);
                Assert.Equal(o.Str("knas_int_256"), H(out32));
                break;
            case 0x15:
                Kdf.Derive(key, fc, out32, [0x03], [0x00]);
                Assert.Equal(o.Str("krrc_enc_256"), H(out32));
                Kdf.Derive(key, fc, out32, [0x04], [0x02]);
                Assert.Equal(o.Str("krrc_int_256"), H(out32));
                Kdf.Derive(key, fc, out32, [0x05], [0x00]);
                Assert.Equal(o.Str("kup_enc_256"), H(out32));
                Kdf.Derive(key, fc, out32, [0x06], [0x02]);
                Assert.Equal(o.Str("kup_int_256"), H(out32));
                break;
            case 0x13:
                var pci = new byte[2];
                var earfcn = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(pci, (ushort)i.GetProperty("pci").GetInt32());
                BinaryPrimitives.WriteUInt16BigEndian(earfcn, (ushort)i.GetProperty("earfcn_dl").GetInt32());
                Kdf.Derive(key, fc, out32, pci, earfcn);
                Assert.Equal(o.Str("kenb_star"), H(out32));
                break;
            case 0x12:
                Kdf.Derive(key, fc, out32, i.Hex("sync_input"));
                Assert.Equal(o.Str("nh"), H(out32));
                break;
            case 0x1c:
                var scg = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(scg, (ushort)i.GetProperty("scg_counter").GetInt32());
                Kdf.Derive(key, fc, out32, scg);
                Assert.Equal(o.Str("sk_gnb"), H(out32));
                break;
            default:
                Assert.Fail("unexpected FC " + v.Str("fc"));
                break;
        }
    }

    [Fact]
    public void DerivedChain_FullHomeNetworkAka()
    {
        JsonElement v = Root.GetProperty("derived_chain")[0];
        JsonElement i = v.GetProperty("inputs");
        JsonElement o = v.GetProperty("outputs");
        byte[] k = i.Hex("k"), opc = i.Hex("opc"), rand = i.Hex("rand"), sqn = i.Hex("sqn"), amf = i.Hex("amf");
        string snn = i.Str("serving_network_name");
        var res = new byte[8];
        var ck = new byte[16];
        var ik = new byte[16];
        var ak = new byte[6];
        var macA = new byte[8];
        Milenage.F2345(k, opc, rand, res, ck, ik, ak);
        Milenage.F1(k, opc, rand, sqn, amf, macA);
        var autn = new byte[16];
        KeyHierarchy.Autn(sqn, ak, amf, macA, autn);
        Assert.Equal(o.Str("autn"), H(autn));
        Assert.Equal(o.Str("res_xres"), H(res));

        var xresStar = new byte[16];
        KeyHierarchy.ResStar(ck, ik, snn, rand, res, xresStar);
        Assert.Equal(o.Str("xres_star"), H(xresStar));
        var hx = new byte[16];
        KeyHierarchy.HxresStar(rand, xresStar, hx);
        Assert.Equal(o.Str("hxres_star"), H(hx));

        var kausf = new byte[32];
        KeyHierarchy.Kausf(ck, ik, snn, autn.AsSpan(0, 6), kausf);
        Assert.Equal(o.Str("kausf"), H(kausf));
        var kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, snn, kseaf);
        Assert.Equal(o.Str("kseaf"), H(kseaf));
        var kamf = new byte[32];
        KeyHierarchy.Kamf(kseaf, i.Str("supi_imsi_digits"), i.Hex("abba"), kamf);
        Assert.Equal(o.Str("kamf"), H(kamf));

        var k16 = new byte[16];
        for (byte alg = 0; alg < 4; alg++)
        {
            KeyHierarchy.AlgorithmKey(kamf, AlgorithmTypeDistinguisher.NNasEnc, alg, k16);
            Assert.Equal(o.Str($"knas_enc_nea{alg}_128"), H(k16));
            KeyHierarchy.AlgorithmKey(kamf, AlgorithmTypeDistinguisher.NNasInt, alg, k16);
            Assert.Equal(o.Str($"knas_int_nia{alg}_128"), H(k16));
        }
        var kgnb = new byte[32];
        KeyHierarchy.Kgnb(kamf, i.GetProperty("uplink_nas_count").GetUInt32(), kgnb);
        Assert.Equal(o.Str("kgnb_3gpp_access"), H(kgnb));
        KeyHierarchy.Kn3iwf(kamf, i.GetProperty("uplink_nas_count").GetUInt32(), kgnb);
        Assert.Equal(o.Str("kn3iwf_non3gpp_access"), H(kgnb));
    }

    // No external vector exists for NH, KAMF' or the EAP-AKA' keys: these check the parameter layout against the
    // raw KDF/HMAC written out from the clause, so a wrong FC, order or length field fails.
    [Fact]
    public void Nh_And_KamfPrime_UseTheirFcAndLayout()
    {
        byte[] kamf = Enumerable.Range(1, 32).Select(x => (byte)x).ToArray();
        byte[] sync = Enumerable.Range(100, 32).Select(x => (byte)x).ToArray();
        var a = new byte[32];
        var b = new byte[32];
        KeyHierarchy.Nh(kamf, sync, a);
        byte[] s = [0x6F, .. sync, 0x00, 0x20];
        System.Security.Cryptography.HMACSHA256.HashData(kamf, s, b);
        Assert.Equal(b, a);

        KeyHierarchy.KamfPrime(kamf, 1, 0x01020304, a);
        s = [0x72, 0x01, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04, 0x00, 0x04];
        System.Security.Cryptography.HMACSHA256.HashData(kamf, s, b);
        Assert.Equal(b, a);
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyHierarchy.KamfPrime(kamf, 2, 0, a));
    }

    [Fact]
    public void EapAkaPrime_Prf_MatchesRfcConstruction()
    {
        byte[] ckp = Convert.FromHexString("0093962d0dd84aa5684b045c9edffa04");
        byte[] ikp = Convert.FromHexString("ccfc230ca74fcc96c0a5d61164f5a76c");
        byte[] identity = "0555444333222111"u8.ToArray();
        var mk = new byte[EapAkaPrimeKeys.MkLength];
        EapAkaPrimeKeys.DeriveMk(ckp, ikp, identity, mk);

        byte[] key = [.. ikp, .. ckp];
        byte[] label = [.. "EAP-AKA'"u8, .. identity];
        var expected = new List<byte>();
        byte[] t = [];
        for (int n = 1; expected.Count < mk.Length; n++)
        {
            t = System.Security.Cryptography.HMACSHA256.HashData(key, (byte[])[.. t, .. label, (byte)n]);
            expected.AddRange(t);
        }
        Assert.Equal(expected.Take(mk.Length), mk);

        var kEncr = new byte[16];
        var kAut = new byte[32];
        var kRe = new byte[32];
        var msk = new byte[64];
        var emsk = new byte[64];
        EapAkaPrimeKeys.Derive(ckp, ikp, "0555444333222111", kEncr, kAut, kRe, msk, emsk);
        Assert.Equal(mk[..16], kEncr);
        Assert.Equal(mk[16..48], kAut);
        Assert.Equal(mk[48..80], kRe);
        Assert.Equal(mk[80..144], msk);
        Assert.Equal(mk[144..208], emsk);
        var kausf = new byte[32];
        EapAkaPrimeKeys.Kausf(emsk, kausf);
        Assert.Equal(emsk[..32], kausf);
    }

    // RFC 5448 Appendix C (= RFC 9048) case 1: the published K_encr, K_aut and K_re for identity 0555444333222111.
    // Not in ../shared/vectors; the values appear identically in several public EAP-AKA' test suites.
    [Fact]
    public void EapAkaPrime_Rfc5448Case1_KeysFromCkIkPrime()
    {
        var kEncr = new byte[16];
        var kAut = new byte[32];
        var kRe = new byte[32];
        var msk = new byte[64];
        var emsk = new byte[64];
        EapAkaPrimeKeys.Derive(Convert.FromHexString("0093962d0dd84aa5684b045c9edffa04"), Convert.FromHexString("ccfc230ca74fcc96c0a5d61164f5a76c"),
            "0555444333222111", kEncr, kAut, kRe, msk, emsk);
        Assert.Equal("766fa0a6c317174b812d52fbcd11a179", H(kEncr));
        Assert.Equal("0842ea722ff6835bfa2032499fc3ec23c2f0e388b4f07543ffc677f1696d71ea", H(kAut));
        Assert.Equal("cf83aa8bc7e0aced892acc98e76a9b2095b558c7795c7094715cb3393aa7d17a", H(kRe));
    }

    [Fact]
    public void Kdf_VariableParameters_EqualsFixedArity()
    {
        byte[] key = new byte[32];
        var a = new byte[32];
        var b = new byte[32];
        Kdf.Derive(key, 0x6A, a, "abc"u8, [1, 2, 3, 4, 5, 6]);
        Kdf.Derive(key, 0x6A, b, ["abc"u8.ToArray(), new byte[] { 1, 2, 3, 4, 5, 6 }]);
        Assert.Equal(a, b);
        byte[] big = new byte[1000];
        Kdf.Derive(key, 0x6A, a, big);
        Kdf.Derive(key, 0x6A, b, [big]);
        Assert.Equal(a, b);
    }

    [Fact]
    public void BadInputs_AreArgumentExceptions()
    {
        var out32 = new byte[32];
        Assert.Throws<ArgumentException>(() => Kdf.Derive(new byte[32], 0x6A, new byte[31]));
        Assert.Throws<ArgumentException>(() => Kdf.Derive(new byte[32], 0x6A, out32, new byte[70000]));
        Assert.Throws<ArgumentException>(() => KeyHierarchy.Kseaf(new byte[32], "5G:mnc001.mcc001.3gppnetwork.örg", out32));
        Assert.Throws<ArgumentException>(() => KeyHierarchy.Kamf(new byte[32], "001010000000001", new byte[1], out32));
        Assert.Throws<ArgumentException>(() => KeyHierarchy.AlgorithmKey(new byte[16], AlgorithmTypeDistinguisher.NNasInt, 2, new byte[16]));
        Assert.Throws<ArgumentException>(() => KeyHierarchy.HxresStar(new byte[16], new byte[8], new byte[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyHierarchy.KngRanStar(new byte[32], 1, 0x1000000, out32));
    }
}
