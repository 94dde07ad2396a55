// TS 33.102 §6.3.3 AUTN check and TS 33.501 §6.1.3.2 RES*/HRES* checks, on the derived 5G-AKA chain.
using System.Text.Json;

namespace GlassCore.Security.Tests;

public class AkaChecksTests
{
    private static JsonElement Chain => VectorFile.Root("kdf_5g.json").GetProperty("derived_chain")[0];

    [Fact]
    public void VerifyAutn_AcceptsTheNetworksAutn_AndRecoversSqn()
    {
        JsonElement i = Chain.GetProperty("inputs"), o = Chain.GetProperty("outputs");
        var sqn = new byte[6];
        // AMF c3ab has the separation bit set.
        Assert.Equal(AutnCheck.Ok, AkaChecks.VerifyAutn(i.Hex("k"), i.Hex("opc"), i.Hex("rand"), o.Hex("autn"), sqn));
        Assert.Equal(i.Hex("sqn"), sqn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(15)]
    public void VerifyAutn_AnyChange_IsMacFailure(int index)
    {
        JsonElement i = Chain.GetProperty("inputs"), o = Chain.GetProperty("outputs");
        byte[] autn = o.Hex("autn");
        autn[index] ^= 0x02;
        Assert.Equal(AutnCheck.MacFailure, AkaChecks.VerifyAutn(i.Hex("k"), i.Hex("opc"), i.Hex("rand"), autn, new byte[6]));
    }

    [Fact]
    public void VerifyAutn_AmfSeparationBitClear_IsRejected()
    {
        JsonElement i = Chain.GetProperty("inputs");
        byte[] k = i.Hex("k"), opc = i.Hex("opc"), rand = i.Hex("rand"), sqn = i.Hex("sqn");
        byte[] amf = [0x00, 0x00];
        var res = new byte[8];
        var ck = new byte[16];
        var ik = new byte[16];
        var ak = new byte[6];
        var mac = new byte[8];
        Milenage.F2345(k, opc, rand, res, ck, ik, ak);
        Milenage.F1(k, opc, rand, sqn, amf, mac);
        var autn = new byte[16];
        KeyHierarchy.Autn(sqn, ak, amf, mac, autn);
        Assert.Equal(AutnCheck.AmfSeparationBitNotSet, AkaChecks.VerifyAutn(k, opc, rand, autn, new byte[6]));
    }

    [Fact]
    public void ResStarAndHresStar_Comparisons()
    {
        JsonElement i = Chain.GetProperty("inputs"), o = Chain.GetProperty("outputs");
        byte[] xres = o.Hex("xres_star");
        Assert.True(AkaChecks.ResStarMatches(xres, xres.ToArray()));
        Assert.True(AkaChecks.HresStarMatches(i.Hex("rand"), xres, o.Hex("hxres_star")));
        byte[] wrong = xres.ToArray();
        wrong[15] ^= 1;
        Assert.False(AkaChecks.ResStarMatches(xres, wrong));
        Assert.False(AkaChecks.HresStarMatches(i.Hex("rand"), wrong, o.Hex("hxres_star")));
        Assert.False(AkaChecks.ResStarMatches(xres, xres.AsSpan(0, 8)));
        Assert.False(AkaChecks.HresStarMatches(i.Hex("rand"), xres.AsSpan(0, 8), o.Hex("hxres_star")));
    }
}
