// TS 33.401 Annex C / TS 35.217 / TS 35.223 vectors for 128-NEA1/2/3, 128-NIA1/2/3, SNOW 3G, ZUC, UEA2 f8 and UIA2 f9.
using System.Text.Json;

namespace GlassCore.Security.Tests;

public class NeaNiaVectorTests
{
    private static JsonElement NeaNia => VectorFile.Root("nea_nia.json");
    private static JsonElement Raw => VectorFile.Root("snow3g_zuc.json");

    public static TheoryData<string, int> Ciphering => Sets("128-NEA");
    public static TheoryData<string, int> Integrity => Sets("128-NIA");

    private static TheoryData<string, int> Sets(string prefix)
    {
        var data = new TheoryData<string, int>();
        foreach (JsonProperty alg in NeaNia.GetProperty("algorithms").EnumerateObject())
        {
            if (alg.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                foreach (JsonElement set in alg.Value.GetProperty("test_sets").EnumerateArray())
                {
                    data.Add(alg.Name, set.GetProperty("test_set").GetInt32());
                }
            }
        }
        return data;
    }

    public static TheoryData<int> ByteAligned
    {
        get
        {
            var data = new TheoryData<int>();
            int n = NeaNia.GetProperty("supplementary_byte_aligned_variants").GetProperty("test_sets").GetArrayLength();
            for (int i = 0; i < n; i++)
            {
                data.Add(i);
            }
            return data;
        }
    }

    private static JsonElement Set(string alg, int number) =>
        VectorFile.Find(NeaNia.GetProperty("algorithms").GetProperty(alg).GetProperty("test_sets"), "test_set", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static NasCipheringAlgorithm Nea(string name) => (NasCipheringAlgorithm)(name[^1] - '0');
    private static NasIntegrityAlgorithm Nia(string name) => (NasIntegrityAlgorithm)(name[^1] - '0');

    [Fact]
    public void Vectors_CountMatchesReadme()
    {
        Assert.Equal(6 + 6 + 5, Ciphering.Count);
        Assert.Equal(7 + 8 + 5, Integrity.Count);
    }

    [Theory]
    [MemberData(nameof(Ciphering))]
    public void Nea_EncryptsAndDecrypts(string algorithm, int number)
    {
        JsonElement v = Set(algorithm, number);
        long bits = v.GetProperty("length_bits").GetInt64();
        byte[] data = v.Hex("plaintext");
        Apply(v, Nea(algorithm), data, bits);
        Assert.Equal(v.Str("ciphertext"), VectorFile.HexLower(data));
        Apply(v, Nea(algorithm), data, bits);
        Assert.Equal(v.Str("plaintext"), VectorFile.HexLower(data));
    }

    private static void Apply(JsonElement v, NasCipheringAlgorithm alg, byte[] data, long bits) =>
        GlassCore.Security.Nea.Apply(alg, v.Hex("key"), v.GetProperty("count").GetUInt32(), v.GetProperty("bearer").GetByte(), v.GetProperty("direction").GetByte(), data, bits);

    [Theory]
    [MemberData(nameof(Integrity))]
    public void Nia_ComputesMac(string algorithm, int number)
    {
        JsonElement v = Set(algorithm, number);
        CheckMac(v, Nia(algorithm));
    }

    [Theory]
    [MemberData(nameof(ByteAligned))]
    public void Nia_ByteAlignedVariants(int index)
    {
        JsonElement v = NeaNia.GetProperty("supplementary_byte_aligned_variants").GetProperty("test_sets")[index];
        CheckMac(v, Nia(v.Str("algorithm")));
        // Byte-aligned, so the convenience overload must agree.
        var mac = new byte[4];
        GlassCore.Security.Nia.ComputeMac(Nia(v.Str("algorithm")), v.Hex("key"), v.GetProperty("count").GetUInt32(), v.GetProperty("bearer").GetByte(), v.GetProperty("direction").GetByte(), v.Hex("message"), mac);
        Assert.Equal(v.Str("mac"), VectorFile.HexLower(mac));
    }

    private static void CheckMac(JsonElement v, NasIntegrityAlgorithm alg)
    {
        byte[] key = v.Hex("key"), message = v.Hex("message");
        uint count = v.GetProperty("count").GetUInt32();
        byte bearer = v.GetProperty("bearer").GetByte(), direction = v.GetProperty("direction").GetByte();
        long bits = v.GetProperty("length_bits").GetInt64();
        var mac = new byte[4];
        GlassCore.Security.Nia.ComputeMac(alg, key, count, bearer, direction, message, bits, mac);
        Assert.Equal(v.Str("mac"), VectorFile.HexLower(mac));
        Assert.True(GlassCore.Security.Nia.Verify(alg, key, count, bearer, direction, message, bits, v.Hex("mac")));
        mac[3] ^= 1;
        Assert.False(GlassCore.Security.Nia.Verify(alg, key, count, bearer, direction, message, bits, mac));
    }

    public static TheoryData<int> SnowSets => Indexes("snow3g_keystream");
    public static TheoryData<int> ZucSets => Indexes("zuc_keystream");
    public static TheoryData<int> F8Sets => Indexes("uea2_f8");
    public static TheoryData<int> F9Sets => Indexes("uia2_f9");

    private static TheoryData<int> Indexes(string name)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Raw.GetProperty(name).GetArrayLength(); i++)
        {
            data.Add(i);
        }
        return data;
    }

    private static uint Word(JsonElement e) => Convert.ToUInt32(e.GetString(), 16);

    // The raw sets give k0..k3 and IV0..IV3 as words (README: word-reversed relative to a CK byte string).
    [Theory]
    [MemberData(nameof(SnowSets))]
    public void Snow3G_Keystream(int index)
    {
        JsonElement v = Raw.GetProperty("snow3g_keystream")[index];
        JsonElement k = v.GetProperty("key_words_k0_k3"), iv = v.GetProperty("iv_words_iv0_iv3");
        var snow = new Snow3G(Word(k[0]), Word(k[1]), Word(k[2]), Word(k[3]), Word(iv[0]), Word(iv[1]), Word(iv[2]), Word(iv[3]));
        var got = new List<uint>();
        int n = v.TryGetProperty("z2500", out _) ? 2500 : v.GetProperty("keystream_first_words").GetArrayLength();
        for (int i = 0; i < n; i++)
        {
            got.Add(snow.Next());
        }
        JsonElement first = v.GetProperty("keystream_first_words");
        for (int i = 0; i < first.GetArrayLength(); i++)
        {
            Assert.Equal(Word(first[i]), got[i]);
        }
        if (v.TryGetProperty("z2500", out JsonElement z2500))
        {
            Assert.Equal(Word(z2500), got[2499]);
        }
    }

    [Theory]
    [MemberData(nameof(ZucSets))]
    public void Zuc_Keystream(int index)
    {
        JsonElement v = Raw.GetProperty("zuc_keystream")[index];
        var zuc = new Zuc(v.Hex("key"), v.Hex("iv"));
        var got = new List<uint>();
        int n = v.TryGetProperty("z2000", out _) ? 2000 : v.GetProperty("keystream_first_words").GetArrayLength();
        for (int i = 0; i < n; i++)
        {
            got.Add(zuc.Next());
        }
        JsonElement first = v.GetProperty("keystream_first_words");
        for (int i = 0; i < first.GetArrayLength(); i++)
        {
            Assert.Equal(Word(first[i]), got[i]);
        }
        if (v.TryGetProperty("z2000", out JsonElement z2000))
        {
            Assert.Equal(Word(z2000), got[1999]);
        }
    }

    [Theory]
    [MemberData(nameof(F8Sets))]
    public void Uea2F8_IsNea1(int index)
    {
        JsonElement v = Raw.GetProperty("uea2_f8")[index];
        byte[] data = v.Hex("plaintext");
        Apply(v, NasCipheringAlgorithm.Nea1, data, v.GetProperty("length_bits").GetInt64());
        Assert.Equal(v.Str("ciphertext"), VectorFile.HexLower(data));
    }

    [Theory]
    [MemberData(nameof(F9Sets))]
    public void Uia2F9_WithFresh(int index)
    {
        JsonElement v = Raw.GetProperty("uia2_f9")[index];
        uint mac = GlassCore.Security.Nia.Uia2(v.Hex("key"), v.GetProperty("count").GetUInt32(), v.GetProperty("fresh").GetUInt32(), v.GetProperty("direction").GetByte(), v.Hex("message"), v.GetProperty("length_bits").GetInt64());
        Assert.Equal(v.Str("mac"), mac.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
    }
}
