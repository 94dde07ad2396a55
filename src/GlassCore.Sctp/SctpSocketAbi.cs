// RFC 6458 §8.2.1 (SCTP_STATUS) and POSIX connect(2): the socket ABI facts both native backends share.
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GlassCore.Sctp;

/// <summary>Layouts and error rules common to the kernel's and usrsctp's socket APIs (both follow RFC 6458 on Linux).</summary>
internal static class SctpSocketAbi
{
    /// <summary>Large enough for struct sctp_status on both stacks (usrsctp's is 176 bytes with its paddr info).</summary>
    public const int StatusBufferSize = 256;

    private const int Einprogress = 115;

    /// <summary>sctp_status {assoc_id, state, rwnd, unackdata, penddata, instrms@16, outstrms@18, ...}.</summary>
    public static bool TryReadStreams(bool gotStatus, ReadOnlySpan<byte> status, out ushort inbound, out ushort outbound)
    {
        inbound = BinaryPrimitives.ReadUInt16LittleEndian(status[16..]);
        outbound = BinaryPrimitives.ReadUInt16LittleEndian(status[18..]);
        return gotStatus && inbound != 0 && outbound != 0;
    }

    /// <summary>
    /// The error of a non-blocking connect call that returned <paramref name="result"/>: 0 when it succeeded or is
    /// still in progress (the COMM_UP notification reports the outcome), else the errno. Call it right after the call.
    /// </summary>
    public static int ConnectError(int result)
    {
        if (result >= 0)
        {
            return 0;
        }
        int errno = Marshal.GetLastPInvokeError();
        return errno == Einprogress ? 0 : errno;
    }
}
