// Properties of TS 33.501 Annex D ciphering/integrity: NEA is an involution; NIA depends on every input bit.
using CsCheck;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace GlassCore.Security.Tests;

public class NeaNiaPropertyTests
{
    private static readonly Gen<(byte Alg, byte[] Key, uint Count, byte Bearer, byte Direction, byte[] Data)> s_inputs =
        Gen.Select(Gen.Byte[0, 3], Gen.Byte.Array[16], Gen.UInt, Gen.Byte[0, 31], Gen.Byte[0, 1], Gen.Byte.Array[1, 300]);

    [Fact]
    public void Nea_DecryptOfEncrypt_IsIdentity_ForRandomBitLengths()
    {
        Gen.Select(s_inputs, Gen.Int[0, 7]).Sample((input, cut) =>
        {
            var (alg, key, count, bearer, direction, data) = input;
            long bits = ((long)data.Length * 8) - cut;
            var expected = (byte[])data.Clone();
            AlgorithmInputs.ClearTail(expected, bits);
            var work = (byte[])data.Clone();
            Nea.Apply((NasCipheringAlgorithm)alg, key, count, bearer, direction, work, bits);
            Nea.Apply((NasCipheringAlgorithm)alg, key, count, bearer, direction, work, bits);
            Assert.Equal(expected, work);
        }, iter: 300);
    }

    [Fact]
    public void Nea_CiphersSomething_ExceptNea0()
    {
        s_inputs.Where(t => t.Alg != 0 && t.Data.Length >= 8).Sample(t =>
        {
            var work = (byte[])t.Data.Clone();
            Nea.Apply((NasCipheringAlgorithm)t.Alg, t.Key, t.Count, t.Bearer, t.Direction, work);
            Assert.NotEqual(t.Data, work);
        }, iter: 100);
    }

    [Fact]
    public void Nia_OneBitChange_InMessageCountBearerOrDirection_ChangesMac()
    {
        Gen.Select(s_inputs.Where(t => t.Alg != 0), Gen.Int[0, int.MaxValue]).Sample((t, pick) =>
        {
            var alg = (NasIntegrityAlgorithm)t.Alg;
            long bits = (long)t.Data.Length * 8;
            var mac = new byte[4];
            var other = new byte[4];
            Nia.ComputeMac(alg, t.Key, t.Count, t.Bearer, t.Direction, t.Data, bits, mac);

            var flipped = (byte[])t.Data.Clone();
            int bit = pick % (t.Data.Length * 8);
            flipped[bit / 8] ^= (byte)(0x80 >> (bit % 8));
            Nia.ComputeMac(alg, t.Key, t.Count, t.Bearer, t.Direction, flipped, bits, other);
            Assert.NotEqual(mac, other);

            Nia.ComputeMac(alg, t.Key, t.Count ^ (1u << (pick % 32)), t.Bearer, t.Direction, t.Data, bits, other);
            Assert.NotEqual(mac, other);
            Nia.ComputeMac(alg, t.Key, t.Count, (byte)(t.Bearer ^ (1 << (pick % 5))), t.Direction, t.Data, bits, other);
            Assert.NotEqual(mac, other);
            Nia.ComputeMac(alg, t.Key, t.Count, t.Bearer, (byte)(t.Direction ^ 1), t.Data, bits, other);
            Assert.NotEqual(mac, other);
        }, iter: 200);
    }

    [Fact]
    public void Nia_IgnoresBitsPastLength()
    {
        s_inputs.Sample(t =>
        {
            var alg = (NasIntegrityAlgorithm)t.Alg;
            long bits = ((long)t.Data.Length * 8) - 3;
            var a = new byte[4];
            var b = new byte[4];
            Nia.ComputeMac(alg, t.Key, t.Count, t.Bearer, t.Direction, t.Data, bits, a);
            var noisy = (byte[])t.Data.Clone();
            noisy[^1] ^= 0x07;
            Nia.ComputeMac(alg, t.Key, t.Count, t.Bearer, t.Direction, noisy, bits, b);
            Assert.Equal(a, b);
        }, iter: 100);
    }

    // An independent CMAC (BouncyCastle) over header || message must give NIA2 for whole-byte messages.
    [Fact]
    public void Nia2_MatchesBouncyCastleCmac_ForWholeBytes()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.UInt, Gen.Byte[0, 31], Gen.Byte[0, 1], Gen.Byte.Array[0, 200]).Sample((key, count, bearer, direction, msg) =>
        {
            byte[] input = new byte[8 + msg.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input, count);
            input[4] = (byte)((bearer << 3) | (direction << 2));
            msg.CopyTo(input, 8);
            var cmac = new CMac(new AesEngine());
            cmac.Init(new KeyParameter(key));
            cmac.BlockUpdate(input, 0, input.Length);
            var tag = new byte[16];
            cmac.DoFinal(tag, 0);
            var mac = new byte[4];
            Nia.ComputeMac(NasIntegrityAlgorithm.Nia2, key, count, bearer, direction, msg, mac);
            Assert.Equal(tag[..4], mac);
        }, iter: 300);
    }

    [Fact]
    public void Nea2_MatchesCtrBuiltOnDotNetAes()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.UInt, Gen.Byte[0, 31], Gen.Byte[0, 1], Gen.Byte.Array[0, 300]).Sample((key, count, bearer, direction, msg) =>
        {
            using var aes = System.Security.Cryptography.Aes.Create();
            aes.Key = key;
            int blocks = (msg.Length + 15) / 16;
            var counters = new byte[blocks * 16];
            for (int i = 0; i < blocks; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(counters.AsSpan(i * 16), count);
                counters[(i * 16) + 4] = (byte)((bearer << 3) | (direction << 2));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(counters.AsSpan((i * 16) + 8), (ulong)i);
            }
            byte[] ks = aes.EncryptEcb(counters, System.Security.Cryptography.PaddingMode.None);
            var expected = new byte[msg.Length];
            for (int i = 0; i < msg.Length; i++)
            {
                expected[i] = (byte)(msg[i] ^ ks[i]);
            }
            var work = (byte[])msg.Clone();
            Nea.Apply(NasCipheringAlgorithm.Nea2, key, count, bearer, direction, work);
            Assert.Equal(expected, work);
        }, iter: 200);
    }

    [Fact]
    public void Nea2_CounterCarriesAcross64Bits()
    {
        // The counter block is a 128-bit integer: check a CTR run whose low half wraps (via the internal primitive).
        byte[] key = new byte[16];
        byte[] counter = Convert.FromHexString("0000000000000000ffffffffffffffff");
        var data = new byte[32];
        new Aes128(key).CtrXor(counter, data);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        byte[] expected = aes.EncryptEcb(Convert.FromHexString("0000000000000000ffffffffffffffff00000000000000010000000000000000"), System.Security.Cryptography.PaddingMode.None);
        Assert.Equal(expected, data);
    }

    [Fact]
    public void Nia0_IsZeroMac_AndNea0_LeavesData()
    {
        var mac = new byte[] { 1, 2, 3, 4 };
        Nia.ComputeMac(NasIntegrityAlgorithm.Nia0, [], 5, 1, 0, [1, 2, 3], mac);
        Assert.Equal(new byte[4], mac);
        byte[] data = [1, 2, 3];
        Nea.Apply(NasCipheringAlgorithm.Nea0, [], 5, 1, 0, data);
        Assert.Equal(new byte[] { 1, 2, 3 }, data);
    }

    [Fact]
    public void BadArguments_AreArgumentExceptions()
    {
        var data = new byte[10];
        var mac = new byte[4];
        byte[] key = new byte[16];
        Assert.Throws<ArgumentException>(() => Nea.Apply(NasCipheringAlgorithm.Nea2, new byte[15], 0, 0, 0, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nea.Apply(NasCipheringAlgorithm.Nea1, key, 0, 32, 0, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nea.Apply(NasCipheringAlgorithm.Nea3, key, 0, 0, 2, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nea.Apply(NasCipheringAlgorithm.Nea2, key, 0, 0, 0, data, 81));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nea.Apply(NasCipheringAlgorithm.Nea2, key, 0, 0, 0, data, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nea.Apply((NasCipheringAlgorithm)7, key, 0, 0, 0, data));
        Assert.Throws<ArgumentException>(() => Nia.ComputeMac(NasIntegrityAlgorithm.Nia2, key, 0, 0, 0, data, new byte[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nia.ComputeMac(NasIntegrityAlgorithm.Nia3, key, 0, 0, 0, data, 81, mac));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nia.ComputeMac((NasIntegrityAlgorithm)9, key, 0, 0, 0, data, mac));
        Assert.False(Nia.Verify(NasIntegrityAlgorithm.Nia2, key, 0, 0, 0, data, new byte[3]));
    }
}
