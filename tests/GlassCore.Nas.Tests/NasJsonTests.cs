// The `glasscore tools nas` JSON: what decode writes, encode reads back to the same octets.
using System.Text;
using System.Text.Json;
using GlassCore.Nas.Json;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class NasJsonTests
{
    [Fact]
    public void EveryHexMessage_WritesJson_ThatEncodesBackToTheSameOctets()
    {
        int checkedMessages = 0;
        foreach (byte[] pdu in FuzzTests.Seeds())
        {
            if (!NasPdu.TryDecode(pdu, out var decoded, out _))
            {
                continue;
            }
            var plain = decoded as NasMessage;
            if (decoded is SecurityProtectedNasMessage sp && !sp.TryDecodeInner(out plain, out _))
            {
                continue;
            }
            Assert.NotNull(plain);
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                NasJson.WriteMessage(w, plain);
            }
            using var doc = JsonDocument.Parse(buffer.ToArray());
            Assert.Equal(plain.Name, doc.RootElement.GetProperty("name").GetString());
            var rebuilt = NasJson.ReadMessage(doc.RootElement);
            Assert.Equal(plain.ToArray(), rebuilt.ToArray());
            checkedMessages++;
        }
        Assert.True(checkedMessages >= 35, $"only {checkedMessages} messages checked");
    }

    [Fact]
    public void RegistrationRequest_Json_NamesIesAsTheSpecDoes_WithDecodedValues()
    {
        byte[] pdu = Convert.FromHexString("7e004179000d0199f907f0ff00000000004739");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out _));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            NasJson.WriteMessage(w, m);
        }
        string json = Encoding.UTF8.GetString(buffer.ToArray());
        using var doc = JsonDocument.Parse(json);
        var ies = doc.RootElement.GetProperty("ies").EnumerateArray().ToList();
        Assert.Equal("5GS registration type", ies[0].GetProperty("name").GetString());
        Assert.Equal(1, ies[0].GetProperty("value").GetProperty("type").GetInt32());
        Assert.Equal("ngKSI", ies[1].GetProperty("name").GetString());
        var id = ies[2].GetProperty("value");
        Assert.Equal("SUCI", id.GetProperty("typeOfIdentity").GetString());
        Assert.Equal("999", id.GetProperty("mcc").GetString());
        Assert.Equal("70", id.GetProperty("mnc").GetString());
        Assert.Equal("0000007493", id.GetProperty("msin").GetString());
        Assert.Equal("0199f907f0ff00000000004739", ies[2].GetProperty("hex").GetString());
    }
}
