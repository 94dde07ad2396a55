// TS 24.501 §7: the cause the decoder reports for each kind of malformed message.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class MalformedInputTests
{
    private static NasError Fail(string hex)
    {
        Assert.False(NasPdu.TryDecode(Convert.FromHexString(hex), out var pdu, out var error));
        Assert.Null(pdu);
        return error;
    }

    [Theory]
    [InlineData("")]
    [InlineData("7e")]
    [InlineData("7e00")]
    [InlineData("2e0101")]
    public void TooShortForTheHeader_IsMessageTooShort(string hex)
    {
        var e = Fail(hex);
        Assert.Equal(NasErrorKind.MessageTooShort, e.Kind);
    }

    [Fact]
    public void UnknownProtocolDiscriminator()
    {
        var e = Fail("0602940a");
        Assert.Equal(NasErrorKind.UnknownProtocolDiscriminator, e.Kind);
        Assert.Equal(NasCauses.ProtocolErrorUnspecified, e.Cause);
    }

    [Theory]
    [InlineData("7e0071", 2)]
    [InlineData("7e0040", 2)]
    [InlineData("2e0101c0", 3)]
    [InlineData("2e0101ff", 3)]
    public void UndefinedMessageType_IsCause97(string hex, int offset)
    {
        var e = Fail(hex);
        Assert.Equal(NasErrorKind.MessageTypeNonExistent, e.Kind);
        Assert.Equal(NasCauses.MessageTypeNonExistent, e.Cause);
        Assert.Equal(offset, e.Offset);
    }

    [Theory]
    // Registration request without its 5GS mobile identity, with a truncated one, and with a 5G-GUTI of 10 octets.
    [InlineData("7e004179", 4)]
    [InlineData("7e004179000bf2", 4)]
    [InlineData("7e004179000af2000000000000000000", 4)]
    // Registration type 0 is not defined (§9.11.3.7).
    [InlineData("7e004170000bf20000000000000000000000", 3)]
    // Authentication request without ABBA; PDU session establishment accept with a QoS rule that overruns its length.
    [InlineData("7e005600", 4)]
    [InlineData("2e0a00c2110006010009310101ff09060101000101", 5)]
    // 5GMM status without its cause.
    [InlineData("7e0064", 3)]
    public void MissingOrBrokenMandatoryIe_IsCause96(string hex, int offset)
    {
        var e = Fail(hex);
        Assert.Equal(NasErrorKind.InvalidMandatoryInformation, e.Kind);
        Assert.Equal(NasCauses.InvalidMandatoryInformation, e.Cause);
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void UnknownComprehensionRequiredIe_IsCause96_WithItsIei()
    {
        // Registration complete followed by IEI 0x05 (bits 5-8 zero: comprehension required, §7.6.1).
        var e = Fail("7e0043050100");
        Assert.Equal(NasErrorKind.UnknownComprehensionRequiredIe, e.Kind);
        Assert.Equal(NasCauses.InvalidMandatoryInformation, e.Cause);
        Assert.Equal(3, e.Offset);
        Assert.Equal(0x05, e.Iei);
    }

    [Fact]
    public void UnknownOptionalIes_AreKeptRaw_AndReencodedInPlace()
    {
        // 5GMM status... Service accept with an unknown TLV (0x3F), an unknown TLV-E (0x7F), then PDU session status.
        byte[] bytes = Convert.FromHexString("7e004e3f02aabb7f0001cc50022000");
        Assert.True(NasMessage.TryDecode(bytes, out var m, out _));
        var sa = Assert.IsType<ServiceAccept>(m);
        Assert.Equal(2, sa.RawIes.Count);
        Assert.All(sa.RawIes, r => Assert.Equal(RawIeReason.Unknown, r.Reason));
        Assert.True(sa.PduSessionStatus!.Value.IsSet(5));
        Assert.Equal(bytes, sa.ToArray());
    }

    [Fact]
    public void RepeatedAndInvalidOptionalIes_AreIgnored_ButKeptForReencoding()
    {
        // Service accept: PDU session status twice, then a T3448 value with no octets (invalid: treated as absent, §7.7.2).
        byte[] bytes = Convert.FromHexString("7e004e50022000500201006b00");
        Assert.True(NasMessage.TryDecode(bytes, out var m, out _));
        var sa = Assert.IsType<ServiceAccept>(m);
        Assert.Equal(0x0020, sa.PduSessionStatus!.Value.Mask);
        Assert.Null(sa.T3448Value);
        Assert.Equal([RawIeReason.Duplicate, RawIeReason.Invalid], sa.RawIes.Select(r => r.Reason));
        Assert.Equal(bytes, sa.ToArray());
    }

    [Fact]
    public void TruncatedOptionalIe_IsKeptRaw()
    {
        byte[] bytes = Convert.FromHexString("7e004e5002");
        Assert.True(NasMessage.TryDecode(bytes, out var m, out _));
        Assert.Null(((ServiceAccept)m).PduSessionStatus);
        Assert.Equal(RawIeReason.Truncated, Assert.Single(m.RawIes).Reason);
        Assert.Equal(bytes, m.ToArray());
    }

    [Fact]
    public void OptionalIesOutOfOrder_ReencodeAsReceived()
    {
        byte[] bytes = Convert.FromHexString("7e004e2602010050022000");
        Assert.True(NasMessage.TryDecode(bytes, out var m, out _));
        Assert.Empty(m.RawIes);
        Assert.Equal(bytes, m.ToArray());
    }

    [Fact]
    public void ProtectedHeader_WithUndefinedType_IsReported()
    {
        var e = Fail("7e0700000000007e0043");
        Assert.Equal(NasErrorKind.InvalidSecurityHeader, e.Kind);
    }

    [Fact]
    public void Encoding_WithoutAMandatoryIe_IsACallerError()
    {
        var m = new RegistrationReject();
        Assert.Throws<InvalidOperationException>(() => m.ToArray());
        m.Cause = OctetValue.Create(7);
        Assert.Equal(Convert.FromHexString("7e004407"), m.ToArray());
    }

    [Theory]
    [InlineData("7e0067010003aabbcc")]
    [InlineData("7e0068010003aabbcc")]
    public void N1SmPayload_WithoutPduSessionId_IsCause100(string hex)
    {
        // UL/DL NAS transport, payload container type 1 (N1 SM information), a 3-octet payload, no PDU session ID.
        var e = Fail(hex);
        Assert.Equal(NasErrorKind.ConditionalIeError, e.Kind);
        Assert.Equal(NasCauses.ConditionalIeError, e.Cause);
        Assert.Equal(0x12, e.Iei);
        // With the PDU session ID (IEI 0x12) the same message decodes; an SMS payload needs none.
        Assert.True(NasPdu.TryDecode(Convert.FromHexString(hex + "1205"), out _, out var ok), ok.ToString());
        Assert.True(NasPdu.TryDecode(Convert.FromHexString(hex[..6] + "02" + hex[8..]), out _, out ok), ok.ToString());
    }

    private static void AssertConditional(string hex, byte missingIei)
    {
        var e = Fail(hex);
        Assert.Equal((NasErrorKind.ConditionalIeError, NasCauses.ConditionalIeError, missingIei), (e.Kind, e.Cause, e.Iei));
    }

    private static void AssertDecodes(string hex) =>
        Assert.True(NasPdu.TryDecode(Convert.FromHexString(hex), out _, out var error), error.ToString());

    private const string RegistrationRequestBase = "7e004179000d0199f907f0ff00000000004739";

    [Fact]
    public void RegistrationRequest_PayloadContainerWithoutItsType_OrTheReverse_IsCause100()
    {
        AssertConditional(RegistrationRequestBase + "81", 0x7B);
        AssertConditional(RegistrationRequestBase + "7b0003aabbcc", 0x80);
        AssertDecodes(RegistrationRequestBase + "817b0003aabbcc");
        AssertDecodes(RegistrationRequestBase);
    }

    [Fact]
    public void ControlPlaneServiceRequest_PayloadContainerWithoutItsType_OrTheReverse_IsCause100()
    {
        AssertConditional("7e004f0081", 0x7B);
        AssertConditional("7e004f007b0003aabbcc", 0x80);
        AssertDecodes("7e004f00817b0003aabbcc");
    }

    private const string AuthenticationRequestBase = "7e005600020000";
    private const string Rand = "21" + "00112233445566778899aabbccddeeff";
    private const string Autn = "2010" + "ffeeddccbbaa99887766554433221100";
    private const string EapSuccess = "78000403010004";

    [Fact]
    public void AuthenticationRequest_RandWithoutAutn_OrNoMethod_IsCause100()
    {
        AssertConditional(AuthenticationRequestBase + Rand, 0x20);
        AssertConditional(AuthenticationRequestBase + Autn, 0x21);
        AssertConditional(AuthenticationRequestBase, 0x78);
        AssertDecodes(AuthenticationRequestBase + Rand + Autn);
        AssertDecodes(AuthenticationRequestBase + EapSuccess);
    }

    [Fact]
    public void PduSessionEstablishmentAccept_IpSessionWithoutPduAddress_IsCause100()
    {
        // IPv4 (selected PDU session type 1), one default QoS rule, session-AMBR; no PDU address.
        const string Accept = "2e0101c211000901000631310101fe01060b00010b0001";
        AssertConditional(Accept, 0x29);
        AssertDecodes(Accept + "2905010a2d0001");
        // Ethernet (type 5) has no PDU address.
        AssertDecodes(Accept.Replace("c211", "c215", StringComparison.Ordinal));
    }
}
