// RFC 9048 / RFC 4187 §8-§10: the EAP-AKA' codec the AUSF, AMF and simulated UE share, built packets read back and
// malformed ones refused with an error rather than an exception.
using System.Buffers.Binary;
using System.Security.Cryptography;
using GlassCore.Security;

namespace GlassCore.Security.Tests;

public sealed class EapAkaPrimePacketTests
{
    private static readonly byte[] KAut = Convert.FromHexString("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
    private const string Snn = "5G:mnc070.mcc999.3gppnetwork.org";

    [Fact]
    public void Challenge_BuildThenParse_AttributesAndMacVerify()
    {
        byte[] rand = RandomNumberGenerator.GetBytes(16), autn = RandomNumberGenerator.GetBytes(16);
        byte[] p = EapAkaPrimePacket.BuildChallenge(42, rand, autn, Snn, KAut);

        Assert.True(EapAkaPrimePacket.TryParse(p, out var m, out string error), error);
        Assert.Equal((EapAkaPrimePacket.CodeRequest, (byte)42, EapAkaPrimePacket.SubtypeChallenge), (m.Code, m.Identifier, m.Subtype));
        Assert.Equal(rand, m.Rand);
        Assert.Equal(autn, m.Autn);
        Assert.Equal([EapAkaPrimePacket.KdfCkIkPrimeSha256], m.Kdfs);
        Assert.Equal(Snn, m.KdfInput);
        Assert.True(EapAkaPrimePacket.MacValid(p, m.MacOffset, KAut));
        // One flipped bit anywhere in the packet, or another K_aut, fails the MAC.
        p[12] ^= 1;
        Assert.False(EapAkaPrimePacket.MacValid(p, m.MacOffset, KAut));
        p[12] ^= 1;
        Assert.False(EapAkaPrimePacket.MacValid(p, m.MacOffset, new byte[32]));
    }

    [Fact]
    public void ChallengeResponse_Build_ResInBitsAndMacOverWholePacket()
    {
        byte[] res = Convert.FromHexString("A54211D5E3BA50BF");
        byte[] p = EapAkaPrimePacket.BuildChallengeResponse(7, res, KAut);

        // RFC 4187 §10.8: AT_RES, length 3 words, RES length 64 bits; §10.15: AT_MAC last, 5 words.
        Assert.Equal([2, 7, 0, 40, 50, 1, 0, 0, 3, 3, 0, 64], p[..12]);
        Assert.Equal(11, p[20]);
        byte[] zeroed = (byte[])p.Clone();
        Array.Clear(zeroed, 24, 16);
        Assert.Equal(HMACSHA256.HashData(KAut, zeroed)[..16], p[24..]);
        Assert.True(EapAkaPrimePacket.TryParse(p, out var m, out _));
        Assert.Equal(res, m.Res);
        Assert.Equal(64, m.ResBits);
        Assert.Equal(24, m.MacOffset);
    }

    [Fact]
    public void SynchronizationFailureRejectClientError_Build_Parse()
    {
        byte[] auts = RandomNumberGenerator.GetBytes(14);
        Assert.True(EapAkaPrimePacket.TryParse(EapAkaPrimePacket.BuildSynchronizationFailure(3, auts), out var sync, out _));
        Assert.Equal(EapAkaPrimePacket.SubtypeSynchronizationFailure, sync.Subtype);
        Assert.Equal(auts, sync.Auts);
        Assert.Equal([2, 4, 0, 8, 50, 2, 0, 0], EapAkaPrimePacket.BuildAuthenticationReject(4));
        Assert.True(EapAkaPrimePacket.TryParse(EapAkaPrimePacket.BuildClientError(5), out var clientError, out _));
        Assert.Equal((ushort)0, clientError.ClientErrorCode);
        Assert.True(EapAkaPrimePacket.TryParse(EapAkaPrimePacket.Success(9), out var success, out _));
        Assert.Equal((EapAkaPrimePacket.CodeSuccess, (byte)9), (success.Code, success.Identifier));
    }

    [Fact]
    public void TryParse_Malformed_ErrorNotException()
    {
        byte[] good = EapAkaPrimePacket.BuildChallenge(1, new byte[16], new byte[16], Snn, KAut);
        // Length field disagreeing with the packet.
        byte[] longer = [.. good, 0];
        Assert.False(EapAkaPrimePacket.TryParse(longer, out _, out string e1));
        Assert.Contains("length", e1, StringComparison.Ordinal);
        // An attribute running past the end.
        byte[] overrun = (byte[])good.Clone();
        overrun[9] = 200;
        Assert.False(EapAkaPrimePacket.TryParse(overrun, out _, out _));
        // A zero-length attribute would loop forever if accepted.
        byte[] zero = (byte[])good.Clone();
        zero[9] = 0;
        Assert.False(EapAkaPrimePacket.TryParse(zero, out _, out _));
        // An unknown non-skippable attribute (type < 128) fails the packet (RFC 4187 §8.1); a skippable one is ignored.
        byte[] unknown = Attribute(good, 99);
        Assert.False(EapAkaPrimePacket.TryParse(unknown, out _, out string e2));
        Assert.Contains("non-skippable", e2, StringComparison.Ordinal);
        Assert.True(EapAkaPrimePacket.TryParse(Attribute(good, 200), out _, out _));
        // Every truncation of a valid packet, with its length field fixed up, is refused or parsed, never thrown.
        for (int n = 0; n < good.Length; n++)
        {
            byte[] cut = good[..n];
            if (n >= 4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(cut.AsSpan(2), (ushort)n);
            }
            _ = EapAkaPrimePacket.TryParse(cut, out _, out _);
        }
    }

    [Fact]
    public void KeyIdentity_ImsiSupi_Digits()
    {
        Assert.Equal("999700000000103", EapAkaPrimePacket.KeyIdentity("imsi-999700000000103"));
        Assert.Equal("nai-user@example.org", EapAkaPrimePacket.KeyIdentity("nai-user@example.org"));
    }

    /// <summary>The packet with a 4-octet attribute of <paramref name="type"/> appended (the length field updated).</summary>
    private static byte[] Attribute(byte[] packet, byte type)
    {
        byte[] p = [.. packet, type, 1, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        return p;
    }
}
