// TS 23.503 §6.3 (policy from local configuration): the default QoS and session AMBR per DNN and slice.
namespace GlassCore.Pcf;

public sealed class PcfOptions
{
    public string InstanceId { get; set; } = "8f7a1c4e-0000-4000-8000-000000000007";
    public List<SessionPolicyOptions> SessionPolicies { get; set; } = [new()];
}

/// <summary>The policy of one DNN in one slice (null Sd matches a slice without SD; "*" as Dnn matches any DNN).</summary>
public sealed class SessionPolicyOptions
{
    public string Dnn { get; set; } = "internet";
    public int Sst { get; set; } = 1;
    public string? Sd { get; set; }
    public int FiveQi { get; set; } = 9;
    public int ArpPriorityLevel { get; set; } = 8;
    public string PreemptCap { get; set; } = "NOT_PREEMPT";
    public string PreemptVuln { get; set; } = "PREEMPTABLE";
    /// <summary>TS 29.571 BitRate, e.g. "1 Gbps"; null: the subscribed session AMBR.</summary>
    public string? SessionAmbrUplink { get; set; }
    public string? SessionAmbrDownlink { get; set; }
}
