// TS 29.244 §6.4 reliable delivery over UDP: sequence numbers, T1/N1 retransmission, duplicate requests answered from a cache;
// §7.6 error handling: malformed requests answered with their Cause and Offending IE, or dropped when no answer is possible.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Pfcp.Transport;

/// <summary>A PFCP entity on one UDP socket: sends requests and waits for their responses, and serves the peer's requests.
/// One receive loop owns the socket's reads; handlers run off the loop so a slow one does not hold up other peers.</summary>
public sealed partial class PfcpNode : IAsyncDisposable
{
    private const int MaxDatagram = 65535;

    private readonly PfcpNodeOptions _options;
    private readonly IPfcpRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(IPEndPoint Peer, uint Sequence), TaskCompletionSource<PfcpMessage>> _pending = new();
    private readonly ConcurrentDictionary<(IPEndPoint Peer, uint Sequence), CachedResponse> _responses = new();

    /// <summary>The cache's entries in the order they were made: expiry pops from the front, so each request costs O(1)
    /// however many responses are cached (at 2,000 requests/s and 15 s that is 30,000).</summary>
    private readonly ConcurrentQueue<((IPEndPoint Peer, uint Sequence) Key, CachedResponse Entry)> _cacheOrder = new();
    /// <summary>Each peer's address in socket form, so a send does not serialize the endpoint again.</summary>
    private readonly ConcurrentDictionary<IPEndPoint, SocketAddress> _socketAddresses = new();
    private Task? _receiveLoop;
    private int _sequence;
    private long _retransmissions;

    public PfcpNode(PfcpNodeOptions options, IPfcpRequestHandler handler, ILogger<PfcpNode>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        if (options.N1 < 0 || options.T1 <= TimeSpan.Zero)
        {
            throw new ArgumentException("N1 must be >= 0 and T1 positive", nameof(options));
        }
        _options = options;
        _handler = handler;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _socket = new Socket(options.LocalEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        SizeReceiveBuffer(_socket, options.ReceiveBufferBytes);
        _socket.Bind(options.LocalEndPoint);
        _sequence = Random.Shared.Next(0, 0xFFFFFF);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The socket's receive buffer as the kernel set it (Linux reports twice the requested size: its bookkeeping
    /// overhead is included).</summary>
    public int ReceiveBufferSize => _socket.ReceiveBufferSize;

    /// <summary>Requests sent again because T1 ran out (each retransmission counts once): under load a non-zero value
    /// means datagrams were lost somewhere.</summary>
    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    /// <summary>Responses kept for duplicate detection (bounded by the request rate × ResponseCacheLifetime).</summary>
    internal int CachedResponses => _responses.Count;

    /// <summary>Starts the receive loop.</summary>
    public void Start() => _receiveLoop ??= Task.Run(() => ReceiveLoopAsync(_stop.Token));

    /// <summary>Sends a request with the next sequence number and returns the peer's response; retransmits every T1, N1 times.</summary>
    /// <exception cref="PfcpTimeoutException">No response after N1 retransmissions.</exception>
    public async Task<PfcpMessage> SendRequestAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(peer);
        if (!PfcpMessageTypes.IsRequest(request.MessageType))
        {
            throw new ArgumentException($"{request.Name} is not a request", nameof(request));
        }
        request.SequenceNumber = (uint)Interlocked.Increment(ref _sequence) & 0xFFFFFF;
        byte[] bytes = request.Encode();
        var key = (Normalize(peer), request.SequenceNumber);
        var tcs = new TaskCompletionSource<PfcpMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, tcs))
        {
            throw new InvalidOperationException($"sequence number {request.SequenceNumber} to {peer} is already pending");
        }
        try
        {
            SocketAddress to = SocketAddressOf(peer);
            for (int transmission = 1; transmission <= _options.N1 + 1; transmission++)
            {
                // T1 starts before the datagram leaves, so a response can never arrive before its timer exists. One timer
                // per transmission and no linked token source: disposal cancels the pending requests themselves.
                Task<PfcpMessage> answered = tcs.Task.WaitAsync(_options.T1, _time, cancellationToken);
                await _socket.SendToAsync(bytes, SocketFlags.None, to, cancellationToken);
                if (transmission > 1)
                {
                    Interlocked.Increment(ref _retransmissions);
                    LogRetransmission(request.Name, request.SequenceNumber, peer, transmission - 1);
                }
                try
                {
                    return await answered;
                }
                catch (TimeoutException)
                {
                    // T1 ran out: send again.
                }
            }
            throw new PfcpTimeoutException(request.MessageType, request.SequenceNumber, _options.N1 + 1);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        // The sender's address is received into one SocketAddress and looked up, not parsed into a new IPEndPoint per datagram.
        var from = new SocketAddress(_socket.AddressFamily);
        var peers = new Dictionary<SocketAddress, IPEndPoint>();
        IPEndPoint template = new(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            int receivedBytes;
            try
            {
                receivedBytes = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP errors from earlier sends surface here on some stacks; they concern no datagram in hand.
                LogSocketError(e.SocketErrorCode);
                continue;
            }
            IPEndPoint peer = PeerOf(from, peers, template);
            try
            {
                OnDatagram(buffer.AsSpan(0, receivedBytes), peer, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The loop must outlive any one bad datagram; the cause is logged, the node keeps serving.
                LogDatagramFailure(peer, e);
            }
        }
    }

    private static IPEndPoint PeerOf(SocketAddress from, Dictionary<SocketAddress, IPEndPoint> peers, IPEndPoint template)
    {
        if (peers.TryGetValue(from, out IPEndPoint? known))
        {
            return known;
        }
        if (peers.Count >= 4096)
        {
            peers.Clear(); // many short-lived peers (a scan): start over rather than grow
        }
        var key = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span[..from.Size].CopyTo(key.Buffer.Span);
        var peer = Normalize((IPEndPoint)template.Create(key));
        peers[key] = peer;
        return peer;
    }

    private SocketAddress SocketAddressOf(IPEndPoint peer) => _socketAddresses.TryGetValue(peer, out SocketAddress? a) ? a
        : _socketAddresses.Count < 4096 ? _socketAddresses.GetOrAdd(peer, static p => p.Serialize()) : peer.Serialize();

    private static void SizeReceiveBuffer(Socket socket, int bytes)
    {
        if (bytes <= 0)
        {
            return;
        }
        if (OperatingSystem.IsLinux())
        {
            // SO_RCVBUFFORCE (SOL_SOCKET 1, option 33) may exceed net.core.rmem_max; it needs CAP_NET_ADMIN.
            Span<byte> value = stackalloc byte[sizeof(int)];
            BitConverter.TryWriteBytes(value, bytes);
            try
            {
                socket.SetRawSocketOption(1, 33, value);
                return;
            }
            catch (SocketException)
            {
                // Not permitted: SO_RCVBUF below, capped at rmem_max.
            }
        }
        try
        {
            socket.ReceiveBufferSize = bytes;
        }
        catch (SocketException)
        {
            // The kernel's default stays.
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint peer, CancellationToken cancellationToken)
    {
        int offset = 0;
        while (offset < datagram.Length)
        {
            ReadOnlySpan<byte> rest = datagram[offset..];
            if (!PfcpHeader.TryDecode(rest, out PfcpHeader header, out PfcpDecodeError headerError))
            {
                if (headerError.Kind == PfcpErrorKind.VersionNotSupported && PfcpMessageTypes.IsRequest(header.MessageType))
                {
                    // §7.4.4.7: answer with our version; only the header is sent.
                    var vns = new PfcpMessage(PfcpMessageType.VersionNotSupportedResponse) { SequenceNumber = header.SequenceNumber };
                    Send(vns.Encode(), peer);
                }
                LogDropped(peer, headerError.ToString());
                return;
            }
            ReadOnlySpan<byte> one = rest[..header.TotalLength];
            offset += header.TotalLength;
            if (!Enum.IsDefined(header.MessageType))
            {
                // §7.6.1 (unknown message type): silently discarded.
                LogDropped(peer, $"unknown message type {(byte)header.MessageType}");
            }
            else if (PfcpMessageTypes.IsRequest(header.MessageType))
            {
                OnRequest(header, one, peer, cancellationToken);
            }
            else
            {
                OnResponse(header, one, peer);
            }
            if (!header.FollowOn)
            {
                return;
            }
        }
    }

    private void OnResponse(PfcpHeader header, ReadOnlySpan<byte> bytes, IPEndPoint peer)
    {
        if (!_pending.TryGetValue((peer, header.SequenceNumber), out TaskCompletionSource<PfcpMessage>? tcs))
        {
            LogDropped(peer, $"{PfcpMessageTypes.Name(header.MessageType)} seq {header.SequenceNumber} answers no pending request");
            return;
        }
        if (!PfcpMessage.TryDecodeBody(header, bytes, checkMandatory: true, out PfcpMessage response, out _, out PfcpDecodeError error))
        {
            // A broken response is ignored; the request is retransmitted and may get a good one (§6.4).
            LogDropped(peer, error.ToString());
            return;
        }
        tcs.TrySetResult(response);
    }

    private void OnRequest(PfcpHeader header, ReadOnlySpan<byte> bytes, IPEndPoint peer, CancellationToken cancellationToken)
    {
        var key = (peer, header.SequenceNumber);
        long now = _time.GetTimestamp();
        if (_responses.TryGetValue(key, out CachedResponse? cached))
        {
            if (_time.GetElapsedTime(cached.Created, now) < _options.ResponseCacheLifetime)
            {
                // §6.4: a retransmitted request gets the same response again, without being processed twice.
                if (cached.Response is byte[] response)
                {
                    Send(response, peer);
                }
                LogDuplicate(peer, header.SequenceNumber);
                return;
            }
            _responses.TryRemove(key, out _);
        }
        var entry = new CachedResponse(now);
        _responses[key] = entry;
        _cacheOrder.Enqueue((key, entry));
        PruneCache(now);

        if (!PfcpMessage.TryDecodeBody(header, bytes, checkMandatory: true, out PfcpMessage request, out _, out PfcpDecodeError error))
        {
            LogDropped(peer, error.ToString());
            PfcpMessage? reject = BuildRejection(header, error);
            if (reject is null)
            {
                _responses.TryRemove(key, out _);
                return;
            }
            Complete(key, reject, peer);
            return;
        }
        _ = HandleAsync(key, request, peer, cancellationToken);
    }

    private async Task HandleAsync((IPEndPoint Peer, uint Sequence) key, PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
    {
        PfcpMessage? response;
        try
        {
            response = await _handler.HandleAsync(request, peer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // Caught once here and turned into a PFCP cause (style anchor #9): the peer learns the request failed.
            LogHandlerFailure(request.Name, peer, e);
            response = BuildRejection(
                new PfcpHeader(request.FlagsOctet, request.MessageType, 0, 0, request.SequenceNumber, 0),
                new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.SystemFailure, 0, 0, e.Message));
        }
        if (response is null)
        {
            _responses.TryRemove(key, out _);
            return;
        }
        Complete(key, response, peer);
    }

    private void Complete((IPEndPoint Peer, uint Sequence) key, PfcpMessage response, IPEndPoint peer)
    {
        response.SequenceNumber = key.Sequence;
        byte[] bytes = response.Encode();
        if (_responses.TryGetValue(key, out CachedResponse? entry))
        {
            entry.Response = bytes;
        }
        Send(bytes, peer);
    }

    /// <summary>The response to a request that cannot be processed: its Cause and Offending IE, plus Node ID where the response needs one.
    /// Heartbeat Response has no Cause, so a broken heartbeat is not answered.</summary>
    private PfcpMessage? BuildRejection(PfcpHeader header, PfcpDecodeError error)
    {
        if (header.MessageType == PfcpMessageType.HeartbeatRequest || !Enum.IsDefined(header.MessageType))
        {
            return null;
        }
        PfcpMessage response = PfcpMessage.Create(PfcpMessageTypes.ResponseTo(header.MessageType));
        bool session = PfcpMessageTypes.IsSessionMessage(header.MessageType);
        // The SEID of the peer's session is unknown when its request could not be read: 0 (§7.2.2.4.2).
        response.Seid = 0;
        if ((!session || header.MessageType == PfcpMessageType.SessionEstablishmentRequest) && _options.NodeId is NodeId nodeId)
        {
            response.Add(PfcpIeType.NodeId, nodeId);
        }
        response.Add(PfcpIeType.Cause, new Cause(error.Cause));
        if (error.OffendingIe != 0)
        {
            response.Add(PfcpIeType.OffendingIe, new OffendingIe(error.OffendingIe));
        }
        if (response.MessageType == PfcpMessageType.AssociationSetupResponse)
        {
            response.Add(PfcpIeType.RecoveryTimeStamp, _options.RecoveryTimeStamp);
        }
        return response;
    }

    private void Send(byte[] bytes, IPEndPoint peer)
    {
        try
        {
            _socket.SendTo(bytes, SocketFlags.None, SocketAddressOf(peer));
        }
        catch (SocketException e)
        {
            LogSocketError(e.SocketErrorCode);
        }
    }

    private void PruneCache(long now)
    {
        while (_cacheOrder.TryPeek(out var oldest) && _time.GetElapsedTime(oldest.Entry.Created, now) >= _options.ResponseCacheLifetime)
        {
            if (_cacheOrder.TryDequeue(out oldest))
            {
                // Only this entry: the key may have been cached again since (a new request reusing the sequence number).
                _responses.TryRemove(KeyValuePair.Create(oldest.Key, oldest.Entry));
            }
        }
    }

    private static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
        _stop.Dispose();
    }

    private sealed class CachedResponse(long created)
    {
        public long Created { get; } = created;

        /// <summary>Null while the request is still being handled: a duplicate then is dropped.</summary>
        public byte[]? Response
        {
            get => Volatile.Read(ref _response);
            set => Volatile.Write(ref _response, value);
        }

        private byte[]? _response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "PFCP {Name} seq {Sequence} to {Peer}: retransmission {Count}")]
    private partial void LogRetransmission(string name, uint sequence, IPEndPoint peer, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PFCP from {Peer} dropped: {Reason}")]
    private partial void LogDropped(IPEndPoint peer, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PFCP duplicate request from {Peer} seq {Sequence}")]
    private partial void LogDuplicate(IPEndPoint peer, uint sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PFCP socket error {Error}")]
    private partial void LogSocketError(SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "PFCP datagram from {Peer} could not be processed")]
    private partial void LogDatagramFailure(IPEndPoint peer, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "PFCP handler for {Name} from {Peer} failed")]
    private partial void LogHandlerFailure(string name, IPEndPoint peer, Exception exception);
}
