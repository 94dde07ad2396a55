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

    /// <summary>UDP_MAX_SEGMENTS of older kernels (later ones allow 128), and the most a UDP datagram carries.</summary>
    private const int MaxGsoSegments = 64;
    private const int MaxGsoBytes = 65507;
    private const int ControlSpace = 24;

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
    private readonly IoUring? _ownRing;
    private IoUring? _ring;
    private readonly byte* _txControl;
    private readonly int* _txFirst;
    private readonly int* _txCount;
    private bool _gso;
    private int _lastReads;
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
        _ring = _ownRing = plane.Options.TunIoUring ? IoUring.TryCreate((uint)_batch) : null;
        _gso = plane.Options.N3Gso;
        _txControl = (byte*)NativeMemory.AllocZeroed(b, ControlSpace);
        _txFirst = (int*)NativeMemory.AllocZeroed(b, sizeof(int));
        _txCount = (int*)NativeMemory.AllocZeroed(b, sizeof(int));
        for (int i = 0; i < _batch; i++)
        {
            _rxIov[i] = new IoVec { Base = (nint)(_rx + (i * SlotSize)), Length = SlotSize };
            _rxMsgs[i].Header.Iov = (nint)(_rxIov + i);
            _rxMsgs[i].Header.IovLength = 1;
            _rxMsgs[i].Header.Name = (nint)(_rxAddr + i);
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
            int work;
            try
            {
                work = ReceiveN3() + ReceiveN6();
            }
            catch (Exception e)
            {
                // A dedicated thread: an escaping exception would end the whole process. The batch is dropped, the path goes on.
                _plane.OnWorkerFault(_index, e);
                continue;
            }
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
        int writes = 0;
        for (int i = 0; i < n; i++)
        {
            int offset = HandleN3(_rx + (i * SlotSize), (int)_rxMsgs[i].Length, _rxAddr[i], t, now, out int ipLength);
            if (offset < 0)
            {
                continue;
            }
            byte* ip = _rx + (i * SlotSize) + offset;
            if (_ring is not null)
            {
                // The packets stay in their receive slots until the next recvmmsg, so the whole batch goes in one submission.
                _ring.PrepareWrite(_tun, ip, (uint)ipLength, 0);
                writes++;
            }
            else if (Native.Write(_tun, ip, (nuint)ipLength) < 0)
            {
                Dropped++;
            }
            else
            {
                UplinkForwarded++;
            }
        }
        if (writes > 0)
        {
            IoUring ring = _ring!;
            if (ring.SubmitAndWait() != writes)
            {
                RetireRing();
            }
            int completed = 0;
            while (ring.TryComplete(out IoUring.Cqe c))
            {
                completed++;
                if (c.Result >= 0)
                {
                    UplinkForwarded++;
                }
                else
                {
                    Dropped++;
                }
            }
            Dropped += writes - completed;
        }
        return n;
    }

    /// <summary>A submission the kernel refused or took only in part leaves the ring out of step with this worker's
    /// buffers: from then on the worker uses one read(2)/write(2) per packet.</summary>
    private void RetireRing() => _ring = null;

    /// <summary>Classifies one N3 datagram; returns the offset of the inner IP packet to write into the TUN, or -1 when nothing goes to N6.</summary>
    private int HandleN3(byte* data, int length, SockAddrIn from, ForwardingTables t, long now, out int ipLength)
    {
        ipLength = 0;
        var span = new ReadOnlySpan<byte>(data, length);
        if (!GtpUPacket.TryParse(span, out GtpUPacket g, out _))
        {
            Malformed++;
            return -1;
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
                return -1;
            default:
                // End Marker, Error Indication and the rest end here: the gNB's signalling needs no forwarding on N6.
                return -1;
        }
        if (!t.Uplink.TryGetValue(g.Teid, out CompiledPdr[]? pdrs))
        {
            UnknownTeid++;
            SendErrorIndication(g.Teid, from, now);
            return -1;
        }
        byte qfi = g.TryGetPduSessionInformation(out PduSessionInformation info) ? info.Qfi : (byte)0;
        ReadOnlySpan<byte> inner = g.Payload;
        CompiledPdr? pdr = ForwardingTables.Match(pdrs, inner, qfi);
        if (pdr is null || !Admit(pdr, inner.Length, uplink: true, now))
        {
            Dropped++;
            return -1;
        }
        FarRule far = pdr.Far;
        if (!far.Forward || far.CreatesGtpU || inner.Length < 20 || (inner[0] >> 4) is not (4 or 6))
        {
            // Uplink forwarding to another GTP-U tunnel (N9) is not offered; see the report.
            Dropped++;
            return -1;
        }
        ipLength = inner.Length;
        return g.HeaderLength;
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
        if (_ring is not null)
        {
            // As many reads as the last round found packets, doubled (at least 4): those past the queue's end complete
            // at once with -EAGAIN (RWF_NOWAIT), so an idle TUN costs one submission of 4 empty reads.
            int want = Math.Clamp(_lastReads * 2, 4, _batch);
            for (int i = 0; i < want; i++)
            {
                _ring.PrepareRead(_tun, _tx + (i * SlotSize) + Headroom, SlotSize - Headroom, (ulong)i);
            }
            IoUring ring = _ring;
            if (ring.SubmitAndWait() != want)
            {
                RetireRing();
            }
            while (ring.TryComplete(out IoUring.Cqe c))
            {
                if (c.Result > 0)
                {
                    read++;
                    Classify(_tx + ((int)c.UserData * SlotSize), c.Result, ref k, t, now);
                }
            }
            _lastReads = read;
        }
        else
        {
            for (int i = 0; i < _batch; i++)
            {
                byte* slot = _tx + (i * SlotSize);
                nint r = Native.Read(_tun, slot + Headroom, SlotSize - Headroom);
                if (r <= 0)
                {
                    break;
                }
                read++;
                Classify(slot, (int)r, ref k, t, now);
            }
        }
        Send(k);
        return read;
    }

    /// <summary>Sends the <paramref name="k"/> G-PDUs of a round. With UDP GSO (udp(7) UDP_SEGMENT) each run of
    /// packets to one gNB with one size (the last may be shorter) goes down the stack as one datagram that the kernel
    /// cuts into the separate G-PDUs only at the end of the path: one route lookup and one pass through IP for the run.</summary>
    private void Send(int k)
    {
        int m = 0;
        for (int i = 0; i < k; m++)
        {
            int segment = (int)_txIov[i].Length;
            int j = i + 1;
            if (_gso)
            {
                int total = segment;
                while (j < k && j - i < MaxGsoSegments && (int)_txIov[j].Length <= segment && total + (int)_txIov[j].Length <= MaxGsoBytes
                    && _txAddr[j].AddressBe == _txAddr[i].AddressBe && _txAddr[j].PortBe == _txAddr[i].PortBe)
                {
                    total += (int)_txIov[j].Length;
                    j++;
                    if ((int)_txIov[j - 1].Length < segment)
                    {
                        break; // only the last segment may be shorter
                    }
                }
            }
            MsgHdr* h = &_txMsgs[m].Header;
            h->Name = (nint)(_txAddr + i);
            h->NameLength = 16;
            h->Iov = (nint)(_txIov + i);
            h->IovLength = (nuint)(j - i);
            if (j - i > 1)
            {
                // struct cmsghdr { size_t len; int level; int type; } + the segment size: CMSG_LEN(2) = 18, CMSG_SPACE(2) = 24.
                byte* c = _txControl + (m * ControlSpace);
                *(nuint*)c = 18;
                *(int*)(c + 8) = Native.SolUdp;
                *(int*)(c + 12) = Native.UdpSegment;
                *(ushort*)(c + 16) = (ushort)segment;
                h->Control = (nint)c;
                h->ControlLength = ControlSpace;
            }
            else
            {
                h->Control = 0;
                h->ControlLength = 0;
            }
            _txFirst[m] = i;
            _txCount[m] = j - i;
            i = j;
        }
        int sent = 0;
        while (sent < m)
        {
            int s = Native.SendMMsg(_udp, _txMsgs + sent, (uint)(m - sent), 0);
            if (s > 0)
            {
                for (int x = sent; x < sent + s; x++)
                {
                    DownlinkForwarded += _txCount[x];
                }
                sent += s;
                continue;
            }
            int errno = Native.Errno;
            if (_txCount[sent] > 1 && errno is Native.EIo or Native.EInval or Native.EMsgSize)
            {
                // The egress device cannot checksum a GSO datagram (EIO), or a segment exceeds the path MTU: send
                // this run packet by packet (the kernel fragments as it would have), and on EIO stop grouping.
                _gso &= errno != Native.EIo;
                for (int x = _txFirst[sent]; x < _txFirst[sent] + _txCount[sent]; x++)
                {
                    if (Native.SendTo(_udp, (byte*)_txIov[x].Base, _txIov[x].Length, 0, _txAddr + x, 16) < 0)
                    {
                        Dropped++;
                    }
                    else
                    {
                        DownlinkForwarded++;
                    }
                }
                sent++;
                continue;
            }
            for (int x = sent; x < m; x++)
            {
                Dropped += _txCount[x];
            }
            break;
        }
    }

    private void Classify(byte* slot, int length, ref int k, ForwardingTables t, long now)
    {
        int h = HandleN6(slot + Headroom, length, t, now, out CompiledPdr? pdr);
        if (h > 0)
        {
            _txIov[k] = new IoVec { Base = (nint)(slot + Headroom - h), Length = (nuint)(h + length) };
            _txAddr[k] = pdr!.Far.OuterSockAddr;
            k++;
        }
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
        _ownRing?.Dispose();
        NativeMemory.Free(_txControl);
        NativeMemory.Free(_txFirst);
        NativeMemory.Free(_txCount);
    }
}
