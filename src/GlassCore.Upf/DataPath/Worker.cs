// TS 29.244 §5.2.1 (PDR lookup, FAR/QER/URR application) on the wire formats of TS 29.281 §5 (GTP-U) and TS 38.415
// §5.5.2 (PDU Session Container): one thread, one N3 socket, one TUN queue, batched system calls, pinned buffers.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using GlassCore.Gtp;
using GlassCore.Gtp.Linux;
using GlassCore.Pfcp;

namespace GlassCore.Upf.DataPath;

internal sealed unsafe class Worker : IDisposable
{
    /// <summary>Room before each downlink packet so the GTP-U header is written in place, without copying the packet.</summary>
    public const int Headroom = 64;
    public const int SlotSize = 2048 + Headroom;

    private readonly UserPlane _plane;
    private readonly int _index;
    private readonly int _udp;
    private readonly int _tun;
    private readonly int _batch;
    private readonly byte* _rx;
    private readonly MMsgHdr* _rxMsgs;
    private readonly IoVec* _rxIov;
    private readonly SockAddrIn* _rxAddr;
    private readonly byte* _tx;
    private readonly MMsgHdr* _txMsgs;
    private readonly IoVec* _txIov;
    private readonly SockAddrIn* _txAddr;
    private readonly byte* _scratch;
    private Thread? _thread;
    private long _eiWindow;
    private int _eiCount;

    public long UplinkForwarded;
    public long DownlinkForwarded;
    public long Dropped;
    public long UnknownTeid;
    public long Malformed;
    public long Buffered;
    public long EchoRequests;
    public long ErrorIndicationsSent;

    public Worker(UserPlane plane, int index, int udpFd, int tunFd)
    {
        _plane = plane;
        _index = index;
        _udp = udpFd;
        _tun = tunFd;
        _batch = Math.Clamp(plane.Options.Batch, 1, 1024);
        nuint b = (nuint)_batch;
        _rx = (byte*)NativeMemory.AlignedAlloc(b * SlotSize, 64);
        _tx = (byte*)NativeMemory.AlignedAlloc(b * SlotSize, 64);
        _rxMsgs = (MMsgHdr*)NativeMemory.AllocZeroed(b, (nuint)sizeof(MMsgHdr));
        _txMsgs = (MMsgHdr*)NativeMemory.AllocZeroed(b, (nuint)sizeof(MMsgHdr));
        _rxIov = (IoVec*)NativeMemory.AllocZeroed(b, (nuint)sizeof(IoVec));
        _txIov = (IoVec*)NativeMemory.AllocZeroed(b, (nuint)sizeof(IoVec));
        _rxAddr = (SockAddrIn*)NativeMemory.AllocZeroed(b, 16);
        _txAddr = (SockAddrIn*)NativeMemory.AllocZeroed(b, 16);
        _scratch = (byte*)NativeMemory.AllocZeroed(256);
        for (int i = 0; i < _batch; i++)
        {
            _rxIov[i] = new IoVec { Base = (nint)(_rx + (i * SlotSize)), Length = SlotSize };
            _rxMsgs[i].Header.Iov = (nint)(_rxIov + i);
            _rxMsgs[i].Header.IovLength = 1;
            _rxMsgs[i].Header.Name = (nint)(_rxAddr + i);
            _txMsgs[i].Header.Iov = (nint)(_txIov + i);
            _txMsgs[i].Header.IovLength = 1;
            _txMsgs[i].Header.Name = (nint)(_txAddr + i);
            _txMsgs[i].Header.NameLength = 16;
        }
    }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"upf-worker-{_index}" };
        _thread.Start();
    }

    public void Join() => _thread?.Join();

    private void Run()
    {
        PollFd* fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = _udp, Events = Native.PollIn };
        fds[1] = new PollFd { Fd = _tun, Events = Native.PollIn };
        while (!_plane.Stopping)
        {
            int work = ReceiveN3() + ReceiveN6();
            if (work == 0)
            {
                // Idle: sleep in the kernel until either side has packets (bounded so Dispose is noticed).
                Native.Poll(fds, 2, 100);
            }
        }
    }

    private int ReceiveN3()
    {
        for (int i = 0; i < _batch; i++)
        {
            _rxMsgs[i].Header.NameLength = 16;
        }
        int n = Native.RecvMMsg(_udp, _rxMsgs, (uint)_batch, Native.MsgDontWait, null);
        if (n <= 0)
        {
            return 0;
        }
        ForwardingTables t = _plane.Tables;
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            HandleN3(_rx + (i * SlotSize), (int)_rxMsgs[i].Length, _rxAddr[i], t, now);
        }
        return n;
    }

    private void HandleN3(byte* data, int length, SockAddrIn from, ForwardingTables t, long now)
    {
        var span = new ReadOnlySpan<byte>(data, length);
        if (!GtpUPacket.TryParse(span, out GtpUPacket g, out _))
        {
            Malformed++;
            return;
        }
        switch (g.MessageType)
        {
            case GtpUMessageType.GPdu:
                break;
            case GtpUMessageType.EchoRequest:
                EchoRequests++;
                if (GtpUMessages.TryWriteEchoResponse(new Span<byte>(_scratch, 256), g.SequenceNumber, out int w))
                {
                    Native.SendTo(_udp, _scratch, (nuint)w, 0, &from, 16);
                }
                return;
            default:
                // End Marker, Error Indication and the rest end here: the gNB's signalling needs no forwarding on N6.
                return;
        }
        if (!t.Uplink.TryGetValue(g.Teid, out CompiledPdr[]? pdrs))
        {
            UnknownTeid++;
            SendErrorIndication(g.Teid, from, now);
            return;
        }
        byte qfi = g.TryGetPduSessionInformation(out PduSessionInformation info) ? info.Qfi : (byte)0;
        ReadOnlySpan<byte> inner = g.Payload;
        CompiledPdr? pdr = ForwardingTables.Match(pdrs, inner, qfi);
        if (pdr is null || !Admit(pdr, inner.Length, uplink: true, now))
        {
            Dropped++;
            return;
        }
        FarRule far = pdr.Far;
        if (!far.Forward || far.CreatesGtpU || inner.Length < 20 || (inner[0] >> 4) is not (4 or 6))
        {
            // Uplink forwarding to another GTP-U tunnel (N9) is not offered; see the report.
            Dropped++;
            return;
        }
        fixed (byte* ip = inner)
        {
            if (Native.Write(_tun, ip, (nuint)inner.Length) < 0)
            {
                Dropped++;
                return;
            }
        }
        UplinkForwarded++;
    }

    private void SendErrorIndication(uint teid, SockAddrIn from, long now)
    {
        // TS 29.281 §7.3.1: rate-limited; sent to the GTP-U port of the peer that used the unknown TEID.
        if (now - _eiWindow > Stopwatch.Frequency)
        {
            _eiWindow = now;
            _eiCount = 0;
        }
        if (_eiCount >= _plane.Options.ErrorIndicationsPerSecond)
        {
            return;
        }
        _eiCount++;
        if (GtpUMessages.TryWriteErrorIndication(new Span<byte>(_scratch, 256), teid, _plane.N3AddressBytes, 0, out int w))
        {
            SockAddrIn to = from;
            to.PortBe = BinaryPrimitives.ReverseEndianness((ushort)UpfOptions.GtpUPort);
            Native.SendTo(_udp, _scratch, (nuint)w, 0, &to, 16);
            ErrorIndicationsSent++;
        }
    }

    private int ReceiveN6()
    {
        int k = 0;
        int read = 0;
        ForwardingTables t = _plane.Tables;
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < _batch; i++)
        {
            byte* slot = _tx + (i * SlotSize);
            nint r = Native.Read(_tun, slot + Headroom, SlotSize - Headroom);
            if (r <= 0)
            {
                break;
            }
            read++;
            int h = HandleN6(slot + Headroom, (int)r, t, now, out CompiledPdr? pdr);
            if (h > 0)
            {
                _txIov[k] = new IoVec { Base = (nint)(slot + Headroom - h), Length = (nuint)(h + r) };
                _txAddr[k] = pdr!.Far.OuterSockAddr;
                k++;
            }
        }
        int sent = 0;
        while (sent < k)
        {
            int s = Native.SendMMsg(_udp, _txMsgs + sent, (uint)(k - sent), 0);
            if (s <= 0)
            {
                Dropped += k - sent;
                break;
            }
            sent += s;
        }
        DownlinkForwarded += sent;
        return read;
    }

    /// <summary>Classifies one downlink packet; returns the GTP-U header length written before it, or 0 when it is not sent now.</summary>
    private int HandleN6(byte* ip, int length, ForwardingTables t, long now, out CompiledPdr? pdr)
    {
        pdr = null;
        var span = new ReadOnlySpan<byte>(ip, length);
        if (!t.TryGetDownlink(span, out CompiledPdr[]? pdrs))
        {
            Dropped++;
            return 0;
        }
        pdr = ForwardingTables.Match(pdrs, span, 0);
        if (pdr is null || !Admit(pdr, length, uplink: false, now))
        {
            Dropped++;
            return 0;
        }
        FarRule far = pdr.Far;
        if (far.Forward && far.CreatesGtpU)
        {
            int h = HeaderLength(pdr);
            WriteDownlinkHeader(new Span<byte>(ip - h, h), pdr, length);
            return h;
        }
        if (far.Buffer)
        {
            UpfSession s = pdr.Session;
            int limit = far.BarId is byte bar && s.Bars.TryGetValue(bar, out byte count) && count > 0 ? count : _plane.Options.BufferPackets;
            if (s.TryBuffer(span, limit))
            {
                Buffered++;
            }
            else
            {
                Dropped++;
            }
            if (far.NotifyCp && s.ClaimDownlinkReport())
            {
                _plane.Post(new UpfEvent(UpfEventKind.DownlinkData, s, pdr.Id, pdr.Qfi));
            }
            return 0;
        }
        Dropped++;
        return 0;
    }

    private static int HeaderLength(CompiledPdr pdr) => pdr.Qfi != 0 ? 16 : 8;

    /// <summary>The G-PDU header of a downlink packet: with a DL PDU Session Container carrying the QFI (TS 38.415 §5.5.2.1) when the QER gives one.</summary>
    internal static int WriteDownlinkHeader(Span<byte> destination, CompiledPdr pdr, int payloadLength)
    {
        int written;
        if (pdr.Qfi != 0)
        {
            bool rqi = false;
            foreach (QerRule q in pdr.Qers)
            {
                rqi |= q.Rqi;
            }
            GtpUMessages.TryWriteGpduHeader(destination, pdr.Far.OuterTeid, payloadLength, PduSessionInformation.Downlink(pdr.Qfi, rqi), out written);
        }
        else
        {
            GtpUMessages.TryWriteGpduHeader(destination, pdr.Far.OuterTeid, payloadLength, out written);
        }
        return written;
    }

    /// <summary>QER gates and MBR (TS 29.244 §5.4.2), then URR counting (§5.2.2).</summary>
    private bool Admit(CompiledPdr pdr, int bytes, bool uplink, long now)
    {
        foreach (QerRule q in pdr.Qers)
        {
            if (!(uplink ? q.UplinkOpen : q.DownlinkOpen) || !(uplink ? q.UplinkMbr : q.DownlinkMbr).TryConsume(bytes, now))
            {
                return false;
            }
        }
        foreach (UrrRule u in pdr.Urrs)
        {
            if (u.MeasureVolume && u.Count(bytes, uplink))
            {
                _plane.Post(new UpfEvent(UpfEventKind.VolumeThreshold, pdr.Session, pdr.Id, Urr: u));
            }
        }
        return true;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_rx);
        NativeMemory.AlignedFree(_tx);
        NativeMemory.Free(_rxMsgs);
        NativeMemory.Free(_txMsgs);
        NativeMemory.Free(_rxIov);
        NativeMemory.Free(_txIov);
        NativeMemory.Free(_rxAddr);
        NativeMemory.Free(_txAddr);
        NativeMemory.Free(_scratch);
    }
}
