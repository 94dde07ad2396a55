// TS 24.501 §8.2, §8.3: every message type encodes and decodes with all of its optional IEs, and with none.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class RoundTripTests
{
    public static TheoryData<string> AllMessages()
    {
        var data = new TheoryData<string>();
        foreach (var layout in NasMessageRegistry.AllLayouts)
        {
            data.Add(layout.Name);
        }
        return data;
    }

    private static NasMessage Create(string name)
    {
        var layout = NasMessageRegistry.AllLayouts.Single(l => l.Name == name);
        NasMessage? m = (NasMessage?)NasMessageRegistry.CreateFiveGmm(layout.MessageType) ?? NasMessageRegistry.CreateFiveGsm(layout.MessageType);
        Assert.NotNull(m);
        Assert.Same(layout, m.Layout);
        if (m is FiveGsmMessage sm)
        {
            sm.PduSessionId = 5;
            sm.ProcedureTransactionId = 1;
        }
        for (int i = 0; i < layout.MandatoryCount; i++)
        {
            m.SetSlot(i, NasSamples.For(layout.Ies[i]));
        }
        return m;
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void Message_WithAllOptionalIes_RoundTrips(string name)
    {
        var m = Create(name);
        for (int i = m.Layout.MandatoryCount; i < m.Layout.Ies.Count; i++)
        {
            m.SetSlot(i, NasSamples.For(m.Layout.Ies[i]));
        }
        byte[] bytes = m.ToArray();
        Assert.True(NasMessage.TryDecode(bytes, out var decoded, out var error), $"{name}: {error}");
        Assert.Equal(m.GetType(), decoded.GetType());
        Assert.Empty(decoded.RawIes);
        for (int i = 0; i < m.Layout.Ies.Count; i++)
        {
            var expected = m.GetSlot(i);
            var actual = decoded.GetSlot(i);
            Assert.True(actual.IsPresent, $"{name}: IE '{m.Layout.Ies[i].Name}' missing after decoding");
            Assert.Equal(expected.Nibble, actual.Nibble);
            Assert.Equal(expected.Value.ToArray(), actual.Value.ToArray());
        }
        Assert.Equal(bytes, decoded.ToArray());
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void Message_WithNoOptionalIes_RoundTrips(string name)
    {
        var m = Create(name);
        if (m is UlNasTransport or DlNasTransport)
        {
            // §8.2.10/§8.2.11: without the (conditional) PDU session ID the payload must not be N1 SM information;
            // SMS (value 2) is a payload that needs no other IE.
            m.SetSlot(0, IeSlot.OfNibble(2));
        }
        if (m is PduSessionEstablishmentAccept accept)
        {
            // §8.3.2: an IP PDU session needs the (conditional) PDU address; an Ethernet one (value 5) needs none.
            accept.SelectedPduSessionType = new HalfOctet(5);
        }
        byte[] bytes = m.ToArray();
        if (m is AuthenticationRequest)
        {
            // §8.2.1: with neither 5G AKA parameters nor an EAP message there is nothing to authenticate with (#100).
            Assert.False(NasMessage.TryDecode(bytes, out _, out var missing));
            Assert.Equal((NasErrorKind.ConditionalIeError, NasCauses.ConditionalIeError, (byte)0x78), (missing.Kind, missing.Cause, missing.Iei));
            return;
        }
        Assert.True(NasMessage.TryDecode(bytes, out var decoded, out var error), $"{name}: {error}");
        for (int i = m.Layout.MandatoryCount; i < m.Layout.Ies.Count; i++)
        {
            Assert.False(decoded.GetSlot(i).IsPresent);
        }
        Assert.Equal(bytes, decoded.ToArray());
        Assert.Equal(m.MessageType, bytes[m is FiveGsmMessage ? 3 : 2]);
    }

    [Fact]
    public void Encoders_WriteTheSameOctets_ToASpan_AnIBufferWriter_AndAnArray()
    {
        byte[] bytes = Convert.FromHexString("7e0042010177000bf209f107020040c7004bb354072009f10700000115020101210201005e0129");
        Assert.True(NasMessage.TryDecode(bytes, out var m, out _));
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(bytes.Length, m.Encode(writer));
        Assert.Equal(bytes, writer.WrittenSpan.ToArray());
        Span<byte> small = stackalloc byte[bytes.Length - 1];
        Assert.False(m.TryEncode(small, out int none));
        Assert.Equal(0, none);
        Span<byte> exact = stackalloc byte[bytes.Length];
        Assert.True(m.TryEncode(exact, out int written));
        Assert.Equal(bytes, exact[..written].ToArray());
        var accept = Assert.IsType<RegistrationAccept>(m);
        Assert.Equal(FiveGsRegistrationResult.ThreeGppAccess, accept.RegistrationResult.Result);
        Assert.Equal(new FiveGGuti(new PlmnId(901, 70, false), 2, 1, 0, 0xc7004bb3), accept.Guti!.Value.Guti);
        Assert.Equal([new SNssaiValue(1)], accept.AllowedNssai!.Value.ToArray());
        Assert.Equal(TimeSpan.FromHours(9), accept.T3512Value!.Value.AsTimer3);
    }

    [Fact]
    public void IeTables_HaveNoIeiTwice()
    {
        foreach (var layout in NasMessageRegistry.AllLayouts)
        {
            var ieis = layout.Ies.Where(s => !s.IsMandatory).Select(s => s.Iei).ToList();
            Assert.True(ieis.Count == ieis.Distinct().Count(), $"{layout.Name} repeats an IEI");
        }
    }

    [Fact]
    public void MessageTypes_AreUniquePerProtocol()
    {
        var types = NasMessageRegistry.AllLayouts.Select(l => l.MessageType).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Equal(32, types.Count(t => t < 0xC0));
        Assert.Equal(16, types.Count(t => t >= 0xC0));
    }
}
