// TS 29.244 §8.2.5 / TS 29.212 §5.4.2 flow descriptions, and the §5.4.2 MBR token bucket.
using System.Diagnostics;
using System.Text;

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
