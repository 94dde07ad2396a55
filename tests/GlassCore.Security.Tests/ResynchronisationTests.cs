// TS 33.102 §6.3.3/§6.3.5 re-synchronisation and the Annex C SQN freshness rules.
using System.Text.Json;

namespace GlassCore.Security.Tests;

public class ResynchronisationTests
{
    private static JsonElement Set1 => VectorFile.Root("milenage.json").GetProperty("test_sets")[0];

    [Fact]
    public void Auts_RoundTrips_AndMacSUsesAmfZero()
    {
        JsonElement v = Set1;
        byte[] k = v.Hex("k"), opc = v.Hex("opc"), rand = v.Hex("rand"), sqn = v.Hex("sqn");
        var auts = new byte[14];
        Resynchronisation.BuildAuts(k, opc, rand, sqn, auts);
        // AUTS[0..5] is SQN_MS xor AK* with the vector's AK*.
        byte[] akStar = v.Hex("f5star_ak");
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal((byte)(sqn[i] ^ akStar[i]), auts[i]);
        }
        var macS = new byte[8];
        Milenage.F1Star(k, opc, rand, sqn, [0, 0], macS);
        Assert.Equal(macS, auts[6..]);

        var recovered = new byte[6];
        Assert.True(Resynchronisation.TryRecoverSqnMs(k, opc, rand, auts, recovered));
        Assert.Equal(sqn, recovered);
        Assert.True(Resynchronisation.TryRecoverSqnMs(k, opc, rand, auts, out ulong n));
        Assert.Equal(Sqn.ToUInt64(sqn), n);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(13)]
    public void Auts_AnyFlippedBit_FailsMacS(int index)
    {
        JsonElement v = Set1;
        byte[] k = v.Hex("k"), opc = v.Hex("opc"), rand = v.Hex("rand");
        var auts = new byte[14];
        Resynchronisation.BuildAuts(k, opc, rand, v.Hex("sqn"), auts);
        auts[index] ^= 0x01;
        var recovered = new byte[6];
        Assert.False(Resynchronisation.TryRecoverSqnMs(k, opc, rand, auts, recovered));
        Assert.Equal(new byte[6], recovered);
    }

    [Fact]
    public void Auts_WrongLength_IsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Resynchronisation.TryRecoverSqnMs(new byte[16], new byte[16], new byte[16], new byte[13], new byte[6]));
    }

    [Fact]
    public void Sqn_Conversions()
    {
        var b = new byte[6];
        Sqn.Write(0xff9bb4d0b607, b);
        Assert.Equal("ff9bb4d0b607", Convert.ToHexStringLower(b));
        Assert.Equal(0xff9bb4d0b607UL, Sqn.ToUInt64(b));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sqn.Write(1UL << 48, b));
    }

    [Fact]
    public void Policy_Next_IncrementsSeqAndCyclesInd()
    {
        var p = new SqnFreshnessPolicy(indBits: 5);
        ulong sqn = p.Compose(10, 31);
        ulong next = p.Next(sqn);
        Assert.Equal(11UL, p.Seq(next));
        Assert.Equal(0, p.Ind(next));
        Assert.Equal(1, p.Ind(p.Next(next)));
    }

    [Fact]
    public void Policy_Verify_FreshReplayDeltaAndAge()
    {
        var p = new SqnFreshnessPolicy(indBits: 2, delta: 100, ageLimit: 10);
        SqnArray usim = p.CreateArray();
        Assert.Equal(4, usim.Length);
        ulong s = p.Compose(50, 1);
        Assert.Equal(SqnCheck.Fresh, p.Verify(usim, s));
        p.Accept(usim, s);
        Assert.Equal(SqnCheck.NotFresh, p.Verify(usim, s));
        // Same SEQ with another IND is fresh: that slot has not seen it (the point of the array).
        Assert.Equal(SqnCheck.Fresh, p.Verify(usim, p.Compose(45, 2)));
        // More than L below the highest accepted SEQ is too old even in an unused slot.
        Assert.Equal(SqnCheck.TooOld, p.Verify(usim, p.Compose(40, 3)));
        // More than Δ ahead is rejected (wrap-around protection).
        Assert.Equal(SqnCheck.TooFarAhead, p.Verify(usim, p.Compose(151, 1)));
        Assert.Equal(SqnCheck.Fresh, p.Verify(usim, p.Compose(150, 1)));
        Assert.Equal(s, p.SqnMs(usim));
        Assert.Throws<ArgumentException>(() => p.Verify(new SqnArray(8), s));
    }

    [Fact]
    public void Policy_Resynchronise_JumpsToSqnMsOnlyWhenNeeded()
    {
        var p = new SqnFreshnessPolicy(indBits: 5, delta: 1000);
        ulong sqnMs = p.Compose(500, 3);
        // HE behind the USIM: continue from SEQ_MS so the next vector is SEQ_MS + 1.
        ulong he = p.Resynchronise(p.Compose(100, 7), sqnMs);
        Assert.Equal(500UL, p.Seq(he));
        Assert.Equal(501UL, p.Seq(p.Next(he)));
        // HE ahead but within Δ: keep it.
        ulong ahead = p.Compose(600, 7);
        Assert.Equal(ahead, p.Resynchronise(ahead, sqnMs));
        // HE more than Δ ahead: the USIM would reject, so fall back to SEQ_MS.
        Assert.Equal(500UL, p.Seq(p.Resynchronise(p.Compose(5000, 7), sqnMs)));
    }

    [Fact]
    public void Policy_BadConfiguration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqnFreshnessPolicy(indBits: 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqnFreshnessPolicy(delta: 0));
        var p = new SqnFreshnessPolicy();
        Assert.Throws<InvalidOperationException>(() => p.Next(Sqn.Max));
    }
}
