// TS 23.003 §28.7.3 (SUCI in NAI format) and §2.2B SUPI types: the NAI form both ways, and de-concealment from it.
using System.Text.Json;
using CsCheck;

namespace GlassCore.Security.Tests;

public class SuciNaiTests
{
    private static JsonElement Vector(string section, string id) => VectorFile.Find(VectorFile.Root("suci.json").GetProperty(section), "id", id);

    [Fact]
    public void NullScheme_Imsi_C421()
    {
        JsonElement v = Vector("null_scheme", "C.4.2.1");
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), ProtectionScheme.Null, 0, [], routingIndicator: "678", mncDigits: 3);
        string nai = suci.ToNai();
        Assert.Equal("type0.rid678.schid0.userid" + v.Str("msin") + "@5gc.mnc012.mcc274.3gppnetwork.org", nai);
        Assert.True(Suci.TryParseNai(nai, out Suci back, out SuciError e, threeDigitMnc: true), e.ToString());
        Assert.Equal(suci, back);
        using var d = new SuciDeconcealer();
        Assert.True(Suci.TryParseNai(nai, out back, out _, threeDigitMnc: true));
        Assert.True(d.TryDeconceal(back, out string supi, out _));
        Assert.Equal(v.Str("supi"), supi);
    }

    [Fact]
    public void NullScheme_NetworkSpecificIdentifier_C422()
    {
        JsonElement v = Vector("null_scheme", "C.4.2.2");
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), ProtectionScheme.Null, 0, [], routingIndicator: "0");
        Assert.Equal("type1.rid0.schid0.useridverylongusername1@3gpp.com", suci.ToNai());
        using var d = new SuciDeconcealer();
        // TryParse and the deconcealer's string entry take the NAI form as well as "suci-...".
        Assert.True(d.TryDeconceal(suci.ToNai(), out string supi, out SuciError e), e.ToString());
        Assert.Equal(v.Str("supi"), supi);
    }

    [Fact]
    public void NullScheme_UsernameWithDots_RunsToTheRealm()
    {
        Suci suci = SuciConcealer.Conceal("nai-first.last.7@corp.example.org", ProtectionScheme.Null, 0, [], routingIndicator: "12");
        Assert.Equal("type1.rid12.schid0.useridfirst.last.7@corp.example.org", suci.ToNai());
        using var d = new SuciDeconcealer();
        Assert.True(d.TryDeconceal(suci.ToNai(), out string supi, out _));
        Assert.Equal("nai-first.last.7@corp.example.org", supi);
    }

    [Theory]
    [InlineData("C.4.3.1", 32)]
    [InlineData("C.4.3.2", 32)]
    [InlineData("C.4.4.1", 33)]
    [InlineData("C.4.4.2", 33)]
    public void Ecies_C43C44_NaiCarriesEccKeyCipherAndMac(string id, int keyLength)
    {
        JsonElement v = Vector("ecies", id);
        var scheme = (ProtectionScheme)v.GetProperty("protection_scheme_id").GetInt32();
        bool imsi = v.Str("supi").StartsWith("imsi-", StringComparison.Ordinal);
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), scheme, 27, v.Hex("home_network_public_key"), "678", mncDigits: 3, ephemeralPrivateKey: v.Hex("eph_private_key"));
        string output = v.Str("scheme_output");
        string expected = $"type{(imsi ? 0 : 1)}.rid678.schid{(int)scheme}.hnkey27.ecckey{output[..(2 * keyLength)]}.cip{output[(2 * keyLength)..^16]}.mac{output[^16..]}@"
            + (imsi ? "5gc.mnc012.mcc274.3gppnetwork.org" : "3gpp.com");
        Assert.Equal(expected, suci.ToNai());

        using var d = new SuciDeconcealer();
        d.AddKey(scheme, 27, v.Hex("home_network_private_key"));
        Assert.True(Suci.TryParseNai(suci.ToNai(), out Suci parsed, out _, threeDigitMnc: true));
        Assert.Equal(suci, parsed);
        Assert.True(d.TryDeconceal(parsed, out string supi, out SuciError e), e.ToString());
        Assert.Equal(v.Str("supi"), supi);
    }

    [Fact]
    public void ImsiRealm_TwoDigitMnc_GetsLeadingZero_AndReadsBackAsTwoDigits()
    {
        Suci suci = SuciConcealer.Conceal("imsi-208930000000001", ProtectionScheme.Null, 0, [], "0");
        Assert.Equal("type0.rid0.schid0.userid0000000001@5gc.mnc093.mcc208.3gppnetwork.org", suci.ToNai());
        Assert.True(Suci.TryParseNai(suci.ToNai(), out Suci back, out _));
        Assert.Equal("93", back.Mnc);
        Assert.Equal(suci, back);
        // The same realm with the three-digit hint: MNC 093, so a different SUPI.
        Assert.True(Suci.TryParseNai(suci.ToNai().ToUpperInvariant().Replace("TYPE0.RID0.SCHID0.USERID", "type0.rid0.schid0.userid", StringComparison.Ordinal), out back, out _, threeDigitMnc: true));
        Assert.Equal("093", back.Mnc);
    }

    [Theory]
    [InlineData("gli-line0042@operator.example", SupiType.GlobalLineIdentifier)]
    [InlineData("gci-00a0c9ffee01@operator.example", SupiType.GlobalCableIdentifier)]
    public void GliAndGci_ConcealAndDeconceal(string supi, SupiType type)
    {
        byte[] hnPrivate = Vector("ecies", "C.4.3.1").Hex("home_network_private_key");
        byte[] hnPublic = SuciDeconcealer.PublicKey(ProtectionScheme.ProfileA, hnPrivate);
        using var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileA, 4, hnPrivate);
        foreach (ProtectionScheme scheme in new[] { ProtectionScheme.Null, ProtectionScheme.ProfileA })
        {
            Suci suci = SuciConcealer.Conceal(supi, scheme, 4, hnPublic);
            Assert.Equal(type, suci.SupiType);
            Assert.StartsWith($"type{(int)type}.rid0000.schid{(int)scheme}.", suci.ToNai(), StringComparison.Ordinal);
            Assert.StartsWith($"suci-{(int)type}-operator.example-0000-{(int)scheme}-", suci.ToString(), StringComparison.Ordinal);
            foreach (string text in new[] { suci.ToNai(), suci.ToString() })
            {
                Assert.True(d.TryDeconceal(text, out string back, out SuciError e), text + " " + e);
                Assert.Equal(supi, back);
            }
        }
    }

    [Fact]
    public void Roundtrip_RandomSucis()
    {
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Byte[0, 4], Gen.Byte, Gen.Byte.Array[41, 70], Gen.Int[1, 4], Gen.Long[0, 9_999_999_999L], Gen.Bool);
        gen.Sample((type, scheme, keyId, output, riLength, digits, threeDigitMnc) =>
        {
            string number = digits.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
            string ri = number[..riLength];
            string mnc = threeDigitMnc ? number[..3] : number[..2];
            bool isNull = scheme == 0;
            byte[] schemeOutput = isNull ? (type == 0 ? Bcd.Encode(number) : "user.name-1"u8.ToArray()) : output;
            var suci = type == 0
                ? new Suci(SupiType.Imsi, "001", mnc, ri, (ProtectionScheme)scheme, isNull ? (byte)0 : keyId, schemeOutput)
                : new Suci((SupiType)type, "", "", ri, (ProtectionScheme)scheme, isNull ? (byte)0 : keyId, schemeOutput, "realm-" + riLength + ".example");
            Assert.True(Suci.TryParseNai(suci.ToNai(), out Suci back, out SuciError e, threeDigitMnc), suci.ToNai() + " " + e);
            Assert.Equal(suci, back);
            Assert.True(Suci.TryParse(suci.ToNai(), out _, out _));
        }, iter: 500);
    }

    [Theory]
    [InlineData("type0.rid0.schid0.userid0000000001")]
    [InlineData("type0.rid0.schid0.userid0000000001@")]
    [InlineData("@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type8.rid0.schid0.userid1@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid12345.schid0.userid1@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid.schid0.userid1@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid16.hnkey1.out00@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid0.userid@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid0.useridabc@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid0.userid1@5gc.mnc93.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid0.userid1@5gc.nid000007ed9d5.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid0.userid1@example.com")]
    [InlineData("type0.rid0.schid1.hnkey256.ecckey00.cip00.mac0011223344556677@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid1.hnkey1.ecckey0.cip00.mac0011223344556677@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid1.hnkey1.ecckey00.cip00.mac00112233445566@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid1.hnkey1.ecckey00.cip00.mac0011223344556677.x@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid1.hnkey1.ecckeyzz.cip00.mac0011223344556677@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type0.rid0.schid1.hnkey1.cip00.mac0011223344556677@5gc.mnc093.mcc208.3gppnetwork.org")]
    [InlineData("type1.rid0.schid1.hnkey1.out@realm")]
    public void MalformedNai_IsRejected(string text)
    {
        Assert.False(Suci.TryParseNai(text, out _, out SuciError e));
        Assert.NotEqual(SuciError.None, e);
        using var d = new SuciDeconcealer();
        Assert.False(d.TryDeconceal(text, out _, out _));
    }

    [Fact]
    public void RandomText_NeverThrows()
    {
        Gen.String[Gen.Char["type0123456789.ridschidusernkyecaupm@abcf-"], 0, 90].Sample(text =>
        {
            bool ok = Suci.TryParseNai(text, out _, out SuciError e);
            Assert.True(ok || e != SuciError.None);
        }, iter: 3000);
    }
}
