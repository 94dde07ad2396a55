// TS 38.413 §9.4.2 (NGAP-PDU-Descriptions): the three NGAP-PDU wrappers, built in one place for the AMF and the gNB simulator.
namespace GlassCore.Ngap;

public static class NgapPdus
{
    /// <summary>An initiating message; the procedure code is the open-type value's key, so the two cannot disagree.</summary>
    public static NgapPdu.InitiatingMessage Initiating(InitiatingMessageValue value, Criticality criticality)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new NgapPdu.InitiatingMessage
        {
            Value = new InitiatingMessage { ProcedureCode = value.Key, Criticality = criticality, Value = value },
        };
    }

    public static NgapPdu.SuccessfulOutcome Successful(SuccessfulOutcomeValue value, Criticality criticality)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new NgapPdu.SuccessfulOutcome
        {
            Value = new SuccessfulOutcome { ProcedureCode = value.Key, Criticality = criticality, Value = value },
        };
    }

    public static NgapPdu.UnsuccessfulOutcome Unsuccessful(UnsuccessfulOutcomeValue value, Criticality criticality)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new NgapPdu.UnsuccessfulOutcome
        {
            Value = new UnsuccessfulOutcome { ProcedureCode = value.Key, Criticality = criticality, Value = value },
        };
    }
}
