// TS 29.502 §5.2.2.2 / TS 23.502 §4.3.2: the SMF's state of one PDU session (one SM context), mutated only while its
// lock is held (one procedure at a time per session).
using System.Net;
using GlassCore.Sbi.Models;
using GlassCore.Smf.N2;
using GlassCore.Smf.N4;

namespace GlassCore.Smf;

public enum SmContextState
{
    /// <summary>Created; the N1 accept and N2 setup request are on their way to the UE and the gNB.</summary>
    ActivePending,
    Active,
    /// <summary>A release command was sent; waiting for the UE's release complete and the gNB's release response.</summary>
    ReleasePending,
    Released,
}

public sealed class SmContext(string smContextRef, string supi, byte pduSessionId)
{
    public string Ref { get; } = smContextRef;
    public string Supi { get; } = supi;
    public byte PduSessionId { get; } = pduSessionId;
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public SmContextState State { get; set; }
    public string Dnn { get; set; } = "";
    public Snssai Snssai { get; set; } = new() { Sst = 1 };
    public string? Gpsi { get; set; }
    public string AnType { get; set; } = "3GPP_ACCESS";
    public string ServingNfId { get; set; } = "";
    public string? SmContextStatusUri { get; set; }
    public byte Pti { get; set; }
    public byte PduSessionType { get; set; }
    public byte SscMode { get; set; } = 1;
    public IPAddress? Ipv4 { get; set; }
    public IPAddress? Ipv6Prefix { get; set; }
    public ulong InterfaceIdentifier { get; set; }
    public ulong AmbrUplinkBps { get; set; }
    public ulong AmbrDownlinkBps { get; set; }
    public byte Qfi { get; set; } = 1;
    public int FiveQi { get; set; } = 9;
    public int ArpPriority { get; set; } = 8;
    public bool PreemptionCapable { get; set; }
    public bool Preemptable { get; set; } = true;
    public string? PolicyUri { get; set; }
    public ulong CpSeid { get; set; }
    public ulong UpSeid { get; set; }
    public UpfPeer? Upf { get; set; }
    public GtpTunnelEndpoint UlTunnel { get; set; }
    public GtpTunnelEndpoint? DlTunnel { get; set; }
    public string UpCnxState { get; set; } = UpCnxStates.Activating;

    /// <summary>Network-triggered reactivations that failed (the AMF could not reach the UE, TS 23.502 §4.2.3.3).</summary>
    public int PagingFailures { get; set; }
    /// <summary>The accept and N2 setup request sent with N1N2MessageTransfer (kept for a repeated transfer).</summary>
    public byte[]? N1Accept { get; set; }
    public byte[]? N2SetupRequest { get; set; }
    internal DnnSlice? Pools { get; set; }
    /// <summary>Release complete and the gNB's release response both arrived (UE-/network-requested release).</summary>
    public bool ReleaseCompleteReceived { get; set; }
    public bool N2ReleaseReceived { get; set; }
    /// <summary>The release was the network's (§6.3.3): the AMF learns of its end through SmContextStatusNotify.</summary>
    public bool NetworkRequestedRelease { get; set; }
    /// <summary>A modification command went to the UE (TS 24.501 §6.3.2 / §6.4.2) and its complete has not come back.</summary>
    public bool ModificationPending { get; set; }
    /// <summary>Modifications the UE completed (PDU Session Modification Complete).</summary>
    public int ModificationsCompleted { get; set; }
    /// <summary>PDU Session Resource Modify Responses from the RAN for this session.</summary>
    public int N2ModificationsConfirmed { get; set; }
}

/// <summary>A usage report stored for charging (TS 32.255: volume and duration per URR).</summary>
public sealed record ChargingRecord(string Supi, byte PduSessionId, string Dnn, uint UrrId, ulong UplinkOctets, ulong DownlinkOctets,
    uint DurationSeconds, string Trigger, DateTimeOffset At);
