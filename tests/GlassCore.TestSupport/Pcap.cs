// libpcap file format (LINKTYPE_RAW, 101) with IPv4/UDP headers (RFC 791, RFC 768), so tshark dissects our encoder's datagrams by port.
using System.Buffers.Binary;
using System.Net;

namespace GlassCore.TestSupport;

public static class Pcap
{
    /// <summary>One UDP datagram to write into a capture.</summary>
    public readonly record struct UdpDatagram(IPEndPoint Source, IPEndPoint Destination, byte[] Payload);

    /// <summary>Writes IPv4/UDP datagrams to a temporary pcap (link type RAW) and returns its path.</summary>
    public static string WriteUdp(IEnumerable<UdpDatagram> datagrams)
    {
        ArgumentNullException.ThrowIfNull(datagrams);
        return Write(datagrams.Select(Ipv4Udp), linkType: 101, firstSecond: 1_700_000_000);
    }

    /// <summary>Writes each record as one frame of a temporary pcap with the given link type, one second apart; returns its path.</summary>
    public static string Write(IEnumerable<byte[]> records, int linkType, uint firstSecond = 0)
    {
        ArgumentNullException.ThrowIfNull(records);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"glasscore-{Guid.NewGuid():N}.pcap");
        using var f = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535u);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        f.Write(header);
        uint seconds = firstSecond;
        Span<byte> rec = stackalloc byte[16];
        foreach (byte[] record in records)
        {
            rec.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(rec, seconds++);
            BinaryPrimitives.WriteUInt32LittleEndian(rec[8..], (uint)record.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(rec[12..], (uint)record.Length);
            f.Write(rec);
            f.Write(record);
        }
        return path;
    }

    private static byte[] Ipv4Udp(UdpDatagram d)
    {
        int total = 20 + 8 + d.Payload.Length;
        var p = new byte[total];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)total);
        p[8] = 64;
        p[9] = 17;
        d.Source.Address.MapToIPv4().TryWriteBytes(p.AsSpan(12), out _);
        d.Destination.Address.MapToIPv4().TryWriteBytes(p.AsSpan(16), out _);
        uint sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(i));
        }
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), (ushort)~sum);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), (ushort)d.Source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), (ushort)d.Destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(24), (ushort)(8 + d.Payload.Length));
        // UDP checksum 0: "no checksum" is allowed over IPv4 (RFC 768).
        d.Payload.CopyTo(p, 28);
        return p;
    }
}
