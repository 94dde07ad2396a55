// `glasscore tools pfcp decode|encode` (TS 29.244) and `glasscore tools gtp decode` (TS 29.281, TS 38.415).
using System.CommandLine;
using System.Text.Json;
using GlassCore.Gtp;
using GlassCore.Pfcp;

namespace GlassCore.Cli.Tools;

internal static class PfcpTools
{
    /// <summary>Adds `pfcp` and `gtp` to `glasscore tools`.</summary>
    internal static void AddTo(Command tools)
    {
        tools.Subcommands.Add(BuildPfcp());
        tools.Subcommands.Add(BuildGtp());
    }

    internal static Command BuildPfcp()
    {
        var pfcp = new Command("pfcp", "PFCP (N4, TS 29.244): decode hex to JSON with IE names, or encode JSON to hex.");

        var hex = new Argument<string>("hex") { Description = "A UDP payload: one PFCP message, or several when Follow On is set." };
        var decode = new Command("decode", "Decode a PFCP message; prints each IE's TS 29.244 name, decoded fields and raw value.") { hex };
        decode.SetAction(parse => ToolOutput.Run(parse, w => Decode(w, ToolOutput.Hex(parse.GetValue(hex), "hex"))));
        pfcp.Subcommands.Add(decode);

        var encode = new Command("encode", "Encode the JSON on stdin (the shape decode prints; IEs by \"raw\" hex, \"ies\", or decoded fields) to hex.");
        encode.SetAction(parse => ToolOutput.Run(parse, w => Encode(w, Console.In.ReadToEnd())));
        pfcp.Subcommands.Add(encode);
        return pfcp;
    }

    internal static Command BuildGtp()
    {
        var gtp = new Command("gtp", "GTP-U (N3/N9, TS 29.281 with the TS 38.415 PDU Session Container).");
        var hex = new Argument<string>("hex") { Description = "A GTP-U UDP payload." };
        var decode = new Command("decode", "Decode a GTP-U packet header, extension headers and IEs.") { hex };
        decode.SetAction(parse => ToolOutput.Run(parse, w => DecodeGtp(w, ToolOutput.Hex(parse.GetValue(hex), "hex"))));
        gtp.Subcommands.Add(decode);
        return gtp;
    }

    internal static void Decode(Utf8JsonWriter w, byte[] datagram)
    {
        w.WriteNumber("length", datagram.Length);
        w.WriteStartArray("messages");
        int offset = 0;
        while (offset < datagram.Length)
        {
            if (!PfcpMessage.TryDecode(datagram.AsSpan(offset), out PfcpMessage m, out int consumed, out PfcpDecodeError error, checkMandatory: false))
            {
                throw new ToolInputException($"not a PFCP message at octet {offset}: {error}");
            }
            w.WriteStartObject();
            m.WriteJson(w);
            if (!PfcpMessage.TryDecode(datagram.AsSpan(offset), out _, out _, out PfcpDecodeError strict))
            {
                // Shown, not refused: a tool displays what arrived; a PFCP node would answer with this cause.
                w.WriteString("error", strict.ToString());
                w.WriteNumber("cause", (byte)strict.Cause);
            }
            w.WriteEndObject();
            offset += consumed;
            if ((m.FlagsOctet & 0x04) == 0 && offset < datagram.Length)
            {
                throw new ToolInputException($"{datagram.Length - offset} octets after the last message (Follow On not set)");
            }
        }
        w.WriteEndArray();
    }

    internal static void Encode(Utf8JsonWriter w, string input)
    {
        List<PfcpMessage> messages = [];
        try
        {
            using JsonDocument doc = JsonDocument.Parse(input);
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out JsonElement list))
            {
                messages.AddRange(list.EnumerateArray().Select(PfcpJson.ReadMessage));
            }
            else
            {
                messages.Add(PfcpJson.ReadMessage(root));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ToolInputException("stdin: " + e.Message);
        }
        // Several messages go into one datagram with Follow On set on all but the last (§7.2.2.2).
        for (int i = 0; i < messages.Count; i++)
        {
            messages[i].FlagsOctet = (byte)(i < messages.Count - 1 ? messages[i].FlagsOctet | 0x04 : messages[i].FlagsOctet & ~0x04);
        }
        w.WriteHex("hex", [.. messages.SelectMany(m => m.Encode())]);
    }

    internal static void DecodeGtp(Utf8JsonWriter w, byte[] datagram)
    {
        if (!GtpUPacket.TryParse(datagram, out GtpUPacket p, out GtpUError error))
        {
            throw new ToolInputException($"not a GTP-U packet: {error}");
        }
        w.WriteNumber("version", p.Version);
        w.WriteNumber("messageType", (byte)p.MessageType);
        w.WriteString("messageName", p.MessageType.ToString());
        w.WriteString("teid", $"0x{p.Teid:x8}");
        if (p.HasSequenceNumber)
        {
            w.WriteNumber("sequenceNumber", p.SequenceNumber);
        }
        if (p.HasNPduNumber)
        {
            w.WriteNumber("nPduNumber", p.NPduNumber);
        }
        w.WriteStartArray("extensionHeaders");
        foreach (GtpUExtension ext in p.Extensions)
        {
            w.WriteStartObject();
            w.WriteString("type", $"0x{ext.Type:x2}");
            w.WriteHex("content", ext.Content);
            if (ext.Type == GtpUExtensionType.PduSessionContainer && PduSessionInformation.TryParse(ext.Content, out PduSessionInformation info))
            {
                w.WriteString("name", "PDU Session Container");
                w.WriteString("pduType", info.IsDownlink ? "DL PDU SESSION INFORMATION" : info.PduType == 1 ? "UL PDU SESSION INFORMATION" : $"type {info.PduType}");
                w.WriteNumber("qfi", info.Qfi);
                if (info.IsDownlink)
                {
                    w.WriteBoolean("rqi", info.Rqi);
                    if (info.PpiPresent)
                    {
                        w.WriteNumber("ppi", info.Ppi);
                    }
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (p.MessageType == GtpUMessageType.GPdu)
        {
            w.WriteNumber("tpduLength", p.Payload.Length);
            w.WriteHex("tpdu", p.Payload);
            return;
        }
        w.WriteStartArray("ies");
        var r = new GtpUIeReader(p.Payload);
        while (r.HasMore)
        {
            if (!r.TryRead(out byte type, out ReadOnlySpan<byte> value, out error))
            {
                throw new ToolInputException($"bad IE: {error}");
            }
            w.WriteStartObject();
            w.WriteNumber("type", type);
            w.WriteString("name", type switch
            {
                GtpUIeType.Recovery => "Recovery",
                GtpUIeType.TeidDataI => "Tunnel Endpoint Identifier Data I",
                GtpUIeType.GtpUPeerAddress => "GTP-U Peer Address",
                GtpUIeType.ExtensionHeaderTypeList => "Extension Header Type List",
                GtpUIeType.PrivateExtension => "Private Extension",
                _ => $"IE type {type}",
            });
            w.WriteHex("value", value);
            if (type == GtpUIeType.GtpUPeerAddress && value.Length is 4 or 16)
            {
                w.WriteString("address", new System.Net.IPAddress(value).ToString());
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
