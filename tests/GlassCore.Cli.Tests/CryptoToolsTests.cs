// `glasscore tools` crypto commands (issue 2 §3) against the shared vectors, and their bad-input contract.
using System.CommandLine;
using System.Text.Json;
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

public class CryptoToolsTests
{
    private static (int Code, JsonElement? Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, new InvocationConfiguration { Output = stdout, Error = stderr });
        string o = stdout.ToString();
        return (code, o.Length == 0 ? null : JsonDocument.Parse(o).RootElement.Clone(), stderr.ToString());
    }

    private static JsonElement Vectors(string file) => JsonDocument.Parse(File.ReadAllBytes(SharedData.Vectors(file))).RootElement;

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static void AssertJsonError(int code, JsonElement? stdout, string stderr, string mention)
    {
        Assert.Equal(2, code);
        Assert.Null(stdout);
        using var doc = JsonDocument.Parse(stderr);
        Assert.Contains(mention, doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Milenage_MatchesTs35208Set1()
    {
        JsonElement v = Vectors("milenage.json").GetProperty("test_sets")[0];
        var (code, o, _) = Run("tools", "milenage", "--k", S(v, "k"), "--op", S(v, "op"), "--rand", S(v, "rand"), "--sqn", S(v, "sqn"), "--amf", S(v, "amf"));
        Assert.Equal(0, code);
        JsonElement r = o!.Value;
        Assert.Equal(S(v, "opc"), S(r, "opc"));
        Assert.Equal(S(v, "f1_mac_a"), S(r, "mac_a"));
        Assert.Equal(S(v, "f1star_mac_s"), S(r, "mac_s"));
        Assert.Equal(S(v, "f2_res"), S(r, "res"));
        Assert.Equal(S(v, "f3_ck"), S(r, "ck"));
        Assert.Equal(S(v, "f4_ik"), S(r, "ik"));
        Assert.Equal(S(v, "f5_ak"), S(r, "ak"));
        Assert.Equal(S(v, "f5star_ak"), S(r, "ak_star"));
    }

    [Fact]
    public void Aka_MatchesDerivedChain()
    {
        JsonElement chain = Vectors("kdf_5g.json").GetProperty("derived_chain")[0];
        JsonElement i = chain.GetProperty("inputs"), x = chain.GetProperty("outputs");
        var (code, o, _) = Run("tools", "aka", "--k", S(i, "k"), "--opc", S(i, "opc"), "--rand", S(i, "rand"), "--sqn", S(i, "sqn"), "--amf", S(i, "amf"),
            "--snn", S(i, "serving_network_name"), "--supi", "imsi-" + S(i, "supi_imsi_digits"));
        Assert.Equal(0, code);
        JsonElement r = o!.Value;
        foreach (string name in new[] { "autn", "xres_star", "hxres_star", "kausf", "kseaf", "kamf" })
        {
            Assert.Equal(S(x, name), S(r, name));
        }
        // CK'/IK' with SN name as access network identity: KDF(CK||IK, 0x20, SNN, SQN^AK), checked through `tools kdf`.
        var (kc, ko, _) = Run("tools", "kdf", "--key", S(x, "ck") + S(x, "ik"), "--fc", "20",
            "--param", Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(S(i, "serving_network_name"))), "--param", S(x, "sqn_xor_ak"));
        Assert.Equal(0, kc);
        Assert.Equal(S(ko!.Value, "output"), S(r, "ck_prime") + S(r, "ik_prime"));
    }

    [Fact]
    public void Kdf_MatchesRfc5448Case1()
    {
        JsonElement v = Vectors("kdf_5g.json").GetProperty("generic_kdf_33220")[0];
        JsonElement i = v.GetProperty("inputs");
        var (code, o, _) = Run("tools", "kdf", "--key", S(v, "key"), "--fc", "20", "--param", "574c414e", "--param", S(i, "sqn_xor_ak"));
        Assert.Equal(0, code);
        Assert.Equal("WLAN", S(i, "access_network_identity"));
        Assert.Equal(S(v.GetProperty("output"), "ck_prime_ik_prime"), S(o!.Value, "output"));
    }

    [Fact]
    public void NeaNia_MatchNonByteAlignedVectors()
    {
        JsonElement algs = Vectors("nea_nia.json").GetProperty("algorithms");
        JsonElement e = algs.GetProperty("128-NEA2").GetProperty("test_sets")[0];
        var (code, o, _) = Run("tools", "nea", "--alg", "2", "--key", S(e, "key"), "--count", e.GetProperty("count").ToString(), "--bearer", e.GetProperty("bearer").ToString(),
            "--direction", e.GetProperty("direction").ToString(), "--bits", e.GetProperty("length_bits").ToString(), "--data", S(e, "plaintext"));
        Assert.Equal(0, code);
        Assert.Equal(S(e, "ciphertext"), S(o!.Value, "output"));

        JsonElement m = algs.GetProperty("128-NIA3").GetProperty("test_sets")[0];
        (code, o, _) = Run("tools", "nia", "--alg", "3", "--key", S(m, "key"), "--count", m.GetProperty("count").ToString(), "--bearer", m.GetProperty("bearer").ToString(),
            "--direction", m.GetProperty("direction").ToString(), "--bits", m.GetProperty("length_bits").ToString(), "--data", S(m, "message"));
        Assert.Equal(0, code);
        Assert.Equal(S(m, "mac"), S(o!.Value, "mac"));
    }

    [Fact]
    public void Suci_ConcealThenDeconceal_ProfileB()
    {
        JsonElement v = Vectors("suci.json").GetProperty("ecies")[2];
        var (code, o, _) = Run("tools", "suci", "conceal", "--profile", "B", "--hn-public-key", S(v, "home_network_public_key"), "--key-id", "3",
            "--supi", S(v, "supi"), "--mnc-digits", "3", "--ephemeral-private-key", S(v, "eph_private_key"));
        Assert.Equal(0, code);
        string suci = S(o!.Value, "suci");
        Assert.Equal("suci-0-274-012-0000-2-3-" + S(v, "scheme_output"), suci);
        (code, o, _) = Run("tools", "suci", "deconceal", "--hn-private-key", S(v, "home_network_private_key"), "--suci", suci);
        Assert.Equal(0, code);
        Assert.Equal(S(v, "supi"), S(o!.Value, "supi"));
    }

    [Fact]
    public void Suci_NaiForm_ConcealThenDeconceal_ProfileA()
    {
        // TS 23.003 §28.7.3: the NAI form is printed next to the suci- string and is accepted by deconceal.
        JsonElement v = Vectors("suci.json").GetProperty("ecies")[1];
        var (code, o, _) = Run("tools", "suci", "conceal", "--profile", "A", "--hn-public-key", S(v, "home_network_public_key"), "--key-id", "7",
            "--supi", S(v, "supi"), "--routing-indicator", "12", "--ephemeral-private-key", S(v, "eph_private_key"));
        Assert.Equal(0, code);
        string output = S(v, "scheme_output");
        string nai = S(o!.Value, "suci_nai");
        Assert.Equal($"type1.rid12.schid1.hnkey7.ecckey{output[..64]}.cip{output[64..^16]}.mac{output[^16..]}@3gpp.com", nai);
        (code, o, _) = Run("tools", "suci", "deconceal", "--hn-private-key", S(v, "home_network_private_key"), "--suci", nai);
        Assert.Equal(0, code);
        Assert.Equal(S(v, "supi"), S(o!.Value, "supi"));
    }

    [Fact]
    public void Suci_Deconceal_WrongKey_IsJsonError()
    {
        JsonElement v = Vectors("suci.json").GetProperty("ecies")[0];
        var (code, o, err) = Run("tools", "suci", "deconceal", "--hn-private-key", new string('1', 64), "--suci", "suci-0-274-012-0-1-1-" + S(v, "scheme_output"));
        AssertJsonError(code, o, err, "MacMismatch");
    }

    [Theory]
    [InlineData("milenage", "--k", "xyz")]
    [InlineData("nea", "--key", "0g")]
    [InlineData("kdf", "--key", "abc")]
    public void BadHex_ExitsTwo_WithJsonError(string command, string option, string value)
    {
        string[] args = command switch
        {
            "milenage" => ["tools", "milenage", option, value, "--opc", new string('0', 32), "--rand", new string('0', 32), "--sqn", "000000000000", "--amf", "0000"],
            "nea" => ["tools", "nea", "--alg", "2", option, value, "--count", "0", "--bearer", "0", "--direction", "0", "--data", "00"],
            _ => ["tools", "kdf", option, value, "--fc", "6a"],
        };
        var (code, o, err) = Run(args);
        AssertJsonError(code, o, err, option);
    }

    [Fact]
    public void MissingRequiredOption_ExitsTwo_WithJsonError()
    {
        var (code, o, err) = Run("tools", "milenage", "--k", new string('0', 32), "--opc", new string('0', 32));
        AssertJsonError(code, o, err, "--rand");
    }

    [Fact]
    public void WrongLengthAndRange_ExitTwo()
    {
        var (code, o, err) = Run("tools", "milenage", "--k", "00", "--opc", new string('0', 32), "--rand", new string('0', 32), "--sqn", "000000000000", "--amf", "0000");
        AssertJsonError(code, o, err, "expected 16 bytes");
        (code, o, err) = Run("tools", "nia", "--alg", "2", "--key", new string('0', 32), "--count", "0", "--bearer", "40", "--direction", "0", "--data", "00");
        AssertJsonError(code, o, err, "--bearer");
        (code, o, err) = Run("tools", "nia", "--alg", "2", "--key", new string('0', 32), "--count", "0", "--bearer", "1", "--direction", "0", "--bits", "9", "--data", "00");
        AssertJsonError(code, o, err, "--bits");
        (code, o, err) = Run("tools", "milenage", "--k", new string('0', 32), "--op", new string('0', 32), "--opc", new string('0', 32), "--rand", new string('0', 32), "--sqn", "000000000000", "--amf", "0000");
        AssertJsonError(code, o, err, "--op");
        (code, o, err) = Run("tools", "suci", "deconceal", "--suci", "suci-garbage");
        AssertJsonError(code, o, err, "--suci");
        (code, o, err) = Run("tools", "suci", "conceal", "--profile", "A", "--key-id", "1", "--supi", "imsi-001010000000001", "--hn-public-key", "00");
        AssertJsonError(code, o, err, "32 bytes");
    }
}
