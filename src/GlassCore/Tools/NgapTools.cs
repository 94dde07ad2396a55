// `glasscore tools ngap`: TS 38.413 NGAP-PDU in aligned PER (X.691) to X.697 JER and back.
using System.CommandLine;
using System.Text.Json;
using GlassCore.Asn1;
using GlassCore.Ngap;

namespace GlassCore.Cli.Tools;

internal static class NgapTools
{
    internal static Command Build()
    {
        var ngap = new Command("ngap", "NGAP (TS 38.413 V19.2.0) aligned-PER codec.");

        var hex = new Argument<string>("HEX") { Description = "One complete NGAP-PDU in hex." };
        var decode = new Command("decode", "Decodes an NGAP-PDU; prints the procedure, the IE ids, the TS 38.413 §10.3 checks and the PDU in JER (X.697).");
        decode.Arguments.Add(hex);
        decode.SetAction(parse => ToolOutput.Run(parse, w => Decode(w, ToolOutput.Hex(parse.GetValue(hex), "HEX"))));
        ngap.Subcommands.Add(decode);

        var encode = new Command("encode", "Reads an NGAP-PDU in JER on stdin (or the output of `decode`); prints its aligned-PER hex.");
        encode.SetAction(parse => ToolOutput.Run(parse, w => Encode(w, Console.In.ReadToEnd())));
        ngap.Subcommands.Add(encode);
        return ngap;
    }

    internal static void Decode(Utf8JsonWriter w, byte[] bytes)
    {
        if (!Per.TryDecode<NgapPdu>(bytes, out var pdu, out var error))
        {
            throw new ToolInputException($"not a valid NGAP-PDU: {error}");
        }
        if (NgapPeek.TryPeek(bytes, out var peek, out _))
        {
            w.WriteString("messageType", peek.MessageType.ToString());
            w.WriteNumber("procedureCode", peek.ProcedureCode);
            w.WriteStartArray("ieIds");
            foreach (int id in peek.IeIds)
            {
                w.WriteNumberValue(id);
            }
            w.WriteEndArray();
        }
        // TS 38.413 §10.3: what an AMF would do about the IEs (missing, duplicated, out of order, not comprehended).
        var check = NgapMessageChecks.Check(pdu);
        w.WriteStartObject("checks");
        w.WriteString("action", check.Action.ToString());
        w.WriteString("report", check.Report.ToString());
        if (check.Cause is Cause.Protocol cause)
        {
            w.WriteString("cause", cause.Value.ToString());
        }
        w.WriteStartArray("issues");
        foreach (var issue in check.Issues)
        {
            w.WriteStartObject();
            w.WriteNumber("id", issue.Id);
            w.WriteString("criticality", issue.Criticality.ToString());
            w.WriteString("kind", issue.Kind.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WritePropertyName("pdu");
        pdu.WriteJer(w);
    }

    internal static void Encode(Utf8JsonWriter w, string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ToolInputException("stdin is not JSON: " + e.Message);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("pdu", out var inner))
            {
                root = inner;
            }
            if (!NgapPdu.TryReadJer(root, out var pdu))
            {
                throw new ToolInputException("stdin is not the JER of an NGAP-PDU");
            }
            w.WriteHex("hex", Per.Encode(pdu));
        }
    }
}
