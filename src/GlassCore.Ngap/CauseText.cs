// TS 38.413 §9.3.1.2 Cause as text for logs and diagnostics (one place for the AMF, the SMF and the simulator).
namespace GlassCore.Ngap;

/// <summary>A Cause as log text ("radioNetwork UnknownPduSessionId"), formatted only when the log line is written.</summary>
public readonly record struct CauseText(Cause? Cause)
{
    public override string ToString() => Cause switch
    {
        Cause.RadioNetwork r => "radioNetwork " + r.Value,
        Cause.Transport t => "transport " + t.Value,
        Cause.Nas n => "nas " + n.Value,
        Cause.Protocol p => "protocol " + p.Value,
        Cause.Misc m => "misc " + m.Value,
        null => "none",
        _ => "other",
    };
}
