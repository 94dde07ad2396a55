// TS 24.501 Rel-18/19 IEs in our tables (nas-messages.tsv): decoded as known IEs, not left to the unknown-IE handling of §7.6.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class Rel18IeTests
{
    [Fact]
    public void RegistrationRequest_Rel18Ies_AreKnownAndReencodeIdentically()
    {
        // Unavailability information (3C), Non-3GPP path switching information (3F), AUN3 indication (56),
        // Requested LP-WUSPS assistance information (64), each with one value octet.
        byte[] pdu = Convert.FromHexString("7e004179000d0199f907f0ff00000000004739" + "3c0101" + "3f0101" + "560101" + "640101");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out var error), error.ToString());
        var request = Assert.IsType<RegistrationRequest>(m);
        Assert.Empty(request.RawIes);
        Assert.NotNull(request.UnavailabilityInformation);
        Assert.NotNull(request.Non3GppPathSwitchingInformation);
        Assert.NotNull(request.Aun3Indication);
        Assert.NotNull(request.RequestedLpWuspsAssistanceInformation);
        Assert.Equal(pdu, request.ToArray());
    }

    [Fact]
    public void UlNasTransport_AlternativeSNssai_IsTyped()
    {
        // SMS payload (type 2), then Alternative S-NSSAI (5A) SST 1 SD 000002.
        byte[] pdu = Convert.FromHexString("7e0067020003aabbcc" + "5a0401000002");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out var error), error.ToString());
        var transport = Assert.IsType<UlNasTransport>(m);
        Assert.Empty(transport.RawIes);
        Assert.Equal(new SNssaiValue(1, 2), transport.AlternativeSNssai!.Value.Get());
        // A malformed value (3 octets is no S-NSSAI length) is an invalid optional IE: kept raw, treated as absent (§7.7.2).
        Assert.True(NasMessage.TryDecode(Convert.FromHexString("7e0067020003aabbcc" + "5a03010000"), out m, out _));
        Assert.Null(((UlNasTransport)m).AlternativeSNssai);
        Assert.Equal(RawIeReason.Invalid, Assert.Single(m.RawIes).Reason);
    }

    [Fact]
    public void DeregistrationRequestUeOriginating_CarriesANasMessageContainer()
    {
        // De-registration type 1 (3GPP access), ngKSI 0, 5G-GUTI; NAS message container (71) with a plain De-registration request.
        const string Inner = "7e004501000bf202f839cafe0000000001";
        string hex = "7e004501000bf202f839cafe0000000001" + "71" + (Inner.Length / 2).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + Inner;
        Assert.True(NasMessage.TryDecode(Convert.FromHexString(hex), out var m, out var error), error.ToString());
        var request = Assert.IsType<DeregistrationRequestUeOriginating>(m);
        Assert.Empty(request.RawIes);
        Assert.Equal(Inner, Convert.ToHexStringLower(request.NasMessageContainer!.Value.Value.Span));
    }

    [Fact]
    public void PduSessionEstablishmentAccept_ReceivedMbsContainerIs71_AndN3qaiIs70()
    {
        // IPv4 session, SSC mode 1, one QoS rule, session AMBR, PDU address; then IEI 71 and IEI 70 (TLV-E, one octet each).
        const string Head = "2e0501c211000901000631310101ff0906060064060032" + "2905010a2d0002";
        Assert.True(NasMessage.TryDecode(Convert.FromHexString(Head + "710001aa" + "700001bb"), out var m, out var error), error.ToString());
        var accept = Assert.IsType<PduSessionEstablishmentAccept>(m);
        Assert.Empty(accept.RawIes);
        Assert.Equal([0xAA], accept.ReceivedMbsContainer!.Value.Value.ToArray());
        Assert.Equal([0xBB], accept.N3qai!.Value.Value.ToArray());
    }

    [Fact]
    public void EveryOptionalIei_FitsItsFormat_AndIsUniqueInItsMessage()
    {
        // TS 24.007 §11.2.4 as the generator checks it, verified here over the tables the code actually runs with.
        foreach (var layout in NasMessageRegistry.AllLayouts)
        {
            var seen = new HashSet<(byte, bool)>();
            foreach (var ie in layout.Ies.Skip(layout.MandatoryCount))
            {
                bool ok = ie.Format switch
                {
                    IeFormat.Tv1 => ie.Iei >= 0x80 && (ie.Iei & 0x0F) == 0,
                    IeFormat.TlvE => (ie.Iei & 0xF0) == 0x70,
                    _ => ie.Iei is >= 0x10 and < 0x70,
                };
                Assert.True(ok, $"{layout.Name}: {ie.Name} IEI 0x{ie.Iei:x2} vs {ie.Format}");
                Assert.True(seen.Add((ie.Iei, ie.Format == IeFormat.Tv1)), $"{layout.Name}: IEI 0x{ie.Iei:x2} twice");
            }
        }
    }
}
