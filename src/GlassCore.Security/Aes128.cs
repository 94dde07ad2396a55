// FIPS 197 AES-128 block encryption for the 3GPP algorithms (Milenage, 128-NEA2/NIA2, SUCI ECIES).
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace GlassCore.Security;

/// <summary>
/// An expanded AES-128 key on the stack. Milenage and the NAS algorithms encrypt a handful of single blocks per
/// call with a fresh key each time; .NET's <see cref="System.Security.Cryptography.Aes"/> allocates and crosses into
/// OpenSSL on every call (microseconds and 64 bytes per block), so with AES-NI the schedule and rounds use the
/// hardware instructions directly. Without AES-NI every block goes through .NET's Aes (ECB), which is correct but
/// slower; tests compare both paths.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Aes128
{
    private RoundKeys _rk;
    private byte[]? _fallbackKey;

    [InlineArray(11)]
    private struct RoundKeys
    {
        private Vector128<byte> _k0;
    }

    /// <summary>True when the hardware path is used (exposed for tests that cover both paths).</summary>
    internal static bool HardwareAccelerated => X86Aes.IsSupported;

    public Aes128(ReadOnlySpan<byte> key) : this(key, forceSoftware: false) { }

    internal Aes128(ReadOnlySpan<byte> key, bool forceSoftware)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("AES-128 needs a 16-byte key", nameof(key));
        }
        if (X86Aes.IsSupported && !forceSoftware)
        {
            _fallbackKey = null;
            Expand(key);
        }
        else
        {
            _fallbackKey = key.ToArray();
        }
    }

    private void Expand(ReadOnlySpan<byte> key)
    {
        Vector128<byte> k = Vector128.Create(key);
        _rk[0] = k;
        _rk[1] = k = Step(k, X86Aes.KeygenAssist(k, 0x01));
        _rk[2] = k = Step(k, X86Aes.KeygenAssist(k, 0x02));
        _rk[3] = k = Step(k, X86Aes.KeygenAssist(k, 0x04));
        _rk[4] = k = Step(k, X86Aes.KeygenAssist(k, 0x08));
        _rk[5] = k = Step(k, X86Aes.KeygenAssist(k, 0x10));
        _rk[6] = k = Step(k, X86Aes.KeygenAssist(k, 0x20));
        _rk[7] = k = Step(k, X86Aes.KeygenAssist(k, 0x40));
        _rk[8] = k = Step(k, X86Aes.KeygenAssist(k, 0x80));
        _rk[9] = k = Step(k, X86Aes.KeygenAssist(k, 0x1b));
        _rk[10] = Step(k, X86Aes.KeygenAssist(k, 0x36));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Step(Vector128<byte> key, Vector128<byte> assist)
    {
        // The new first word is RotWord(SubWord(w3)) ^ rcon ^ w0; the prefix XORs spread it over w1..w3.
        Vector128<byte> t = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Vector128<byte> EncryptVector(Vector128<byte> x)
    {
        x ^= _rk[0];
        x = X86Aes.Encrypt(x, _rk[1]);
        x = X86Aes.Encrypt(x, _rk[2]);
        x = X86Aes.Encrypt(x, _rk[3]);
        x = X86Aes.Encrypt(x, _rk[4]);
        x = X86Aes.Encrypt(x, _rk[5]);
        x = X86Aes.Encrypt(x, _rk[6]);
        x = X86Aes.Encrypt(x, _rk[7]);
        x = X86Aes.Encrypt(x, _rk[8]);
        x = X86Aes.Encrypt(x, _rk[9]);
        return X86Aes.EncryptLast(x, _rk[10]);
    }

    /// <summary>Encrypts one 16-byte block; input and output may overlap.</summary>
    public readonly void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length < 16 || output.Length < 16)
        {
            throw new ArgumentException("AES blocks are 16 bytes");
        }
        if (_fallbackKey is null)
        {
            EncryptVector(Vector128.Create(input)).CopyTo(output);
        }
        else
        {
            Span<byte> tmp = stackalloc byte[16];
            input[..16].CopyTo(tmp);
            Software(_fallbackKey).EncryptEcb(tmp, output[..16], PaddingMode.None);
        }
    }

    /// <summary>
    /// Encrypts <paramref name="blocks"/> in place (ECB over whole 16-byte blocks); four independent blocks are in
    /// flight at once so CTR keystream generation is not bound by the AESENC latency.
    /// </summary>
    public readonly void EncryptBlocks(Span<byte> blocks)
    {
        if ((blocks.Length & 15) != 0)
        {
            throw new ArgumentException("whole blocks only", nameof(blocks));
        }
        if (_fallbackKey is not null)
        {
            Software(_fallbackKey).EncryptEcb(blocks, blocks, PaddingMode.None);
            return;
        }
        ref byte b = ref MemoryMarshal.GetReference(blocks);
        int n = blocks.Length >> 4;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            int o = i << 4;
            Vector128<byte> x0 = Vector128.LoadUnsafe(ref b, (nuint)o) ^ _rk[0];
            Vector128<byte> x1 = Vector128.LoadUnsafe(ref b, (nuint)(o + 16)) ^ _rk[0];
            Vector128<byte> x2 = Vector128.LoadUnsafe(ref b, (nuint)(o + 32)) ^ _rk[0];
            Vector128<byte> x3 = Vector128.LoadUnsafe(ref b, (nuint)(o + 48)) ^ _rk[0];
            for (int r = 1; r < 10; r++)
            {
                Vector128<byte> k = _rk[r];
                x0 = X86Aes.Encrypt(x0, k);
                x1 = X86Aes.Encrypt(x1, k);
                x2 = X86Aes.Encrypt(x2, k);
                x3 = X86Aes.Encrypt(x3, k);
            }
            Vector128<byte> kl = _rk[10];
            X86Aes.EncryptLast(x0, kl).StoreUnsafe(ref b, (nuint)o);
            X86Aes.EncryptLast(x1, kl).StoreUnsafe(ref b, (nuint)(o + 16));
            X86Aes.EncryptLast(x2, kl).StoreUnsafe(ref b, (nuint)(o + 32));
            X86Aes.EncryptLast(x3, kl).StoreUnsafe(ref b, (nuint)(o + 48));
        }
        for (; i < n; i++)
        {
            EncryptVector(Vector128.LoadUnsafe(ref b, (nuint)(i << 4))).StoreUnsafe(ref b, (nuint)(i << 4));
        }
    }

    /// <summary>CBC-MAC step for CMAC: state = E(state ^ block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly void ChainBlock(Span<byte> state16, ReadOnlySpan<byte> block16)
    {
        if (_fallbackKey is null)
        {
            EncryptVector(Vector128.Create(state16) ^ Vector128.Create(block16)).CopyTo(state16);
        }
        else
        {
            Span<byte> tmp = stackalloc byte[16];
            for (int i = 0; i < 16; i++)
            {
                tmp[i] = (byte)(state16[i] ^ block16[i]);
            }
            Software(_fallbackKey).EncryptEcb(tmp, state16, PaddingMode.None);
        }
    }

    /// <summary>
    /// AES-CTR over <paramref name="data"/> in place: keystream block i is E(counter + i), the counter a 128-bit
    /// big-endian integer (TS 33.401 B.1.3 increments the whole block; only its low 64 bits move in practice).
    /// </summary>
    public readonly void CtrXor(ReadOnlySpan<byte> initialCounter, Span<byte> data)
    {
        if (initialCounter.Length != 16)
        {
            throw new ArgumentException("the counter block is 16 bytes", nameof(initialCounter));
        }
        ulong hi = BinaryPrimitives.ReadUInt64BigEndian(initialCounter);
        ulong lo = BinaryPrimitives.ReadUInt64BigEndian(initialCounter[8..]);
        Span<byte> ks = stackalloc byte[64];
        int at = 0;
        if (_fallbackKey is null)
        {
            ref byte d = ref MemoryMarshal.GetReference(data);
            for (; at + 64 <= data.Length; at += 64)
            {
                Vector128<byte> c0 = Counter(hi, lo);
                Vector128<byte> c1 = Counter(lo + 1 < lo ? hi + 1 : hi, lo + 1);
                Vector128<byte> c2 = Counter(lo + 2 < lo ? hi + 1 : hi, lo + 2);
                Vector128<byte> c3 = Counter(lo + 3 < lo ? hi + 1 : hi, lo + 3);
                if (lo + 4 < lo)
                {
                    hi++;
                }
                lo += 4;
                Vector128<byte> k0 = _rk[0];
                c0 ^= k0;
                c1 ^= k0;
                c2 ^= k0;
                c3 ^= k0;
                for (int r = 1; r < 10; r++)
                {
                    Vector128<byte> k = _rk[r];
                    c0 = X86Aes.Encrypt(c0, k);
                    c1 = X86Aes.Encrypt(c1, k);
                    c2 = X86Aes.Encrypt(c2, k);
                    c3 = X86Aes.Encrypt(c3, k);
                }
                Vector128<byte> kl = _rk[10];
                (X86Aes.EncryptLast(c0, kl) ^ Vector128.LoadUnsafe(ref d, (nuint)at)).StoreUnsafe(ref d, (nuint)at);
                (X86Aes.EncryptLast(c1, kl) ^ Vector128.LoadUnsafe(ref d, (nuint)(at + 16))).StoreUnsafe(ref d, (nuint)(at + 16));
                (X86Aes.EncryptLast(c2, kl) ^ Vector128.LoadUnsafe(ref d, (nuint)(at + 32))).StoreUnsafe(ref d, (nuint)(at + 32));
                (X86Aes.EncryptLast(c3, kl) ^ Vector128.LoadUnsafe(ref d, (nuint)(at + 48))).StoreUnsafe(ref d, (nuint)(at + 48));
            }
        }
        while (at < data.Length)
        {
            int n = Math.Min(64, data.Length - at);
            int blocks = (n + 15) >> 4;
            for (int b = 0; b < blocks; b++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(ks[(b * 16)..], hi);
                BinaryPrimitives.WriteUInt64BigEndian(ks[((b * 16) + 8)..], lo);
                if (++lo == 0)
                {
                    hi++;
                }
            }
            EncryptBlocks(ks[..(blocks * 16)]);
            Span<byte> chunk = data.Slice(at, n);
            for (int i = 0; i < n; i++)
            {
                chunk[i] ^= ks[i];
            }
            at += n;
        }
        CryptographicOperations.ZeroMemory(ks);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(ulong hi, ulong lo) =>
        Vector128.Create(BinaryPrimitives.ReverseEndianness(hi), BinaryPrimitives.ReverseEndianness(lo)).AsByte();

    /// <summary>CBC-MAC over whole blocks: state = E(state ^ block) for each 16-byte block of <paramref name="blocks"/>.</summary>
    internal readonly void CbcMac(Span<byte> state16, ReadOnlySpan<byte> blocks)
    {
        if (_fallbackKey is null)
        {
            Vector128<byte> st = Vector128.Create(state16);
            ref byte b = ref MemoryMarshal.GetReference(blocks);
            int n = blocks.Length & ~15;
            for (int at = 0; at < n; at += 16)
            {
                st = EncryptVector(st ^ Vector128.LoadUnsafe(ref b, (nuint)at));
            }
            st.CopyTo(state16);
            return;
        }
        for (int at = 0; at + 16 <= blocks.Length; at += 16)
        {
            ChainBlock(state16, blocks.Slice(at, 16));
        }
    }

    /// <summary>Wipes the round keys (they are the subscriber key in another form).</summary>
    public void Clear()
    {
        MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref _rk[0], 11)).Clear();
        if (_fallbackKey is not null)
        {
            CryptographicOperations.ZeroMemory(_fallbackKey);
        }
    }

    public override readonly string ToString() => "Aes128(key hidden)";

    [ThreadStatic]
    private static System.Security.Cryptography.Aes? t_aes;

    private static System.Security.Cryptography.Aes Software(byte[] key)
    {
        var aes = t_aes ??= System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return aes;
    }
}
