// `glasscore tools nas decode|encode`: TS 24.501 NAS messages (plain and security protected, §9.1) to and from JSON.
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GlassCore.Nas;
using GlassCore.Nas.Json;
using GlassCore.Nas.Messages;
using GlassCore.Security;

namespace GlassCore.Cli.Tools;

internal static class NasTools
{
    internal static Command Build()
    {
        var nas = new Command("nas", "5GS NAS messages (TS 24.501): decode hex to JSON, encode JSON to hex.");
        nas.Subcommands.Add(BuildDecode());
        nas.Subcommands.Add(BuildEncode());
        return nas;
    }

    private static Command BuildDecode()
    {
        var hex = new Argument<string>("hex") { Description = "the NAS PDU in hex (plain or security protected)" };
        var kNasInt = new Option<string?>("--knasint") { Description = "K_NASint (16 octets hex) to verify the MAC" };
        var kNasEnc = new Option<string?>("--knasenc") { Description = "K_NASenc (16 octets hex) to decipher" };
        var count = new Option<uint?>("--count") { Description = "NAS COUNT (overflow counter and SQN); the message's SQN replaces its low 8 bits" };
        var direction = new Option<string>("--direction") { Description = "ul or dl", DefaultValueFactory = _ => "ul" };
        var nia = new Option<byte>("--nia") { Description = "integrity algorithm 0-3", DefaultValueFactory = _ => 2 };
        var nea = new Option<byte>("--nea") { Description = "ciphering algorithm 0-3", DefaultValueFactory = _ => 0 };
        var cmd = new Command("decode", "Decode a NAS PDU; with keys, verify its MAC and decipher it first.") { hex, kNasInt, kNasEnc, count, direction, nia, nea };
        cmd.SetAction(parse => ToolOutput.Run(parse, w =>
        {
            byte[] pdu = ToolOutput.Hex(parse.GetValue(hex), "hex");
            string? intKey = parse.GetValue(kNasInt);
            var keys = intKey is null ? null : new Keys(
                ToolOutput.Hex(intKey, "--knasint", 16),
                parse.GetValue(kNasEnc) is string e ? ToolOutput.Hex(e, "--knasenc", 16) : new byte[16],
                parse.GetValue(count) ?? 0,
                parse.GetValue(direction) switch
                {
                    "ul" => (byte)0,
                    "dl" => (byte)1,
                    var d => throw new ToolInputException($"--direction: '{d}' is neither ul nor dl"),
                },
                parse.GetValue(nia) is byte i && i <= 3 ? (NasIntegrityAlgorithm)i : throw new ToolInputException("--nia: 0 to 3"),
                parse.GetValue(nea) is byte c && c <= 3 ? (NasCipheringAlgorithm)c : throw new ToolInputException("--nea: 0 to 3"));
            Decode(w, pdu, keys);
        }));
        return cmd;
    }

    private sealed record Keys(byte[] KNasInt, byte[] KNasEnc, uint Count, byte Direction, NasIntegrityAlgorithm Nia, NasCipheringAlgorithm Nea);

    private static void Decode(Utf8JsonWriter w, byte[] pdu, Keys? keys)
    {
        if (!NasPdu.TryDecode(pdu, out var decoded, out var error))
        {
            throw new ToolInputException($"not a decodable NAS PDU: {error}");
        }
        if (decoded is NasMessage plain)
        {
            w.WritePropertyName("message");
            NasJson.WriteMessage(w, plain);
            return;
        }
        var sp = (SecurityProtectedNasMessage)decoded;
        w.WriteStartObject("securityHeader");
        w.WriteString("name", "Security protected 5GS NAS message");
        w.WriteNumber("securityHeaderType", (byte)sp.SecurityHeaderType);
        w.WriteString("securityHeaderTypeName", sp.SecurityHeaderType.ToString());
        w.WriteString("messageAuthenticationCode", sp.MessageAuthenticationCode.ToString("x8", CultureInfo.InvariantCulture));
        w.WriteNumber("sequenceNumber", sp.SequenceNumber);
        w.WriteHex("payload", sp.Payload.Span);
        byte[] payload = sp.Payload.ToArray();
        if (keys is not null)
        {
            uint count = (keys.Count & 0xFFFF00) | sp.SequenceNumber;
            var ctx = new NasSecurityContext(NasRole.Network, keys.KNasInt, keys.KNasEnc, keys.Nia, keys.Nea);
            uint mac = ctx.ComputeMac(pdu.AsSpan(6), count, keys.Direction);
            w.WriteNumber("count", count);
            w.WriteString("expectedMac", mac.ToString("x8", CultureInfo.InvariantCulture));
            w.WriteBoolean("macVerified", mac == sp.MessageAuthenticationCode);
            if (sp.IsCiphered)
            {
                ctx.ApplyCipher(payload, count, keys.Direction);
                w.WriteHex("deciphered", payload);
            }
        }
        w.WriteEndObject();
        if (sp.IsCiphered && keys is null)
        {
            w.WriteString("note", "ciphered payload decoded as if NEA0; give --knasenc/--nea to decipher");
        }
        if (NasMessage.TryDecode(payload, out var inner, out var innerError))
        {
            w.WritePropertyName("message");
            NasJson.WriteMessage(w, inner);
        }
        else
        {
            w.WriteString("messageError", innerError.ToString());
        }
    }

    private static Command BuildEncode()
    {
        var cmd = new Command("encode", "Read the JSON of `nas decode` on stdin and print the hex. IEs are encoded from their decoded \"value\" (edit it to change the message); an IE shown only as \"hex\" is taken from its hex. A \"securityHeader\" wraps the encoded message unciphered, as with NEA0, with the MAC and SQN given.");
        cmd.SetAction(parse => ToolOutput.Run(parse, w =>
        {
            string text = Console.In.ReadToEnd();
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ToolInputException("stdin is not JSON: " + e.Message);
            }
            using (doc)
            {
                var root = doc.RootElement;
                var messageJson = root.TryGetProperty("message", out var m) ? m : root;
                NasMessage message;
                try
                {
                    message = NasJson.ReadMessage(messageJson);
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException)
                {
                    throw new ToolInputException(e.Message);
                }
                byte[] plain;
                try
                {
                    plain = message.ToArray();
                }
                catch (InvalidOperationException e)
                {
                    throw new ToolInputException(e.Message);
                }
                byte[] bytes = plain;
                if (root.TryGetProperty("securityHeader", out var sh))
                {
                    NasSecurityHeaderJson? header;
                    try
                    {
                        header = sh.Deserialize(NasToolJson.Default.NasSecurityHeaderJson);
                    }
                    catch (JsonException e)
                    {
                        throw new ToolInputException("securityHeader: " + e.Message);
                    }
                    if (header is null)
                    {
                        throw new ToolInputException("\"securityHeader\" is null");
                    }
                    if (header.SecurityHeaderType is < 1 or > 4)
                    {
                        throw new ToolInputException($"securityHeaderType {header.SecurityHeaderType}: 1 to 4 (TS 24.501 §9.3.1)");
                    }
                    var sp = new SecurityProtectedNasMessage
                    {
                        SecurityHeaderOctet = header.SecurityHeaderType,
                        MessageAuthenticationCode = uint.TryParse(header.MessageAuthenticationCode, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint mac)
                            ? mac
                            : throw new ToolInputException($"messageAuthenticationCode '{header.MessageAuthenticationCode}' is not 8 hex digits"),
                        SequenceNumber = header.SequenceNumber,
                        Payload = plain,
                    };
                    bytes = sp.ToArray();
                }
                w.WriteString("message", message.Name);
                w.WriteHex("hex", bytes);
            }
        }));
        return cmd;
    }
}

/// <summary>The fields of the "securityHeader" object of `nas decode` that `nas encode` reads back (TS 24.501 §9.1.1).</summary>
internal sealed record NasSecurityHeaderJson(byte SecurityHeaderType, string? MessageAuthenticationCode, byte SequenceNumber);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(NasSecurityHeaderJson))]
internal sealed partial class NasToolJson : System.Text.Json.Serialization.JsonSerializerContext;
