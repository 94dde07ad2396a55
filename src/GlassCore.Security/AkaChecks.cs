// TS 33.102 §6.3.3 (USIM check of AUTN) and TS 33.501 §6.1.3.2 (AUSF RES* and SEAF HRES* checks), in constant time.
using System.Security.Cryptography;

namespace GlassCore.Security;

/// <summary>Result of the USIM's AUTN check (TS 33.102 §6.3.3 / TS 24.501 §5.4.1.3.7 causes).</summary>
public enum AutnCheck
{
    Ok,
    /// <summary>XMAC ≠ MAC: the UE answers "MAC failure" (5GMM cause #20).</summary>
    MacFailure,
    /// <summary>The AMF separation bit is not 1 (TS 33.501 §6.1.3.2.0): "non-5G authentication unacceptable" (#26).</summary>
    AmfSeparationBitNotSet,
}

/// <summary>The authentication comparisons of 5G-AKA, all in constant time.</summary>
public static class AkaChecks
{
    /// <summary>
    /// UE side: SQN = AUTN[0..5] xor f5(RAND), XMAC = f1(SQN, RAND, AMF) compared with AUTN[8..15] in constant time,
    /// and the AMF separation bit (bit 0 of the AMF, the most significant bit) checked. <paramref name="sqn"/> receives
    /// SQN for the freshness check (<see cref="SqnFreshnessPolicy.Verify"/>), which is the caller's next step.
    /// </summary>
    public static AutnCheck VerifyAutn(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, Span<byte> sqn)
    {
        Milenage.Check(autn, 16, nameof(autn));
        Milenage.CheckOut(sqn, 6, nameof(sqn));
        Span<byte> ak = stackalloc byte[6];
        Milenage.F5(k, opc, rand, ak);
        for (int i = 0; i < 6; i++)
        {
            sqn[i] = (byte)(autn[i] ^ ak[i]);
        }
        Span<byte> xmac = stackalloc byte[8];
        Milenage.F1(k, opc, rand, sqn[..6], autn.Slice(6, 2), xmac);
        if (!CryptographicOperations.FixedTimeEquals(xmac, autn[8..]))
        {
            return AutnCheck.MacFailure;
        }
        return (autn[6] & 0x80) == 0 ? AutnCheck.AmfSeparationBitNotSet : AutnCheck.Ok;
    }

    /// <summary>AUSF: RES* from the UE equals XRES* (16 bytes each).</summary>
    public static bool ResStarMatches(ReadOnlySpan<byte> xresStar, ReadOnlySpan<byte> resStar) =>
        xresStar.Length == 16 && CryptographicOperations.FixedTimeEquals(xresStar, resStar);

    /// <summary>SEAF/AMF: HRES* computed from the UE's RES* equals the HXRES* received from the AUSF.</summary>
    public static bool HresStarMatches(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> resStar, ReadOnlySpan<byte> hxresStar)
    {
        if (resStar.Length != 16 || rand.Length != 16)
        {
            return false;
        }
        Span<byte> hres = stackalloc byte[16];
        KeyHierarchy.HxresStar(rand, resStar, hres);
        return CryptographicOperations.FixedTimeEquals(hres, hxresStar);
    }
}
