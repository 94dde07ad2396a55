// ETSI/SAGE UEA2 & UIA2 Document 2 (SNOW 3G specification): LFSR, FSM, S1/S2 boxes, initialisation and keystream mode.
using System.Runtime.CompilerServices;

namespace GlassCore.Security;

/// <summary>
/// SNOW 3G keystream generator. The S-boxes and the MULα/DIVα tables are computed from their definitions at start-up
/// (S_R is the AES S-box, S_Q comes from the Dickson polynomial g49 over GF(2^8) mod x^8+x^6+x^5+x^3+1, MULα and
/// DIVα from MULxPOW with 0xA9) rather than typed in, so a transcription error cannot hide in a table.
/// Key and IV are the spec's words k0..k3 and IV0..IV3.
/// </summary>
internal struct Snow3G
{
    private static readonly byte[] s_sr = BuildSr();
    private static readonly byte[] s_sq = BuildSq();
    private static readonly uint[] s_mulAlpha = BuildAlphaTable(23, 245, 48, 239);
    private static readonly uint[] s_divAlpha = BuildAlphaTable(16, 39, 6, 64);

    private Lfsr _s;
    private uint _r1, _r2, _r3;

    [InlineArray(16)]
    private struct Lfsr
    {
        private uint _s0;
    }

    public Snow3G(uint k0, uint k1, uint k2, uint k3, uint iv0, uint iv1, uint iv2, uint iv3)
    {
        const uint one = 0xFFFFFFFF;
        _s[15] = k3 ^ iv0;
        _s[14] = k2;
        _s[13] = k1;
        _s[12] = k0 ^ iv1;
        _s[11] = k3 ^ one;
        _s[10] = k2 ^ one ^ iv2;
        _s[9] = k1 ^ one ^ iv3;
        _s[8] = k0 ^ one;
        _s[7] = k3;
        _s[6] = k2;
        _s[5] = k1;
        _s[4] = k0;
        _s[3] = k3 ^ one;
        _s[2] = k2 ^ one;
        _s[1] = k1 ^ one;
        _s[0] = k0 ^ one;
        _r1 = _r2 = _r3 = 0;
        for (int i = 0; i < 32; i++)
        {
            uint f = ClockFsm();
            ClockLfsr(f);
        }
        // The first keystream-mode clock's FSM output is discarded.
        ClockFsm();
        ClockLfsr(0);
    }

    /// <summary>The next keystream word z_t.</summary>
    public uint Next()
    {
        uint z = ClockFsm() ^ _s[0];
        ClockLfsr(0);
        return z;
    }

    private uint ClockFsm()
    {
        uint f = (_s[15] + _r1) ^ _r2;
        uint r = _r2 + (_r3 ^ _s[5]);
        _r3 = S2(_r2);
        _r2 = S1(_r1);
        _r1 = r;
        return f;
    }

    // Initialisation mode feeds F back in; keystream mode is the same with F = 0.
    private void ClockLfsr(uint f)
    {
        uint s0 = _s[0], s11 = _s[11];
        uint v = (s0 << 8) ^ s_mulAlpha[s0 >> 24] ^ _s[2] ^ (s11 >> 8) ^ s_divAlpha[s11 & 0xFF] ^ f;
        for (int i = 0; i < 15; i++)
        {
            _s[i] = _s[i + 1];
        }
        _s[15] = v;
    }

    private static uint S1(uint w) => Mix(s_sr[w >> 24], s_sr[(w >> 16) & 0xFF], s_sr[(w >> 8) & 0xFF], s_sr[w & 0xFF], 0x1B);

    private static uint S2(uint w) => Mix(s_sq[w >> 24], s_sq[(w >> 16) & 0xFF], s_sq[(w >> 8) & 0xFF], s_sq[w & 0xFF], 0x69);

    // The MixColumn-style combination of the four substituted bytes (spec §3.3.1/§3.3.2).
    private static uint Mix(byte a0, byte a1, byte a2, byte a3, byte c)
    {
        byte m0 = MulX(a0, c), m1 = MulX(a1, c), m2 = MulX(a2, c), m3 = MulX(a3, c);
        uint r0 = (uint)(m0 ^ a1 ^ a2 ^ m3 ^ a3);
        uint r1 = (uint)(m0 ^ a0 ^ m1 ^ a2 ^ a3);
        uint r2 = (uint)(a0 ^ m1 ^ a1 ^ m2 ^ a3);
        uint r3 = (uint)(a0 ^ a1 ^ m2 ^ a2 ^ m3);
        return (r0 << 24) | (r1 << 16) | (r2 << 8) | r3;
    }

    internal static byte MulX(byte v, byte c) => (byte)((v & 0x80) != 0 ? (v << 1) ^ c : v << 1);

    private static byte MulXPow(byte v, int i, byte c)
    {
        for (; i > 0; i--)
        {
            v = MulX(v, c);
        }
        return v;
    }

    private static uint[] BuildAlphaTable(int e0, int e1, int e2, int e3)
    {
        var t = new uint[256];
        for (int c = 0; c < 256; c++)
        {
            byte b = (byte)c;
            t[c] = ((uint)MulXPow(b, e0, 0xA9) << 24) | ((uint)MulXPow(b, e1, 0xA9) << 16) | ((uint)MulXPow(b, e2, 0xA9) << 8) | MulXPow(b, e3, 0xA9);
        }
        return t;
    }

    // Multiplication in GF(2^8) modulo the given reduction polynomial (low 8 bits).
    private static byte GfMul(byte a, byte b, byte poly)
    {
        byte r = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                r ^= a;
            }
            a = MulX(a, poly);
            b >>= 1;
        }
        return r;
    }

    private static byte GfPow(byte a, int e, byte poly)
    {
        byte r = 1;
        for (; e > 0; e--)
        {
            r = GfMul(r, a, poly);
        }
        return r;
    }

    // S_R: the Rijndael S-box, x^-1 in GF(2^8) mod x^8+x^4+x^3+x+1 (0 maps to 0), then the affine map with 0x63.
    private static byte[] BuildSr()
    {
        var t = new byte[256];
        for (int x = 0; x < 256; x++)
        {
            byte inv = x == 0 ? (byte)0 : GfPow((byte)x, 254, 0x1B);
            int b = inv;
            int s = b ^ Rotl8(b, 1) ^ Rotl8(b, 2) ^ Rotl8(b, 3) ^ Rotl8(b, 4) ^ 0x63;
            t[x] = (byte)s;
        }
        return t;
    }

    private static int Rotl8(int b, int n) => ((b << n) | (b >> (8 - n))) & 0xFF;

    // S_Q: g49(x) = x + x^9 + x^13 + x^15 + x^33 + x^41 + x^45 + x^47 + x^49 over GF(2^8) mod x^8+x^6+x^5+x^3+1, xor 0x25.
    private static byte[] BuildSq()
    {
        ReadOnlySpan<int> exponents = [1, 9, 13, 15, 33, 41, 45, 47, 49];
        var t = new byte[256];
        for (int x = 0; x < 256; x++)
        {
            byte v = 0;
            foreach (int e in exponents)
            {
                v ^= GfPow((byte)x, e, 0x69);
            }
            t[x] = (byte)(v ^ 0x25);
        }
        return t;
    }
}
