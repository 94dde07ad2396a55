// TS 23.501 §5.8.2 / §6.3.3: what the SMF serves (DNN and S-NSSAI pairs with their UE address pools) and which UPFs it
// may select for them; all from configuration.
using System.Net;

namespace GlassCore.Smf;

public sealed class SmfOptions
{
    public string InstanceId { get; set; } = "8f7a1c4e-0000-4000-8000-000000000006";

    /// <summary>The SMF's PFCP endpoint (the CP F-SEID address is this address).</summary>
    public IPEndPoint PfcpLocal { get; set; } = new(IPAddress.Loopback, 8806);

    public TimeSpan PfcpT1 { get; set; } = TimeSpan.FromSeconds(3);

    public int PfcpN1 { get; set; } = 3;

    public List<DnnSliceOptions> Dnns { get; set; } = [];

    public List<UpfOptions> Upfs { get; set; } = [];

    /// <summary>URR measurement period for periodic usage reports (charging), seconds.</summary>
    public uint UsageReportPeriodSeconds { get; set; } = 60;

    /// <summary>The callback root the AMF and PCF notify (TS 29.502 smContextStatusUri is the AMF's; this is ours).</summary>
    public string CallbackRoot { get; set; } = "http://127.0.0.1:7777";
}

/// <summary>One DNN in one slice: UE address pools, DNS servers and MTU given to the UE (TS 24.501 §6.4.1.3, ePCO).</summary>
public sealed class DnnSliceOptions
{
    public string Dnn { get; set; } = "internet";
    public int Sst { get; set; } = 1;
    public string? Sd { get; set; }
    /// <summary>IPv4 CIDR, e.g. 10.45.0.0/16; null: no IPv4 sessions.</summary>
    public string? Ipv4Pool { get; set; } = "10.45.0.0/16";
    /// <summary>IPv6 prefix from which each session gets a /64, e.g. 2001:db8:45::/48; null: no IPv6 sessions.</summary>
    public string? Ipv6Pool { get; set; } = "2001:db8:45::/48";
    public List<string> Dns { get; set; } = ["8.8.8.8", "2001:4860:4860::8888"];
    public ushort Mtu { get; set; } = 1400;
}

/// <summary>A UPF the SMF may select; empty Dnns/Slices mean "any".</summary>
public sealed class UpfOptions
{
    public string Address { get; set; } = "127.0.0.7";
    public int Port { get; set; } = 8805;
    public List<string> Dnns { get; set; } = [];
    /// <summary>Slices as "sst" or "sst-sd" (hex SD).</summary>
    public List<string> Slices { get; set; } = [];
}
