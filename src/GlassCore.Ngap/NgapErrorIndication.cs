// TS 38.413 §8.7.3 Error Indication and §10 (handling of erroneous data): building the message an AMF sends back.
namespace GlassCore.Ngap;

/// <summary>One IE reported in Criticality Diagnostics (§9.3.1.3).</summary>
public readonly record struct IeDiagnostic(Criticality Criticality, int IeId, TypeOfError TypeOfError);

public static class NgapErrorIndication
{
    private const long MaxAmfUeNgapId = 1099511627775;
    private const long MaxRanUeNgapId = 4294967295;

    /// <summary>
    /// Criticality Diagnostics (§9.3.1.3) for a received message. Echoed values are range-checked: a value that would
    /// not encode is left out instead of failing the reply (the lesson of open5gs#4375).
    /// </summary>
    public static CriticalityDiagnostics Diagnostics(
        int? procedureCode,
        TriggeringMessage? triggeringMessage,
        Criticality? procedureCriticality,
        IEnumerable<IeDiagnostic>? ies = null)
    {
        var d = new CriticalityDiagnostics
        {
            ProcedureCode = procedureCode is >= 0 and <= 255 ? procedureCode : null,
            TriggeringMessage = triggeringMessage,
            ProcedureCriticality = procedureCriticality,
        };
        if (ies is not null)
        {
            var list = new List<CriticalityDiagnosticsIeItem>();
            foreach (var ie in ies)
            {
                if (ie.IeId is >= 0 and <= 65535 && list.Count < 256)
                {
                    list.Add(new CriticalityDiagnosticsIeItem { IeCriticality = ie.Criticality, IeId = ie.IeId, TypeOfError = ie.TypeOfError });
                }
            }
            if (list.Count > 0)
            {
                d.IEsCriticalityDiagnostics = [.. list];
            }
        }
        return d;
    }

    /// <summary>
    /// An ErrorIndication PDU (§9.2.7.1): UE NGAP IDs when the error concerns a UE, and a Cause and/or Criticality
    /// Diagnostics (at least one must be present, §8.7.3.2).
    /// </summary>
    public static NgapPdu Build(long? amfUeNgapId, long? ranUeNgapId, Cause? cause, CriticalityDiagnostics? diagnostics)
    {
        if (cause is null && diagnostics is null)
        {
            throw new ArgumentException("Error Indication needs a Cause or Criticality Diagnostics (TS 38.413 §8.7.3.2)");
        }
        var ies = new List<ErrorIndicationIEsProtocolIeField>();
        if (amfUeNgapId is >= 0 and <= MaxAmfUeNgapId)
        {
            ies.Add(Field(new ErrorIndicationIEsProtocolIeFieldValue.AmfUeNgapId { Value = amfUeNgapId.Value }));
        }
        if (ranUeNgapId is >= 0 and <= MaxRanUeNgapId)
        {
            ies.Add(Field(new ErrorIndicationIEsProtocolIeFieldValue.RanUeNgapId { Value = ranUeNgapId.Value }));
        }
        if (cause is not null)
        {
            ies.Add(Field(new ErrorIndicationIEsProtocolIeFieldValue.Cause { Value = cause }));
        }
        if (diagnostics is not null)
        {
            ies.Add(Field(new ErrorIndicationIEsProtocolIeFieldValue.CriticalityDiagnostics { Value = diagnostics }));
        }
        return NgapPdus.Initiating(new InitiatingMessageValue.ErrorIndication { Value = new ErrorIndication { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.ErrorIndication.DefinedCriticality);
    }

    private static ErrorIndicationIEsProtocolIeField Field(ErrorIndicationIEsProtocolIeFieldValue value) => new()
    {
        Id = value.Key,
        Criticality = Criticality.Ignore,
        Value = value,
    };

    /// <summary>§10.3.4.1/§10.2 abstract syntax error: the Cause for a PDU this AMF could not decode.</summary>
    public static Cause AbstractSyntaxError() =>
        new Cause.Protocol { Value = CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage };
}
