// TS 24.501 §9.11: the typed IE builders reproduce the octets real implementations sent, and the hex message list decodes.
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Nas.Tests;

public class TypedIeTests
{
    /// <summary>Every plain message in hex_messages.json, including those inside security envelopes and containers.</summary>
    private static List<NasMessage> Messages()
    {
        var list = new List<NasMessage>();
        foreach (byte[] pdu in FuzzTests.Seeds())
        {
            if (!NasPdu.TryDecode(pdu, out var decoded, out _))
            {
                continue;
            }
            if (decoded is SecurityProtectedNasMessage sp)
            {
                if (sp.TryDecodeInner(out var inner, out _))
                {
                    AddWithNested(inner, list);
                }
            }
            else
            {
                AddWithNested((NasMessage)decoded, list);
            }
        }
        return list;
    }

    private static void AddWithNested(NasMessage m, List<NasMessage> list)
    {
        list.Add(m);
        for (int i = 0; i < m.Layout.Ies.Count; i++)
        {
            var slot = m.GetSlot(i);
            if (slot.IsPresent && m.Layout.Ies[i].Kind is IeKind.NasMessageContainer or IeKind.PayloadContainer && NasMessage.TryDecode(slot.Value, out var nested, out _))
            {
                AddWithNested(nested, list);
            }
        }
    }

    [Fact]
    public void HexMessages_MarkedOk_DecodeAndReencodeExactly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        int ok = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("protocol").GetString() != "nas-5gs")
            {
                continue;
            }
            byte[] pdu = Convert.FromHexString(e.GetProperty("hex").GetString()!);
            bool decodes = NasPdu.TryDecode(pdu, out var decoded, out var error);
            if (e.GetProperty("tshark_status").GetString() != "ok")
            {
                // Broken vectors: reported as an error, or (when only an inner part is broken) decoded exactly.
                Assert.True(!decodes || pdu.SequenceEqual(decoded!.ToArray()), error.ToString());
                continue;
            }
            Assert.True(decodes, $"{e.GetProperty("name").GetString()}: {error}");
            Assert.Equal(pdu, decoded!.ToArray());
            var plain = decoded as NasMessage;
            if (decoded is SecurityProtectedNasMessage sp)
            {
                Assert.True(sp.TryDecodeInner(out plain, out var innerError), innerError.ToString());
            }
            // tshark_decode reads "Name (0xNN)" for the outermost plain message.
            string tshark = e.GetProperty("tshark_decode").GetString()!;
            Assert.Contains($"(0x{plain!.MessageType:x2})", tshark, StringComparison.Ordinal);
            ok++;
        }
        Assert.True(ok >= 38, $"{ok} messages");
    }

    [Fact]
    public void Builders_ReproduceTheReceivedOctets()
    {
        int checkedIes = 0;
        foreach (var m in Messages())
        {
            for (int i = 0; i < m.Layout.Ies.Count; i++)
            {
                var slot = m.GetSlot(i);
                if (!slot.IsPresent || m.Layout.Ies[i].IsHalfOctet)
                {
                    continue;
                }
                byte[] original = slot.Value.ToArray();
                byte[]? rebuilt = Rebuild(m.Layout.Ies[i].Kind, slot.Value);
                if (rebuilt is not null)
                {
                    Assert.True(original.AsSpan().SequenceEqual(rebuilt), $"{m.Name} / {m.Layout.Ies[i].Name}: {Convert.ToHexStringLower(original)} rebuilt as {Convert.ToHexStringLower(rebuilt)}");
                    checkedIes++;
                }
            }
        }
        Assert.True(checkedIes >= 60, $"{checkedIes} IEs");
    }

    private static byte[]? Rebuild(IeKind kind, ReadOnlyMemory<byte> v)
    {
        switch (kind)
        {
            case IeKind.MobileIdentity:
                var id = new FiveGsMobileIdentity(v);
                return id.Type switch
                {
                    // The builders write the 0xF filler of octet 4; some senders write 0 there, so that nibble is taken as sent.
                    MobileIdentityType.FiveGGuti => WithFiller(FiveGsMobileIdentity.FromGuti(id.Guti!.Value).Value.ToArray(), v.Span[0]),
                    MobileIdentityType.FiveGSTmsi => WithFiller(FiveGsMobileIdentity.FromSTmsi(id.STmsi!.Value).Value.ToArray(), v.Span[0]),
                    // A routing indicator with a filler before a digit (seen in one test vector) has no digit-string form.
                    MobileIdentityType.Suci when id.Suci is SuciImsi s && !((v.Span[4] & 0x0F) == 0x0F && v.Span[4] >> 4 != 0x0F) => FiveGsMobileIdentity.FromSuci(s).Value.ToArray(),
                    // Only where the filler is coded as the spec says (one vector has 0 instead of the final 0xF).
                    MobileIdentityType.Imei or MobileIdentityType.Imeisv when (v.Span[0] & 0x08) != 0 || v.Span[^1] >> 4 == 0x0F => FiveGsMobileIdentity.FromImei(id.Digits!, id.Type == MobileIdentityType.Imeisv).Value.ToArray(),
                    _ => null,
                };
            case IeKind.Nssai:
                return Nssai.Create(new Nssai(v).ToArray()).Value.ToArray();
            case IeKind.SNssai:
                return SNssai.Create(new SNssai(v).Get()).Value.ToArray();
            case IeKind.QosRules:
                return QosRules.Create(new QosRules(v).ToArray()).Value.ToArray();
            case IeKind.QosFlowDescriptions:
                return QosFlowDescriptions.Create(new QosFlowDescriptions(v).ToArray()).Value.ToArray();
            case IeKind.SessionAmbr:
                var a = new SessionAmbr(v);
                return SessionAmbr.Create(a.DownlinkUnit, a.DownlinkValue, a.UplinkUnit, a.UplinkValue).Value.ToArray();
            case IeKind.Dnn:
                return Dnn.Create(new Dnn(v).ToString()).Value.ToArray();
            case IeKind.ExtendedPco when v.Span[0] == 0x80:
                return ExtendedProtocolConfigurationOptions.Create(new ExtendedProtocolConfigurationOptions(v).Containers()).Value.ToArray();
            case IeKind.PduSessionStatus when v.Length == 2:
                return PduSessionStatus.Create(new PduSessionStatus(v).Mask).Value.ToArray();
            case IeKind.RegistrationResult when v.Length == 1 && (v.Span[0] & 0xC0) == 0:
                var r = new FiveGsRegistrationResult(v);
                return FiveGsRegistrationResult.Create(r.Result, r.SmsAllowed, r.NssaaToBePerformed, r.EmergencyRegistered).Value.ToArray();
            case IeKind.TaiList:
                // Senders choose list types freely; the builder's type-00 lists must carry the same TAIs.
                var tais = new TaiList(v).ToArray();
                Assert.Equal(tais, TaiList.Create(tais).ToArray());
                return null;
            case IeKind.NasSecurityAlgorithms:
                var alg = new NasSecurityAlgorithms(v);
                return NasSecurityAlgorithms.Create(alg.Ciphering, alg.Integrity).Value.ToArray();
            case IeKind.UeSecurityCapability when v.Length is 2 or 4:
                var cap = new UeSecurityCapability(v);
                return UeSecurityCapability.Create(cap.FiveGEa, cap.FiveGIa, cap.Eea, cap.Eia).Value.ToArray();
            default:
                return null;
        }
    }

    private static byte[] WithFiller(byte[] rebuilt, byte sentFirstOctet)
    {
        Assert.Equal(0xF0, rebuilt[0] & 0xF0);
        rebuilt[0] = (byte)(rebuilt[0] & 0x0F | sentFirstOctet & 0xF0);
        return rebuilt;
    }

    [Fact]
    public void ProfileASuci_KeepsSchemeOutputParts()
    {
        byte[] output = Enumerable.Range(0, 32 + 5 + 8).Select(i => (byte)i).ToArray();
        var id = FiveGsMobileIdentity.FromSuci(new SuciImsi(new PlmnId(1, 1, false), "1234", ProtectionSchemeId.ProfileA, 3, output));
        Assert.Equal(Convert.FromHexString("0100f11021430103"), id.Value[..8].ToArray());
        var s = id.Suci!.Value;
        Assert.Equal("1234", s.RoutingIndicator);
        Assert.Equal(ProtectionSchemeId.ProfileA, s.SchemeId);
        Assert.Equal(3, s.HomeNetworkPublicKeyId);
        Assert.Equal(output[..32], s.EphemeralPublicKey.ToArray());
        Assert.Equal(output[32..37], s.Ciphertext.ToArray());
        Assert.Equal(output[37..], s.MacTag.ToArray());
        // Profile B: a 33-octet compressed key.
        var b = FiveGsMobileIdentity.FromSuci(new SuciImsi(new PlmnId(1, 1, false), "0", ProtectionSchemeId.ProfileB, 1, output)).Suci!.Value;
        Assert.Equal(33, b.EphemeralPublicKey.Length);
        Assert.Equal(4, b.Ciphertext.Length);
        Assert.Equal("0", b.RoutingIndicator);
    }

    [Theory]
    [InlineData(GlassCore.Security.ProtectionScheme.Null)]
    [InlineData(GlassCore.Security.ProtectionScheme.ProfileA)]
    [InlineData(GlassCore.Security.ProtectionScheme.ProfileB)]
    public void SuciNai_NetworkSpecificIdentifier_RoundTripsInARegistrationRequest(GlassCore.Security.ProtectionScheme scheme)
    {
        // TS 24.501 figure 9.11.3.4.3a: octet 4 = 0 | SUPI format 001 | 0 | type of identity 001, then the SUCI NAI.
        byte[] hnPrivate = Convert.FromHexString(scheme == GlassCore.Security.ProtectionScheme.ProfileB
            ? "f1ab1074477ebcc7f554ea1c5fc368b1616730155e0041ac447d6301975fecda"
            : "c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d");
        byte[] hnPublic = scheme == GlassCore.Security.ProtectionScheme.Null ? [] : GlassCore.Security.SuciDeconcealer.PublicKey(scheme, hnPrivate);
        var suci = GlassCore.Security.SuciConcealer.Conceal("nai-sensor.7@factory.example", scheme, 5, hnPublic, "42");
        var id = FiveGsMobileIdentity.FromSuci(suci);
        Assert.Equal(0x11, id.Value.Span[0]);
        Assert.Equal(suci.ToNai(), System.Text.Encoding.UTF8.GetString(id.Value.Span[1..]));
        Assert.Null(id.Suci);

        var request = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, followOnRequest: false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = id,
        };
        Assert.True(NasMessage.TryDecode(request.ToArray(), out NasMessage? decoded, out NasError error), error.ToString());
        FiveGsMobileIdentity back = Assert.IsType<RegistrationRequest>(decoded).MobileIdentity;
        Assert.Equal(SupiFormat.NetworkSpecificIdentifier, back.SupiFormat);
        Assert.Equal(suci.ToNai(), back.SuciNai);
        Assert.True(back.TryGetSuci(out GlassCore.Security.Suci parsed));
        Assert.Equal(suci, parsed);

        using var sidf = new GlassCore.Security.SuciDeconcealer();
        if (scheme != GlassCore.Security.ProtectionScheme.Null)
        {
            sidf.AddKey(scheme, 5, hnPrivate);
        }
        Assert.True(sidf.TryDeconceal(parsed, out string supi, out var e), e.ToString());
        Assert.Equal("nai-sensor.7@factory.example", supi);
    }

    [Fact]
    public void SuciImsi_TryGetSuci_GivesTheSecuritySuci()
    {
        var suci = GlassCore.Security.SuciConcealer.Conceal("imsi-001010000000042", GlassCore.Security.ProtectionScheme.Null, 0, [], "12");
        var id = FiveGsMobileIdentity.FromSuci(suci);
        Assert.Equal(Convert.FromHexString("0100f11021ff00000000000024"), id.Value.ToArray());
        Assert.True(id.TryGetSuci(out GlassCore.Security.Suci back));
        Assert.Equal(suci, back);
        Assert.Equal("suci-0-001-01-12-0-0-0000000042", back.ToString());
    }

    [Fact]
    public void SuciNai_NotUtf8_OrNotANai_IsNoSuci()
    {
        var bad = new FiveGsMobileIdentity(new byte[] { 0x11, 0xC3, 0x28 });
        Assert.Null(bad.SuciNai);
        Assert.False(bad.TryGetSuci(out _));
        var notNai = FiveGsMobileIdentity.FromSuciNai(SupiFormat.NetworkSpecificIdentifier, "not-a-suci@example.com");
        Assert.Equal("not-a-suci@example.com", notNai.SuciNai);
        Assert.False(notNai.TryGetSuci(out _));
        Assert.Throws<ArgumentException>(() => FiveGsMobileIdentity.FromSuciNai(SupiFormat.Imsi, "type0.rid0.schid0.userid1@x"));
    }

    [Fact]
    public void TaiList_ReadsAllThreeListTypes()
    {
        // Type 00 (PLMN 001/01, TACs 1 and 2), type 01 (consecutive from TAC 5, three elements), type 10 (two TAIs).
        byte[] v = Convert.FromHexString("01" + "00f110" + "000001000002" + "22" + "00f110" + "000005" + "41" + "00f110000009" + "02f839000010");
        var tais = new TaiList(v).ToArray();
        var plmn1 = new PlmnId(1, 1, false);
        var plmn2 = new PlmnId(208, 93, false);
        Assert.Equal([new Tai(plmn1, 1), new Tai(plmn1, 2), new Tai(plmn1, 5), new Tai(plmn1, 6), new Tai(plmn1, 7), new Tai(plmn1, 9), new Tai(plmn2, 0x10)], tais);
        Assert.True(IeValidation.IsValid(RegistrationAccept.Table.Ies[3], IeSlot.Of(v)));
        Assert.False(IeValidation.IsValid(RegistrationAccept.Table.Ies[3], IeSlot.Of(v.AsMemory(0, v.Length - 1))));
        Assert.False(IeValidation.IsValid(RegistrationAccept.Table.Ies[3], IeSlot.Of(Convert.FromHexString("6000f110000001"))));
    }

    [Fact]
    public void PayloadContainer_WithMultiplePayloads_ListsEntries()
    {
        // Two entries: N1 SM information with one optional IE (PDU session ID 5), and an SMS payload.
        byte[] v = Convert.FromHexString("02" + "0007" + "11" + "1201" + "05" + "2e0501" + "0004" + "02" + "aabbcc");
        var pc = new PayloadContainer(v);
        Assert.True(pc.TryGetEntries(out var entries));
        Assert.Equal(2, entries.Length);
        Assert.Equal(PayloadContainerTypes.N1SmInformation, entries[0].PayloadContainerType);
        Assert.Equal(Convert.FromHexString("120105"), entries[0].OptionalIes.ToArray());
        Assert.Equal(Convert.FromHexString("2e0501"), entries[0].Contents.ToArray());
        Assert.Equal(PayloadContainerTypes.Sms, entries[1].PayloadContainerType);
        Assert.False(new PayloadContainer(v.AsMemory(0, v.Length - 1)).TryGetEntries(out _));
    }
}
