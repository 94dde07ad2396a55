// TS 33.501 Annex C.4 SUCI vectors, free5gc SUCI→SUPI cases, conceal/de-conceal properties and every error path.
using System.Text.Json;
using CsCheck;

namespace GlassCore.Security.Tests;

public class SuciTests
{
    private static JsonElement Root => VectorFile.Root("suci.json");

    public static TheoryData<string> EciesSets => VectorFile.Ids("suci.json", "ecies");

    private static JsonElement Ecies(string id) => VectorFile.Find(Root.GetProperty("ecies"), "id", id);

    private static ProtectionScheme Scheme(JsonElement v) => (ProtectionScheme)v.GetProperty("protection_scheme_id").GetInt32();

    [Fact]
    public void NullScheme_Imsi_C421()
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("null_scheme"), "id", "C.4.2.1");
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), ProtectionScheme.Null, 0, [], mncDigits: 3);
        Assert.Equal(v.Str("scheme_output"), VectorFile.HexLower(suci.SchemeOutput));
        Assert.Equal("274", suci.Mcc);
        Assert.Equal("012", suci.Mnc);
        Assert.Equal("suci-0-274-012-0000-0-0-" + v.Str("msin"), suci.ToString());
        using var d = new SuciDeconcealer();
        Assert.True(d.TryDeconceal(suci, out string supi, out SuciError e), e.ToString());
        Assert.Equal(v.Str("supi"), supi);
    }

    [Fact]
    public void NullScheme_Nai_C422()
    {
        JsonElement v = VectorFile.Find(Root.GetProperty("null_scheme"), "id", "C.4.2.2");
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), ProtectionScheme.Null, 0, []);
        Assert.Equal(v.Str("scheme_input"), VectorFile.HexLower(suci.SchemeOutput));
        Assert.Equal("3gpp.com", suci.Realm);
        using var d = new SuciDeconcealer();
        Assert.True(d.TryDeconceal(suci.ToString(), out string supi, out _));
        Assert.Equal(v.Str("supi"), supi);
    }

    [Theory]
    [MemberData(nameof(EciesSets))]
    public void Ecies_Conceal_ReproducesSchemeOutput(string id)
    {
        JsonElement v = Ecies(id);
        Suci suci = SuciConcealer.Conceal(v.Str("supi"), Scheme(v), 1, v.Hex("home_network_public_key"), mncDigits: 3, ephemeralPrivateKey: v.Hex("eph_private_key"));
        Assert.Equal(v.Str("scheme_output"), VectorFile.HexLower(suci.SchemeOutput));
    }

    [Theory]
    [MemberData(nameof(EciesSets))]
    public void Ecies_Intermediates(string id)
    {
        JsonElement v = Ecies(id);
        var shared = new byte[32];
        if (Scheme(v) == ProtectionScheme.ProfileA)
        {
            Assert.True(GlassCore.Security.Ecies.X25519Agreement(v.Hex("home_network_private_key"), v.Hex("eph_public_key"), shared));
            Assert.Equal(v.Str("eph_shared_key"), VectorFile.HexLower(shared));
            var pub = new byte[32];
            GlassCore.Security.Ecies.X25519PublicKey(v.Hex("eph_private_key"), pub);
            Assert.Equal(v.Str("eph_public_key"), VectorFile.HexLower(pub));
        }
        else
        {
            var x = new byte[32];
            var y = new byte[32];
            Assert.True(P256.TryDecode(v.Hex("eph_public_key"), x, y));
            Assert.Equal(v.Str("eph_public_key_uncompressed"), "04" + VectorFile.HexLower(x) + VectorFile.HexLower(y));
            Assert.True(P256.TryDecode(v.Hex("home_network_public_key"), x, y));
            Assert.Equal(v.Str("home_network_public_key_uncompressed"), "04" + VectorFile.HexLower(x) + VectorFile.HexLower(y));
        }
        var keying = new byte[64];
        GlassCore.Security.Ecies.DeriveKeys(v.Hex("eph_shared_key"), v.Hex("eph_public_key"), keying);
        Assert.Equal(v.Str("eph_enc_key") + v.Str("icb") + v.Str("eph_mac_key"), VectorFile.HexLower(keying));
        Assert.Equal(v.Str("home_network_public_key"), VectorFile.HexLower(SuciDeconcealer.PublicKey(Scheme(v), v.Hex("home_network_private_key"))));
    }

    [Theory]
    [MemberData(nameof(EciesSets))]
    public void Ecies_Deconceal_GivesSupi(string id)
    {
        JsonElement v = Ecies(id);
        using var d = new SuciDeconcealer();
        d.AddKey(Scheme(v), 7, v.Hex("home_network_private_key"));
        bool imsi = v.Str("supi").StartsWith("imsi-", StringComparison.Ordinal);
        Suci suci = imsi
            ? new Suci(SupiType.Imsi, v.Str("mcc"), v.Str("mnc"), "0", Scheme(v), 7, v.Hex("scheme_output"))
            : new Suci(SupiType.NetworkSpecificIdentifier, "", "", "0", Scheme(v), 7, v.Hex("scheme_output"), "3gpp.com");
        Assert.True(d.TryDeconceal(suci, out string supi, out SuciError error), error.ToString());
        Assert.Equal(v.Str("supi"), supi);
    }

    public static TheoryData<int> Free5gcCases
    {
        get
        {
            var data = new TheoryData<int>();
            for (int i = 0; i < Root.GetProperty("free5gc_suci_to_supi").GetArrayLength(); i++)
            {
                data.Add(i);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Free5gcCases))]
    public void Free5gc_SuciStrings(int index)
    {
        JsonElement v = Root.GetProperty("free5gc_suci_to_supi")[index];
        using var d = new SuciDeconcealer();
        // free5gc's test configuration: key 1 = the C.4.3 Profile A key, keys 2 and 3 = the C.4.4 Profile B key.
        d.AddKey(ProtectionScheme.ProfileA, 1, Ecies("C.4.3.1").Hex("home_network_private_key"));
        d.AddKey(ProtectionScheme.ProfileB, 2, Ecies("C.4.4.1").Hex("home_network_private_key"));
        d.AddKey(ProtectionScheme.ProfileB, 3, Ecies("C.4.4.1").Hex("home_network_private_key"));
        bool ok = d.TryDeconceal(v.Str("suci"), out string supi, out SuciError error);
        if (v.GetProperty("expected_supi").ValueKind == JsonValueKind.Null)
        {
            Assert.False(ok);
            Assert.Equal(SuciError.PointNotOnCurve, error);
        }
        else
        {
            Assert.True(ok, error.ToString());
            Assert.Equal(v.Str("expected_supi"), supi);
            // Parsing and printing the SUCI string gives it back.
            Assert.Equal(v.Str("suci"), Suci.Parse(v.Str("suci")).ToString());
        }
    }

    [Fact]
    public void Roundtrip_RandomKeysAndSupis_BothProfiles()
    {
        var gen = Gen.Select(Gen.Byte[1, 2], Gen.Byte.Array[32], Gen.Long[0, 9_999_999_999L], Gen.Int[2, 3], Gen.Byte, Gen.Bool);
        gen.Sample((profile, hnPrivate, msin, mncDigits, keyId, nai) =>
        {
            var scheme = (ProtectionScheme)profile;
            byte[] hnPublic;
            try
            {
                hnPublic = SuciDeconcealer.PublicKey(scheme, hnPrivate);
            }
            catch (ArgumentException)
            {
                return; // a P-256 scalar of zero or >= n: not a key (vanishingly rare)
            }
            string supi = nai
                ? $"nai-user{msin}@example.org"
                : "imsi-001" + (mncDigits == 2 ? "01" : "001") + msin.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)[..(15 - 3 - mncDigits)];
            Suci suci = SuciConcealer.Conceal(supi, scheme, keyId, hnPublic, "1234", mncDigits);
            Assert.True(Suci.TryParse(suci.ToString(), out Suci parsed));
            Assert.Equal(suci, parsed);
            using var d = new SuciDeconcealer();
            d.AddKey(scheme, keyId, hnPrivate);
            Assert.True(d.TryDeconceal(parsed, out string back, out SuciError error), error.ToString());
            Assert.Equal(supi, back);
        }, iter: 60);
    }

    [Fact]
    public void RandomSchemeOutputs_NeverThrow()
    {
        using var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileA, 1, Ecies("C.4.3.1").Hex("home_network_private_key"));
        d.AddKey(ProtectionScheme.ProfileB, 1, Ecies("C.4.4.1").Hex("home_network_private_key"));
        Gen.Select(Gen.Byte[0, 3], Gen.Byte.Array[0, 80]).Sample((scheme, output) =>
        {
            var suci = new Suci(SupiType.Imsi, "001", "01", "0", (ProtectionScheme)scheme, 1, output);
            bool ok = d.TryDeconceal(suci, out _, out SuciError error);
            Assert.True(ok || error != SuciError.None);
        }, iter: 300);
    }

    private static (SuciDeconcealer, Suci) ProfileBCase()
    {
        JsonElement v = Ecies("C.4.4.1");
        var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileB, 2, v.Hex("home_network_private_key"));
        return (d, new Suci(SupiType.Imsi, "274", "012", "0", ProtectionScheme.ProfileB, 2, v.Hex("scheme_output")));
    }

    private static SuciError Fail(SuciDeconcealer d, Suci s)
    {
        Assert.False(d.TryDeconceal(s, out string supi, out SuciError e));
        Assert.Equal("", supi);
        return e;
    }

    private static Suci WithOutput(Suci s, byte[] output, byte? keyId = null) =>
        new(s.SupiType, s.Mcc, s.Mnc, s.RoutingIndicator, s.ProtectionScheme, keyId ?? s.HomeNetworkPublicKeyId, output);

    [Theory]
    [InlineData(33)]
    [InlineData(40)]
    [InlineData(45)]
    public void WrongMacTag_IsMacMismatch(int flipIndex)
    {
        var (d, s) = ProfileBCase();
        using (d)
        {
            byte[] o = s.SchemeOutput.ToArray();
            o[flipIndex] ^= 0x40;
            Assert.Equal(SuciError.MacMismatch, Fail(d, WithOutput(s, o)));
        }
    }

    [Fact]
    public void UnknownKeyId_AndSchemeWithoutKey()
    {
        var (d, s) = ProfileBCase();
        using (d)
        {
            Assert.Equal(SuciError.UnknownKeyId, Fail(d, WithOutput(s, s.SchemeOutput.ToArray(), 9)));
            var profileA = new Suci(SupiType.Imsi, "274", "012", "0", ProtectionScheme.ProfileA, 2, new byte[50]);
            Assert.Equal(SuciError.UnknownKeyId, Fail(d, profileA));
        }
    }

    [Fact]
    public void PointNotOnCurve_CompressedAndUncompressed()
    {
        var (d, s) = ProfileBCase();
        using (d)
        {
            byte[] o = s.SchemeOutput.ToArray();
            // Change X until x^3 - 3x + b has no square root: no point has that X.
            for (int i = 0; ; i++)
            {
                o[32] ^= (byte)(i + 1);
                if (!P256.TryDecode(o.AsSpan(0, 33), new byte[32], new byte[32]))
                {
                    break;
                }
            }
            Assert.Equal(SuciError.PointNotOnCurve, Fail(d, WithOutput(s, o)));
            byte[] bad = new byte[65 + 5 + 8];
            bad[0] = 0x04;
            bad[1] = 1;
            Assert.Equal(SuciError.PointNotOnCurve, Fail(d, WithOutput(s, bad)));
            byte[] badPrefix = s.SchemeOutput.ToArray();
            badPrefix[0] = 0x05;
            Assert.Equal(SuciError.PointNotOnCurve, Fail(d, WithOutput(s, badPrefix)));
        }
    }

    [Fact]
    public void ProfileA_SmallOrderKey_IsPointNotOnCurve()
    {
        using var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileA, 1, Ecies("C.4.3.1").Hex("home_network_private_key"));
        var s = new Suci(SupiType.Imsi, "274", "012", "0", ProtectionScheme.ProfileA, 1, new byte[32 + 5 + 8]);
        Assert.Equal(SuciError.PointNotOnCurve, Fail(d, s));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(33 + 8)]
    public void TruncatedOutput_IsTruncated(int length)
    {
        var (d, s) = ProfileBCase();
        using (d)
        {
            Assert.Equal(SuciError.Truncated, Fail(d, WithOutput(s, s.SchemeOutput[..length].ToArray())));
        }
        using var a = new SuciDeconcealer();
        a.AddKey(ProtectionScheme.ProfileA, 1, Ecies("C.4.3.1").Hex("home_network_private_key"));
        Assert.Equal(SuciError.Truncated, Fail(a, new Suci(SupiType.Imsi, "274", "012", "0", ProtectionScheme.ProfileA, 1, new byte[Math.Min(length, 40)])));
    }

    [Fact]
    public void NullScheme_NotAllowed_AndBadBcd()
    {
        using var strict = new SuciDeconcealer(allowNullScheme: false);
        Assert.Equal(SuciError.UnsupportedScheme, Fail(strict, Suci.Parse("suci-0-208-93-0-0-0-00007487")));
        using var d = new SuciDeconcealer();
        Assert.Equal(SuciError.InvalidSchemeInput, Fail(d, new Suci(SupiType.Imsi, "208", "93", "0", ProtectionScheme.Null, 0, [0xAB])));
        Assert.Equal(SuciError.UnsupportedScheme, Fail(d, new Suci(SupiType.Imsi, "208", "93", "0", (ProtectionScheme)5, 0, [0x10])));
        Assert.Equal(SuciError.Malformed, Fail(d, default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("imsi-001010000000001")]
    [InlineData("suci-0-208-93-0-0-0")]
    [InlineData("suci-0-20-93-0-0-0-1234")]
    [InlineData("suci-0-208-9-0-0-0-1234")]
    [InlineData("suci-0-208-93-12345-0-0-1234")]
    [InlineData("suci-0-208-93-0-1-256-aabb")]
    [InlineData("suci-0-208-93-0-1-1-aab")]
    [InlineData("suci-0-208-93-0-1-1-zz")]
    [InlineData("suci-0-208-93-0-0-0-12ab")]
    [InlineData("suci-0-208-93-0-16-0-aa")]
    [InlineData("suci-9-208-93-0-0-0-1234")]
    [InlineData("suci-0-208-93-0-0-0-1234-5")]
    public void MalformedStrings_AreRejected(string? text)
    {
        Assert.False(Suci.TryParse(text, out _, out SuciError e));
        Assert.NotEqual(SuciError.None, e);
        using var d = new SuciDeconcealer();
        Assert.False(d.TryDeconceal(text!, out _, out _));
        Assert.Throws<FormatException>(() => Suci.Parse(text!));
    }

    [Fact]
    public void Conceal_BadArguments_Throw()
    {
        byte[] a = Ecies("C.4.3.1").Hex("home_network_public_key");
        Assert.Throws<ArgumentException>(() => SuciConcealer.Conceal("imsi-12", ProtectionScheme.Null, 0, []));
        Assert.Throws<ArgumentException>(() => SuciConcealer.Conceal("msisdn-1234", ProtectionScheme.Null, 0, []));
        Assert.Throws<ArgumentException>(() => SuciConcealer.Conceal("imsi-001010000000001", ProtectionScheme.ProfileA, 1, a.AsSpan(0, 31)));
        Assert.Throws<ArgumentException>(() => SuciConcealer.Conceal("imsi-001010000000001", ProtectionScheme.ProfileB, 1, a));
        Assert.Throws<ArgumentOutOfRangeException>(() => SuciConcealer.Conceal("imsi-001010000000001", ProtectionScheme.Null, 0, [], mncDigits: 4));
        Assert.Throws<ArgumentException>(() => SuciConcealer.Conceal("nai-nobody", ProtectionScheme.Null, 0, []));
        Assert.Throws<ArgumentException>(() => new SuciDeconcealer().AddKey(ProtectionScheme.ProfileB, 1, new byte[31]));
        Assert.Throws<ArgumentException>(() => new SuciDeconcealer().AddKey(ProtectionScheme.ProfileB, 1, new byte[32]));
    }

    [Fact]
    public void ToString_ShowsNoKeyMaterial()
    {
        byte[] priv = Ecies("C.4.3.1").Hex("home_network_private_key");
        using var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileA, 1, priv);
        string text = d.ToString();
        Assert.DoesNotContain(Convert.ToHexStringLower(priv)[..8], text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ProfileA/1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bcd_EncodesTs24501DigitOrder()
    {
        Assert.Equal("00012080f6", Convert.ToHexStringLower(Bcd.Encode("001002086")));
        Assert.Equal("001002086", Bcd.Decode(Convert.FromHexString("00012080f6")));
        Assert.Null(Bcd.Decode([0xF1, 0x00]));
        Assert.Null(Bcd.Decode([0x1A]));
    }
}
