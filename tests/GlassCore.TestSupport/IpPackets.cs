// IPv4 (RFC 791) and IPv6 (RFC 8200) UDP packets (RFC 768) with valid checksums, as a UE or a data network host sends
// them: what tests push through a UPF's TUN, whose kernel side checks every checksum.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace GlassCore.TestSupport;

public static class IpPackets
{
    /// <summary>An IPv4 or IPv6 UDP packet (by the addresses' family) with the header and UDP checksums set.</summary>
    public static byte[] Udp(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        bool v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        int ipHeader = v6 ? 40 : 20;
        int udpLength = 8 + payload.Length;
        var p = new byte[ipHeader + udpLength];
        Span<byte> udp = p.AsSpan(ipHeader);
        uint pseudo;
        if (v6)
        {
            p[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)udpLength);
            p[6] = 17;
            p[7] = 64;
            source.TryWriteBytes(p.AsSpan(8), out _);
            destination.TryWriteBytes(p.AsSpan(24), out _);
            pseudo = Sum(p.AsSpan(8, 32)) + 17 + (uint)udpLength;
        }
        else
        {
            p[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
            p[8] = 64;
            p[9] = 17;
            source.TryWriteBytes(p.AsSpan(12), out _);
            destination.TryWriteBytes(p.AsSpan(16), out _);
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), Checksum(p.AsSpan(0, 20), 0));
            pseudo = Sum(p.AsSpan(12, 8)) + 17 + (uint)udpLength;
        }
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        payload.CopyTo(udp[8..]);
        ushort c = Checksum(udp, pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], c == 0 ? (ushort)0xFFFF : c);
        return p;
    }

    private static uint Sum(ReadOnlySpan<byte> d)
    {
        uint s = 0;
        for (int i = 0; i + 1 < d.Length; i += 2)
        {
            s += BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
        }
        if (d.Length % 2 == 1)
        {
            s += (uint)d[^1] << 8;
        }
        return s;
    }

    private static ushort Checksum(ReadOnlySpan<byte> d, uint initial)
    {
        ulong s = initial + Sum(d);
        while (s >> 16 != 0)
        {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (ushort)~s;
    }
}
