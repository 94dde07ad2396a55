// TS 38.413 §9.4: every elementary procedure's messages, generated with every IE, optional component and extension
// IE the spec lists, encode and decode back to the same octets, in aligned PER and through JER.
using System.Text.Json;
using GlassCore.Asn1;

namespace GlassCore.Ngap.Tests;

public sealed class AllPduTypesRoundTripTests
{
    [Fact]
    public void EveryProcedureMessage_WithAllIes_RoundTripsInPerAndJer()
    {
        var builder = new SampleBuilder();
        var pdus = builder.AllPdus().ToList();
        // 38.413 V19.2.0 has more than 80 class-1 and class-2 procedures; every one has an initiating message.
        Assert.True(pdus.Count(p => p.Name.StartsWith("InitiatingMessage.", StringComparison.Ordinal)) >= 80, $"{pdus.Count} PDUs");
        Assert.Contains(pdus, p => p.Name == "SuccessfulOutcome.NgSetup");
        Assert.Contains(pdus, p => p.Name == "UnsuccessfulOutcome.HandoverResourceAllocation");
        foreach (var (name, pdu) in pdus)
        {
            byte[] encoded = Per.Encode(pdu);
            Assert.True(Per.TryDecode<NgapPdu>(encoded, out var decoded, out var error), $"{name}: {error}");
            Assert.True(encoded.AsSpan().SequenceEqual(Per.Encode(decoded)), name);

            // The header reader and the typed tree see the same IEs.
            Assert.True(NgapPeek.TryPeek(encoded, out var peek, out var peekError), $"{name}: {peekError}");
            var message = decoded switch
            {
                NgapPdu.InitiatingMessage i => (IOpenTypeValue)i.Value.Value,
                NgapPdu.SuccessfulOutcome s => s.Value.Value,
                NgapPdu.UnsuccessfulOutcome u => u.Value.Value,
                _ => null,
            };
            Assert.Equal(peek.IeIds, NgapIeList.Ids(message));
            Assert.Equal(message!.Key, peek.ProcedureCode);

            // JER (X.697) out and back in gives the same value.
            using var buffer = new MemoryStream();
            using (var j = new Utf8JsonWriter(buffer))
            {
                decoded.WriteJer(j);
            }
            using var doc = JsonDocument.Parse(buffer.ToArray());
            Assert.True(NgapPdu.TryReadJer(doc.RootElement, out var fromJer), name);
            Assert.True(encoded.AsSpan().SequenceEqual(Per.Encode(fromJer)), $"{name} via JER");
        }
    }

    [Fact]
    public void ContainedTransfers_DecodeAsTheirTypes()
    {
        var builder = new SampleBuilder();
        var (_, pdu) = builder.AllPdus().First(p => p.Name == "InitiatingMessage.PduSessionResourceSetup");
        var request = ((InitiatingMessageValue.PduSessionResourceSetup)((NgapPdu.InitiatingMessage)Roundtrip(pdu)).Value.Value).Value;
        var item = Assert.Single(request.PduSessionResourceSetupListSuReq!);
        Assert.True(Per.TryDecode<PduSessionResourceSetupRequestTransfer>(item.PduSessionResourceSetupRequestTransfer, out var transfer, out var error), error.ToString());
        Assert.NotEmpty(transfer.ProtocolIEs);
        Assert.Equal(item.PduSessionResourceSetupRequestTransfer, Per.Encode(transfer));
    }

    private static NgapPdu Roundtrip(NgapPdu pdu)
    {
        Assert.True(Per.TryDecode<NgapPdu>(Per.Encode(pdu), out var decoded, out var error), error.ToString());
        return decoded;
    }
}
