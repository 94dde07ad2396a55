// TS 38.413 §9.3.2.2 UP Transport Layer Information (GTP tunnel), §9.3.2.4 Transport Layer Address, §9.3.2.5 GTP-TEID:
// one place for both ends of N3 set-up (the SMF's transfers and the gNB's) to write and read a GTP tunnel endpoint.
using System.Diagnostics.CodeAnalysis;
using System.Net;
using GlassCore.Asn1;

namespace GlassCore.Ngap;

public static class UpTransportLayer
{
    /// <summary>A GTP tunnel at <paramref name="address"/> (IPv4: 32 bits, IPv6: 128 bits) with <paramref name="teid"/>.</summary>
    public static UpTransportLayerInformation GtpTunnel(IPAddress address, uint teid)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new UpTransportLayerInformation.GtpTunnel
        {
            Value = new GtpTunnel { TransportLayerAddress = new BitString(address.GetAddressBytes()), GtpTeid = FixedOctetString.FromUInt64(teid, 4) },
        };
    }

    /// <summary>The address and TEID of a GTP tunnel; false (with why) for another choice or an unusable address or TEID.</summary>
    public static bool TryReadGtpTunnel(UpTransportLayerInformation? info, [NotNullWhen(true)] out IPAddress? address, out uint teid, out string? error)
    {
        address = null;
        teid = 0;
        if (info is not UpTransportLayerInformation.GtpTunnel { Value: GtpTunnel g })
        {
            error = "the UP transport layer information is not a GTP tunnel";
            return false;
        }
        // §9.3.2.4: an IPv4 address (32 bits), an IPv6 address (128 bits), or both (160 bits, IPv4 first).
        byte[] bits = g.TransportLayerAddress.Bytes;
        address = g.TransportLayerAddress.Length switch
        {
            32 or 160 when bits.Length >= 4 => new IPAddress(bits.AsSpan(0, 4)),
            128 when bits.Length >= 16 => new IPAddress(bits.AsSpan(0, 16)),
            _ => null,
        };
        if (address is null || g.GtpTeid.Length != 4)
        {
            address = null;
            error = $"unusable transport layer address ({g.TransportLayerAddress.Length} bits) or GTP-TEID";
            return false;
        }
        teid = (uint)g.GtpTeid.ToUInt64();
        error = null;
        return true;
    }
}
