// Linux struct sockaddr_in / sockaddr_in6 (netinet/in.h), shared by libc and usrsctp on Linux (no sin_len field).
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace GlassCore.Sctp;

internal static class SockAddr
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int StorageSize = 128;

    public static int Size(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 28 : 16;

    /// <summary>Writes <paramref name="endPoint"/> as sockaddr_in(6); an IPv4 address goes in v4-mapped form when <paramref name="asV6"/>.</summary>
    public static int Write(IPEndPoint endPoint, Span<byte> destination, bool asV6 = false)
    {
        destination[..StorageSize].Clear();
        IPAddress address = endPoint.Address;
        if (asV6 && address.AddressFamily == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv6();
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)endPoint.Port);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BitConverter.TryWriteBytes(destination, (ushort)AfInet6);
            address.TryWriteBytes(destination[8..24], out _);
            BitConverter.TryWriteBytes(destination[24..], (uint)address.ScopeId);
            return 28;
        }
        BitConverter.TryWriteBytes(destination, (ushort)AfInet);
        address.TryWriteBytes(destination[4..8], out _);
        return 16;
    }

    public static IPEndPoint? Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < 16)
        {
            return null;
        }
        ushort family = BitConverter.ToUInt16(source);
        int port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (family == AfInet)
        {
            return new IPEndPoint(new IPAddress(source[4..8]), port);
        }
        if (family == AfInet6 && source.Length >= 28)
        {
            var address = new IPAddress(source[8..24], BitConverter.ToUInt32(source[24..]));
            return new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
        }
        return null;
    }
}
