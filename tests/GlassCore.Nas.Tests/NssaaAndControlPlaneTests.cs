// TS 24.501 §8.2.30-§8.2.33: the control plane service request and the network slice-specific authentication messages,
// their IE layout cross-checked with tshark, and the causes of §7.5 (#96) and §7.7.2 (#100) for malformed ones.
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Nas.Tests;

public class NssaaAndControlPlaneTests
{
    // S-NSSAI SST 1 SD 000002 (LV), EAP-Request/Identity id 7 (LV-E).
    private const string SNssaiLv = "0401000002";
    private const string EapLvE = "00050107000501";

    [Theory]
    [InlineData("50", typeof(NetworkSliceSpecificAuthenticationCommand))]
    [InlineData("51", typeof(NetworkSliceSpecificAuthenticationComplete))]
    [InlineData("52", typeof(NetworkSliceSpecificAuthenticationResult))]
    public void NssaaMessages_DecodeTheirSNssaiAndEap_AsTsharkDoes(string type, Type expected)
    {
        byte[] pdu = Convert.FromHexString("7e00" + type + SNssaiLv + EapLvE);
        Assert.True(NasMessage.TryDecode(pdu, out var m, out var error), error.ToString());
        Assert.IsType(expected, m);
        var sNssai = (SNssai)m.GetType().GetProperty("SNssai")!.GetValue(m)!;
        var eap = (OctetString)m.GetType().GetProperty("EapMessage")!.GetValue(m)!;
        Assert.Equal(new SNssaiValue(1, 2), sNssai.Get());
        Assert.Equal("0107000501", Convert.ToHexStringLower(eap.Value.Span));
        Assert.Equal(pdu, m.ToArray());

        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        using var doc = Tshark.DissectRecords([pdu], "nas-5gs");
        var layers = doc.RootElement[0].GetProperty("_source").GetProperty("layers");
        var body = layers.GetProperty("nas-5gs").GetProperty("Plain NAS 5GS Message");
        Assert.Equal("0x" + type, body.GetProperty("nas_5gs.mm.message_type").GetString());
        var tsharkSNssai = body.GetProperty("S-NSSAI");
        Assert.Equal("1", tsharkSNssai.GetProperty("nas_5gs.mm.sst").GetString());
        Assert.Equal("2", tsharkSNssai.GetProperty("nas_5gs.mm.mm_sd").GetString());
        Assert.True(body.TryGetProperty("EAP message", out _));
        Assert.False(layers.TryGetProperty("_ws.malformed", out _));
    }

    [Theory]
    // No EAP message; an EAP message of 3 octets (an EAP packet has at least 4); no S-NSSAI at all;
    // an S-NSSAI of 3 octets (§9.11.2.8 allows 1, 2, 4, 5, 8); an S-NSSAI length running past the message.
    [InlineData("7e0050" + SNssaiLv, 8)]
    [InlineData("7e0050" + SNssaiLv + "0003010700", 8)]
    [InlineData("7e0051", 3)]
    [InlineData("7e0051" + "03010000" + EapLvE, 3)]
    [InlineData("7e0052" + "09010000", 3)]
    public void NssaaMessages_WithAMissingOrBrokenMandatoryIe_AreCause96(string hex, int offset)
    {
        Assert.False(NasPdu.TryDecode(Convert.FromHexString(hex), out _, out var e));
        Assert.Equal((NasErrorKind.InvalidMandatoryInformation, NasCauses.InvalidMandatoryInformation, offset), (e.Kind, e.Cause, e.Offset));
    }

    [Fact]
    public void ControlPlaneServiceRequest_ServiceTypeIsInBits1To4_AndNgKsiInBits5To8_AsTsharkReadsThem()
    {
        // ngKSI 3 and control plane service type 2 ("emergency services", §9.11.3.18D): octet 0x32; then a CIoT small data
        // container (control plane user data of PDU session 1) and a NAS message container with a plain registration complete.
        byte[] pdu = Convert.FromHexString("7e004f" + "32" + "6f0301aabb" + "7100037e0043");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out var error), error.ToString());
        var cpsr = Assert.IsType<ControlPlaneServiceRequest>(m);
        Assert.Equal(3, cpsr.NgKsi.Ksi);
        Assert.Equal(2, cpsr.ControlPlaneServiceType.Value);
        Assert.Equal("01aabb", Convert.ToHexStringLower(cpsr.CiotSmallDataContainer!.Value.Value.Span));
        Assert.Equal("7e0043", Convert.ToHexStringLower(cpsr.NasMessageContainer!.Value.Value.Span));
        Assert.Empty(cpsr.RawIes);
        Assert.Equal(pdu, cpsr.ToArray());

        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        string capture = Tshark.TempPcap(pdu, Tshark.UserDlt0);
        try
        {
            var row = Assert.Single(Tshark.FieldsWithOptions(capture, "nas-5gs", ["-o", Tshark.UserDlt("nas-5gs")],
                "nas_5gs.mm.ctrl_plane_serv_type", "nas_5gs.mm.nas_key_set_id.h1", "nas_5gs.mm.ciot_small_data_cont.pdu_session_id"));
            Assert.Equal(["2", "3", "1"], row);
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public void ControlPlaneServiceRequest_PduSessionIdWithoutItsPayload_IsKept_ButAPayloadNeedsItsType()
    {
        // §8.2.30.5: the PDU session ID goes with an N1 SM payload; alone it is not an error of the message's syntax.
        Assert.True(NasPdu.TryDecode(Convert.FromHexString("7e004f00" + "1205"), out _, out var ok), ok.ToString());
        // §7.7.2: a payload container without its type is a conditional IE error (#100), with the IEI of the missing type.
        Assert.False(NasPdu.TryDecode(Convert.FromHexString("7e004f00" + "7b00032e0501"), out _, out var e));
        Assert.Equal((NasErrorKind.ConditionalIeError, NasCauses.ConditionalIeError, (byte)0x80), (e.Kind, e.Cause, e.Iei));
    }
}
