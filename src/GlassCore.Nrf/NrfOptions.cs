// NRF settings: heartbeat and discovery validity (TS 29.510 §5.2.2.3.2, §6.2.3.2.3.1), token lifetime (§5.4.2.2).
namespace GlassCore.Nrf;

public sealed class NrfOptions
{
    public string NfInstanceId { get; set; } = "8f7a1c4e-0000-4000-8000-000000000001";
    /// <summary>heartBeatTimer the NRF hands to registering NFs, in seconds.</summary>
    public int HeartBeatTimer { get; set; } = 10;
    /// <summary>An NF that misses heartbeats for this many timer periods is SUSPENDED and no longer discovered.</summary>
    public double HeartbeatGraceFactor { get; set; } = 3;
    /// <summary>validityPeriod of discovery results, in seconds.</summary>
    public int DiscoveryValidityPeriod { get; set; } = 30;
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
