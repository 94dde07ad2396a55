// TS 35.206 §4.1: the Milenage functions f1, f1*, f2, f3, f4, f5, f5* and OPc, with the default constants r1..r5, c1..c5.
using System.Runtime.CompilerServices;

namespace GlassCore.Security;

/// <summary>
/// Milenage over a 128-bit subscriber key K. Stateless and allocation-free: the AES key schedule is expanded on the
/// stack on each call (with AES-NI that costs less than one block), so one K per call is as fast as a cached one.
/// Sizes: K, OP, OPc, RAND 16 bytes; SQN, AK, AK* 6; AMF 2; MAC-A, MAC-S, RES 8; CK, IK 16.
/// </summary>
public static class Milenage
{
    /// <summary>OPc = OP xor E_K(OP) (TS 35.206 §4.1): what the home network stores instead of OP.</summary>
    public static void ComputeOpc(ReadOnlySpan<byte> k, ReadOnlySpan<byte> op, Span<byte> opc)
    {
        Check(k, 16, nameof(k));
        Check(op, 16, nameof(op));
        CheckOut(opc, 16, nameof(opc));
        var aes = new Aes128(k);
        Span<byte> t = stackalloc byte[16];
        aes.EncryptBlock(op, t);
        Xor(t, op, opc);
        aes.Clear();
    }

    /// <summary>f1: network authentication code MAC-A (first 64 bits of OUT1).</summary>
    public static void F1(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA)
    {
        CheckOut(macA, 8, nameof(macA));
        Span<byte> out1 = stackalloc byte[16];
        Out1(k, opc, rand, sqn, amf, out1);
        out1[..8].CopyTo(macA);
    }

    /// <summary>f1*: re-synchronisation authentication code MAC-S (last 64 bits of OUT1).</summary>
    public static void F1Star(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macS)
    {
        CheckOut(macS, 8, nameof(macS));
        Span<byte> out1 = stackalloc byte[16];
        Out1(k, opc, rand, sqn, amf, out1);
        out1[8..].CopyTo(macS);
    }

    /// <summary>f1 and f1* together (one AES block less than calling both).</summary>
    public static void F1AndF1Star(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA, Span<byte> macS)
    {
        CheckOut(macA, 8, nameof(macA));
        CheckOut(macS, 8, nameof(macS));
        Span<byte> out1 = stackalloc byte[16];
        Out1(k, opc, rand, sqn, amf, out1);
        out1[..8].CopyTo(macA);
        out1[8..].CopyTo(macS);
    }

    /// <summary>f2 (RES), f3 (CK), f4 (IK) and f5 (AK) from one TEMP.</summary>
    public static void F2345(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, Span<byte> res, Span<byte> ck, Span<byte> ik, Span<byte> ak)
    {
        CheckOut(res, 8, nameof(res));
        CheckOut(ck, 16, nameof(ck));
        CheckOut(ik, 16, nameof(ik));
        CheckOut(ak, 6, nameof(ak));
        var aes = Begin(k, opc, rand, out Temp temp);
        Span<byte> o = stackalloc byte[16];
        OutN(ref aes, opc, temp, 0, 1, o);
        o.Slice(8, 8).CopyTo(res);
        o[..6].CopyTo(ak);
        OutN(ref aes, opc, temp, 4, 2, o);
        o.CopyTo(ck);
        OutN(ref aes, opc, temp, 8, 4, o);
        o.CopyTo(ik);
        aes.Clear();
    }

    /// <summary>f5 alone: the anonymity key AK (first 48 bits of OUT2).</summary>
    public static void F5(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, Span<byte> ak)
    {
        CheckOut(ak, 6, nameof(ak));
        var aes = Begin(k, opc, rand, out Temp temp);
        Span<byte> o = stackalloc byte[16];
        OutN(ref aes, opc, temp, 0, 1, o);
        o[..6].CopyTo(ak);
        aes.Clear();
    }

    /// <summary>f5*: the re-synchronisation anonymity key AK* (first 48 bits of OUT5).</summary>
    public static void F5Star(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, Span<byte> akStar)
    {
        CheckOut(akStar, 6, nameof(akStar));
        var aes = Begin(k, opc, rand, out Temp temp);
        Span<byte> o = stackalloc byte[16];
        OutN(ref aes, opc, temp, 12, 8, o);
        o[..6].CopyTo(akStar);
        aes.Clear();
    }

    [InlineArray(16)]
    private struct Temp
    {
        private byte _b0;
    }

    private static Aes128 Begin(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, out Temp temp)
    {
        Check(k, 16, nameof(k));
        Check(opc, 16, nameof(opc));
        Check(rand, 16, nameof(rand));
        var aes = new Aes128(k);
        temp = default;
        Span<byte> t = temp;
        Xor(rand, opc, t);
        aes.EncryptBlock(t, t);
        return aes;
    }

    // OUTn = E_K(rot(TEMP xor OPc, r) xor c) xor OPc; r is a whole number of bytes for every default constant.
    private static void OutN(ref Aes128 aes, ReadOnlySpan<byte> opc, in Temp temp, int rotBytes, byte c, Span<byte> output)
    {
        ReadOnlySpan<byte> t = temp;
        Span<byte> x = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            int j = (i + rotBytes) & 15;
            x[i] = (byte)(t[j] ^ opc[j]);
        }
        x[15] ^= c;
        aes.EncryptBlock(x, x);
        Xor(x, opc, output);
    }

    // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, IN1 = SQN || AMF || SQN || AMF, r1 = 64, c1 = 0.
    private static void Out1(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> out1)
    {
        Check(sqn, 6, nameof(sqn));
        Check(amf, 2, nameof(amf));
        var aes = Begin(k, opc, rand, out Temp temp);
        ReadOnlySpan<byte> t = temp;
        Span<byte> in1 = stackalloc byte[16];
        sqn.CopyTo(in1);
        amf.CopyTo(in1[6..]);
        in1[..8].CopyTo(in1[8..]);
        Span<byte> x = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            int j = (i + 8) & 15;
            x[i] = (byte)(t[i] ^ in1[j] ^ opc[j]);
        }
        aes.EncryptBlock(x, x);
        Xor(x, opc, out1);
        aes.Clear();
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (byte)(a[i] ^ b[i]);
        }
    }

    internal static void Check(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{name} must be {length} bytes, got {value.Length}", name);
        }
    }

    internal static void CheckOut(Span<byte> value, int length, string name)
    {
        if (value.Length < length)
        {
            throw new ArgumentException($"{name} needs room for {length} bytes, has {value.Length}", name);
        }
    }
}
