// TS 29.244 §8.2.5 / TS 29.212 §5.4.2 flow descriptions, and the §5.4.2 MBR token bucket.
using System.Diagnostics;
using System.Text;
using GlassCore.Pfcp;

namespace GlassCore.Upf.Tests;

public sealed class SdfRuleTests
{
    internal static byte[] Udp(string src, string dst, ushort sport, ushort dport, int payload = 8)
    {
        var p = new byte[28 + payload];
        p[0] = 0x45;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        p[8] = 64;
        p[9] = 17;
        System.Net.IPAddress.Parse(src).GetAddressBytes().CopyTo(p, 12);
        System.Net.IPAddress.Parse(dst).GetAddressBytes().CopyTo(p, 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), sport);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), dport);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(24), (ushort)(8 + payload));
        return p;
    }

    private static SdfRule Parse(string s)
    {
        Assert.True(SdfRule.TryParse(Encoding.ASCII.GetBytes(s), out SdfRule r, out string e), e);
        return r;
    }

    [Fact]
    public void PermitOutIpAnyToAssigned_MatchesEveryIpv4Packet()
    {
        SdfRule r = Parse("permit out ip from any to assigned");
        Assert.True(r.Matches(Udp("8.8.8.8", "10.45.0.2", 53, 4000), uplink: false));
        Assert.True(r.Matches(Udp("10.45.0.2", "8.8.8.8", 4000, 53), uplink: true));
    }

    [Fact]
    public void ProtocolPrefixAndPorts_DownlinkDirection()
    {
        SdfRule r = Parse("permit out 17 from 198.51.100.0/24 5000-5010 to assigned 4000");
        Assert.True(r.Matches(Udp("198.51.100.7", "10.45.0.2", 5005, 4000), uplink: false));
        Assert.False(r.Matches(Udp("198.51.101.7", "10.45.0.2", 5005, 4000), uplink: false));
        Assert.False(r.Matches(Udp("198.51.100.7", "10.45.0.2", 5011, 4000), uplink: false));
        Assert.False(r.Matches(Udp("198.51.100.7", "10.45.0.2", 5005, 4001), uplink: false));
    }

    [Fact]
    public void UplinkPackets_AreMatchedWithSourceAndDestinationSwapped()
    {
        SdfRule r = Parse("permit out 17 from 198.51.100.1 5001 to assigned");
        Assert.True(r.Matches(Udp("10.45.0.2", "198.51.100.1", 40000, 5001), uplink: true));
        Assert.False(r.Matches(Udp("198.51.100.1", "10.45.0.2", 5001, 40000), uplink: true));
    }

    private static CompiledPdr Pdr(InterfaceValue source, string flow, string ue, bool ueIsDestination) => new()
    {
        Session = new UpfSession(1, 1, "n", new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8805)),
        Id = 1,
        Precedence = 1,
        Source = source,
        LocalTeid = source == InterfaceValue.Access ? 1u : null,
        UeIpv4 = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Net.IPAddress.Parse(ue).GetAddressBytes()),
        UeIpIsDestination = ueIsDestination,
        Filters = [Parse(flow)],
        Far = new FarRule { Id = 1, Forward = true },
    };

    [Fact]
    public void Pdr_SdfDirectionFollowsTheSourceInterface_Section5_2_1A_2A()
    {
        // The same downlink-written filter: applied as written by a Core-side PDR, swapped by an Access-side PDR.
        const string flow = "permit out 17 from 198.51.100.1 5001 to assigned 4000";
        CompiledPdr core = Pdr(InterfaceValue.Core, flow, "10.45.0.2", ueIsDestination: true);
        CompiledPdr access = Pdr(InterfaceValue.Access, flow, "10.45.0.2", ueIsDestination: false);
        byte[] down = Udp("198.51.100.1", "10.45.0.2", 5001, 4000);
        byte[] up = Udp("10.45.0.2", "198.51.100.1", 4000, 5001);
        Assert.True(core.Matches(down, 0));
        Assert.False(core.Matches(up, 0));
        Assert.True(access.Matches(up, 0));
        Assert.False(access.Matches(down, 0));
        // An access-side PDR with the UE address as source drops a packet from any other source (anti-spoofing).
        Assert.False(access.Matches(Udp("10.45.0.3", "198.51.100.1", 4000, 5001), 0));
    }

    [Fact]
    public void Urr_EachVolumeThresholdIsMonitoredOnItsOwn_Section8_2_13()
    {
        // Uplink threshold 1,000 only: 900 octets of uplink and 5,000 of downlink reach nothing; 100 more uplink does.
        var ul = new UrrRule { Id = 1, MeasureVolume = true, ReportOnVolumeThreshold = true, UplinkVolumeThreshold = 1000 };
        Assert.False(ul.Count(900, uplink: true));
        Assert.False(ul.Count(5000, uplink: false));
        Assert.True(ul.Count(100, uplink: true));
        Assert.False(ul.Count(100, uplink: true)); // reported once until the counters are taken
        ul.Take();
        Assert.False(ul.Count(999, uplink: true));
        // Total 1,000 and downlink 600: the downlink one is reached first.
        var both = new UrrRule { Id = 2, MeasureVolume = true, ReportOnVolumeThreshold = true, VolumeThreshold = 1000, DownlinkVolumeThreshold = 600 };
        Assert.False(both.Count(300, uplink: true));
        Assert.True(both.Count(600, uplink: false));
        var total = new UrrRule { Id = 3, MeasureVolume = true, ReportOnVolumeThreshold = true, VolumeThreshold = 1000 };
        Assert.False(total.Count(600, uplink: true));
        Assert.True(total.Count(400, uplink: false));
    }

    [Theory]
    [InlineData("deny out ip from any to assigned")]
    [InlineData("permit in ip from any to assigned")]
    [InlineData("permit out tcp from any to assigned")]
    [InlineData("permit out ip from 2001:db8::1 to assigned")]
    [InlineData("permit out ip from 10.0.0.0/33 to assigned")]
    [InlineData("permit out ip from any 70000 to assigned")]
    [InlineData("permit out ip from any to assigned frag")]
    [InlineData("permit out ip from any")]
    [InlineData("")]
    public void Unsupported_OrMalformed_Rejected(string s) =>
        Assert.False(SdfRule.TryParse(Encoding.ASCII.GetBytes(s), out _, out string e) || e.Length == 0);

    [Fact]
    public void TokenBucket_AdmitsItsDepth_ThenRefillsAtTheRate()
    {
        var b = new TokenBucket(8_000); // 8 Mbit/s = 1,000,000 bytes/s, depth 100 ms = 100,000 bytes
        long t0 = Stopwatch.GetTimestamp();
        int admitted = 0;
        while (b.TryConsume(1000, t0))
        {
            admitted++;
        }
        Assert.Equal(100, admitted);
        Assert.False(b.TryConsume(1000, t0));
        // 10 ms later: 10,000 bytes more.
        long t1 = t0 + (Stopwatch.Frequency / 100);
        int more = 0;
        while (b.TryConsume(1000, t1))
        {
            more++;
        }
        Assert.Equal(10, more);
    }

    [Fact]
    public void TokenBucket_ZeroRate_IsUnlimited()
    {
        var b = new TokenBucket(0);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(b.TryConsume(1500, 0));
        }
    }
}
