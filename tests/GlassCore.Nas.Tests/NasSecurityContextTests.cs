// TS 24.501 §4.4: protection and checking of NAS messages between a network and a UE context.
using System.Buffers.Binary;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Nas.Tests;

public class NasSecurityContextTests
{
    private static readonly byte[] s_kInt = Convert.FromHexString("2bd6459f82c5b300952c49104881ff48");
    private static readonly byte[] s_kEnc = Convert.FromHexString("d3c5d592327fb11c4035c6680af8c6d1");
    private static readonly byte[] s_plain = Convert.FromHexString("7e00680100052e0a00d324120a");

    private static (NasSecurityContext Amf, NasSecurityContext Ue) Pair(NasIntegrityAlgorithm nia, NasCipheringAlgorithm nea) =>
        (new NasSecurityContext(NasRole.Network, s_kInt, s_kEnc, nia, nea), new NasSecurityContext(NasRole.Ue, s_kInt, s_kEnc, nia, nea));

    public static TheoryData<NasIntegrityAlgorithm, NasCipheringAlgorithm> Algorithms()
    {
        var d = new TheoryData<NasIntegrityAlgorithm, NasCipheringAlgorithm>();
        foreach (var nia in Enum.GetValues<NasIntegrityAlgorithm>())
        {
            foreach (var nea in Enum.GetValues<NasCipheringAlgorithm>())
            {
                d.Add(nia, nea);
            }
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Downlink_And_Uplink_RoundTrip_WithEveryAlgorithm(NasIntegrityAlgorithm nia, NasCipheringAlgorithm nea)
    {
        var (amf, ue) = Pair(nia, nea);
        for (int i = 0; i < 3; i++)
        {
            byte[] dl = amf.Protect(s_plain, SecurityHeaderType.IntegrityProtectedAndCiphered);
            Assert.Equal(i, dl[6]);
            Assert.Equal(nea != NasCipheringAlgorithm.Nea0, !dl.AsSpan(7).SequenceEqual(s_plain));
            Assert.Equal(NasSecurityStatus.Ok, ue.Unprotect(dl, out byte[] plain, out var sht));
            Assert.Equal(SecurityHeaderType.IntegrityProtectedAndCiphered, sht);
            Assert.Equal(s_plain, plain);

            byte[] ul = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
            Assert.Equal(s_plain, ul[7..]);
            Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(ul, out plain, out _));
            Assert.Equal(s_plain, plain);
        }
        Assert.Equal(3u, amf.DownlinkCount);
        Assert.Equal(3u, amf.UplinkCount);
        Assert.Equal(3u, ue.DownlinkCount);
    }

    [Fact]
    public void Protect_WritesTheMacOfNia2_OverSqnAndCiphertext_WithDownlinkDirection()
    {
        var (amf, _) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        amf.SendCount = 0x0105;
        byte[] dl = amf.Protect(s_plain, SecurityHeaderType.IntegrityProtectedAndCiphered);
        byte[] expected = s_plain.ToArray();
        Nea.Apply(NasCipheringAlgorithm.Nea2, s_kEnc, 0x0105, 0, 1, expected);
        Assert.Equal(expected, dl[7..]);
        Span<byte> mac = stackalloc byte[4];
        Nia.ComputeMac(NasIntegrityAlgorithm.Nia2, s_kInt, 0x0105, 0, 1, dl.AsSpan(6), mac);
        Assert.Equal(mac.ToArray(), dl[2..6]);
        Assert.Equal(0x7E, dl[0]);
        Assert.Equal(2, dl[1]);
        Assert.Equal(0x05, dl[6]);
        Assert.True(SecurityProtectedNasMessage.TryDecode(dl, out var sp, out _));
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(mac), sp.MessageAuthenticationCode);
    }

    [Fact]
    public void TamperedMessage_IsAMacFailure_AndDoesNotAdvanceTheCount()
    {
        var (amf, ue) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        byte[] ul = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtectedAndCiphered);
        ul[^1] ^= 0x01;
        Assert.Equal(NasSecurityStatus.MacFailure, amf.Unprotect(ul, out byte[] plain, out _));
        Assert.Empty(plain);
        Assert.Equal(0u, amf.UplinkCount);
    }

    [Theory]
    [InlineData(NasIntegrityAlgorithm.Nia1)]
    [InlineData(NasIntegrityAlgorithm.Nia2)]
    [InlineData(NasIntegrityAlgorithm.Nia3)]
    public void ReplayedMessage_IsDetected(NasIntegrityAlgorithm nia)
    {
        var (amf, ue) = Pair(nia, NasCipheringAlgorithm.Nea2);
        byte[] first = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        byte[] second = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(first, out _, out _));
        Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(second, out _, out _));
        Assert.Equal(NasSecurityStatus.Replay, amf.Unprotect(first, out _, out _));
        Assert.Equal(NasSecurityStatus.Replay, amf.Unprotect(second, out _, out _));
        Assert.Equal(2u, amf.UplinkCount);
    }

    [Fact]
    public void SequenceNumberWrap_IncrementsTheOverflowCounter()
    {
        var (amf, ue) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        ue.SendCount = 0xFE;
        amf.NextReceiveCount = 0xFE;
        for (int i = 0; i < 4; i++)
        {
            byte[] m = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtectedAndCiphered);
            Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(m, out byte[] plain, out _));
            Assert.Equal(s_plain, plain);
        }
        Assert.Equal(0x102u, amf.UplinkCount);
        Assert.Equal(0x102u, ue.UplinkCount);
    }

    [Fact]
    public void LostMessages_DoNotBreakTheCountEstimate()
    {
        var (amf, ue) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        byte[] third = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(third, out _, out _));
        Assert.Equal(3u, amf.UplinkCount);
    }

    [Fact]
    public void CountOverflow_StopsProtection_AndReception()
    {
        var (amf, ue) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        ue.SendCount = NasSecurityContext.MaxCount;
        amf.NextReceiveCount = NasSecurityContext.MaxCount;
        byte[] last = ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected);
        Assert.Equal(NasSecurityStatus.Ok, amf.Unprotect(last, out _, out _));
        Span<byte> buffer = stackalloc byte[64];
        Assert.Equal(NasSecurityStatus.CountExhausted, ue.TryProtect(s_plain, SecurityHeaderType.IntegrityProtected, buffer, out int written));
        Assert.Equal(0, written);
        Assert.Throws<InvalidOperationException>(() => ue.Protect(s_plain, SecurityHeaderType.IntegrityProtected));
        // Anything further (SQN 0 would need overflow 0x10000) cannot be accepted.
        last[6] = 0;
        Assert.Equal(NasSecurityStatus.CountExhausted, amf.Unprotect(last, out _, out _));
    }

    [Fact]
    public void PlainAndMalformed_AreReported()
    {
        var (amf, _) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2);
        Assert.Equal(NasSecurityStatus.NotProtected, amf.Unprotect(s_plain, out _, out _));
        Assert.Equal(NasSecurityStatus.Malformed, amf.Unprotect([0x7E, 0x05, 0, 0, 0, 0, 0, 0x7E], out _, out _));
        Assert.Equal(NasSecurityStatus.Malformed, amf.Unprotect([0x7E, 0x02, 0, 0], out _, out _));
        Assert.Equal(NasSecurityStatus.Malformed, amf.Unprotect([0x2E, 0x02, 0], out _, out _));
    }

    [Fact]
    public void ProtectedMessage_DecodesAsEnvelope_AndInnerMessageWithNea0()
    {
        var (amf, _) = Pair(NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea0);
        byte[] dl = amf.Protect(s_plain, SecurityHeaderType.IntegrityProtectedAndCiphered);
        Assert.True(NasPdu.TryDecode(dl, out var pdu, out _));
        var sp = Assert.IsType<SecurityProtectedNasMessage>(pdu);
        Assert.True(sp.IsCiphered);
        Assert.True(sp.TryDecodeInner(out var inner, out _));
        Assert.IsType<DlNasTransport>(inner);
        Assert.Equal(dl, sp.ToArray());
    }
}
