// TS 23.501 §5.15 / §5.8.2.2: one configured DNN in one S-NSSAI with its address pools.
using System.Net;
using GlassCore.Sbi.Models;

namespace GlassCore.Smf;

public sealed class DnnSlice
{
    public required DnnSliceOptions Options { get; init; }
    public UeAddressPool? Ipv4 { get; init; }
    public UeAddressPool? Ipv6 { get; init; }
    public IPAddress[] Dns { get; init; } = [];

    public bool Matches(string dnn, Snssai s) =>
        string.Equals(Options.Dnn, dnn, StringComparison.OrdinalIgnoreCase) && Options.Sst == s.Sst
        && string.Equals(Options.Sd ?? "", s.Sd ?? "", StringComparison.OrdinalIgnoreCase);

    public static DnnSlice From(DnnSliceOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        UeAddressPool? v4 = null, v6 = null;
        if (o.Ipv4Pool is not null)
        {
            v4 = UeAddressPool.TryParse(o.Ipv4Pool, out string? e4) ?? throw new ArgumentException($"smf dnn {o.Dnn}: {e4}");
        }
        if (o.Ipv6Pool is not null)
        {
            v6 = UeAddressPool.TryParse(o.Ipv6Pool, out string? e6) ?? throw new ArgumentException($"smf dnn {o.Dnn}: {e6}");
        }
        var dns = new List<IPAddress>();
        foreach (string d in o.Dns)
        {
            dns.Add(IPAddress.TryParse(d, out IPAddress? a) ? a : throw new ArgumentException($"smf dnn {o.Dnn}: DNS server '{d}' is not an address"));
        }
        return new DnnSlice { Options = o, Ipv4 = v4, Ipv6 = v6, Dns = [.. dns] };
    }
}
