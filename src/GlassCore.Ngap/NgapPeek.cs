// TS 38.413 §9.4 (NGAP-PDU, ProtocolIE-Container) read without a full decode: the AMF routes on these before it
// decodes a message (procedure code and UE NGAP IDs, §9.3.3.1 and §9.3.3.2).
using GlassCore.Asn1;

namespace GlassCore.Ngap;

/// <summary>Which of the three NGAP-PDU alternatives a message is.</summary>
public enum NgapMessageType
{
    InitiatingMessage = 0,
    SuccessfulOutcome = 1,
    UnsuccessfulOutcome = 2,
}

/// <summary>What <see cref="NgapPeek"/> found: enough to dispatch a PDU to its UE and procedure.</summary>
public sealed record NgapPeekResult(
    NgapMessageType MessageType,
    int ProcedureCode,
    Criticality Criticality,
    IReadOnlyList<int> IeIds,
    long? AmfUeNgapId,
    long? RanUeNgapId);

public static class NgapPeek
{
    private const int IdAmfUeNgapId = 10;
    private const int IdRanUeNgapId = 85;
    private const int IdUeNgapIds = 114;

    /// <summary>Reads the PDU header and the top-level IE list; IE values other than the UE NGAP IDs are skipped.</summary>
    public static bool TryPeek(ReadOnlySpan<byte> pdu, out NgapPeekResult result, out Asn1DecodeError error)
    {
        result = null!;
        var r = new PerReader(pdu);
        if (!TryPeek(ref r, out result))
        {
            error = r.Error;
            return false;
        }
        error = default;
        return true;
    }

    private static bool TryPeek(ref PerReader r, out NgapPeekResult result)
    {
        result = null!;
        // NGAP-PDU ::= CHOICE { initiatingMessage, successfulOutcome, unsuccessfulOutcome, ... }
        if (!r.TryReadChoiceIndex(3, true, out int index, out bool ext))
        {
            return false;
        }
        if (ext)
        {
            return r.Fail(Asn1ErrorKind.Unsupported, "NGAP-PDU extension alternative");
        }
        // InitiatingMessage ::= SEQUENCE { procedureCode (0..255), criticality, value }
        if (!r.TryReadConstrainedWholeNumber(0, 255, out long procedureCode)
            || !r.TryReadEnumerated(3, false, 0, out int criticality)
            || !r.TryReadOpenTypeBytes(out var message, out long offset))
        {
            return false;
        }
        var m = r.CreateInner(message, offset);
        // Every message is SEQUENCE { protocolIEs ProtocolIE-Container (SIZE (0..65535)), ... }
        if (!m.TryReadBit(out _) || !m.TryReadCount(0, 65535, false, out int count))
        {
            return r.Fail(m.Error);
        }
        var ids = new List<int>(count);
        long? amf = null;
        long? ran = null;
        for (int i = 0; i < count; i++)
        {
            if (!m.TryReadConstrainedWholeNumber(0, 65535, out long id)
                || !m.TryReadEnumerated(3, false, 0, out _)
                || !m.TryReadOpenTypeBytes(out var value, out long valueOffset))
            {
                return r.Fail(m.Error);
            }
            ids.Add((int)id);
            var v = m.CreateInner(value, valueOffset);
            switch (id)
            {
                case IdAmfUeNgapId:
                    if (!v.TryReadConstrainedWholeNumber(0, 1099511627775, out long a))
                    {
                        return r.Fail(v.Error);
                    }
                    amf ??= a;
                    break;
                case IdRanUeNgapId:
                    if (!v.TryReadConstrainedWholeNumber(0, 4294967295, out long b))
                    {
                        return r.Fail(v.Error);
                    }
                    ran ??= b;
                    break;
                case IdUeNgapIds:
                    // UE-NGAP-IDs ::= CHOICE { uE-NGAP-ID-pair UE-NGAP-ID-pair, aMF-UE-NGAP-ID, choice-Extensions }
                    if (!v.TryReadChoiceIndex(3, false, out int alt, out _))
                    {
                        return r.Fail(v.Error);
                    }
                    if (alt == 0)
                    {
                        // UE-NGAP-ID-pair ::= SEQUENCE { aMF-UE-NGAP-ID, rAN-UE-NGAP-ID, iE-Extensions OPTIONAL, ... }
                        if (!v.TryReadBit(out _) || !v.TryReadBit(out _)
                            || !v.TryReadConstrainedWholeNumber(0, 1099511627775, out long pa)
                            || !v.TryReadConstrainedWholeNumber(0, 4294967295, out long pr))
                        {
                            return r.Fail(v.Error);
                        }
                        amf ??= pa;
                        ran ??= pr;
                    }
                    else if (alt == 1)
                    {
                        if (!v.TryReadConstrainedWholeNumber(0, 1099511627775, out long only))
                        {
                            return r.Fail(v.Error);
                        }
                        amf ??= only;
                    }
                    break;
                default:
                    break;
            }
        }
        result = new NgapPeekResult((NgapMessageType)index, (int)procedureCode, (Criticality)criticality, ids, amf, ran);
        return true;
    }
}
