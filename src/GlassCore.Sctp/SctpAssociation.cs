// RFC 9260 §6 (user data transfer) and §9 (shutdown, abort) behind one API; RFC 6458 §6.1 notifications.
using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sctp;

/// <summary>Outcome of one non-blocking call into a stack.</summary>
internal enum IoStatus
{
    Done,
    WouldBlock,
    Closed,
    Failed,
}

/// <summary>What one non-blocking receive returned.</summary>
internal readonly record struct ReceiveInfo(int Length, bool IsNotification, bool EndOfRecord, ushort Stream, uint Ppid);

/// <summary>A decoded notification plus the stream counts an ASSOC_CHANGE carries.</summary>
internal readonly record struct DecodedNotification(SctpNotification Notification, ushort InboundStreams, ushort OutboundStreams);

/// <summary>
/// One SCTP association (one-to-one style socket). One read loop owns the socket and delivers messages and
/// notifications; one writer loop drains a bounded send queue into the stack, so a slow peer makes
/// <see cref="SendAsync"/> wait instead of growing memory (style anchor 11). Neither loop holds a thread while idle.
/// </summary>
public abstract class SctpAssociation : IAsyncDisposable
{
    private readonly Channel<OutboundMessage> _outbound;
    private readonly Channel<SctpMessage> _inbound;
    private readonly TaskCompletionSource<SctpCloseReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly SctpOptions _options;
    private Task _writerLoop = Task.CompletedTask;
    private Task _readLoop = Task.CompletedTask;
    private int _finishing;
    private volatile bool _shutdownStarted;
    private SctpCloseReason? _reason;

    private protected SctpAssociation(SctpOptions options, IPEndPoint remoteEndPoint, ILogger logger)
    {
        _options = options;
        RemoteEndPoint = remoteEndPoint;
        Logger = logger;
        _outbound = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _inbound = Channel.CreateBounded<SctpMessage>(new BoundedChannelOptions(options.ReceiveQueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The peer's primary address as given to connect or reported by accept.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Streams the peer may send on (agreed in INIT/INIT ACK, RFC 9260 §5.1.1).</summary>
    public ushort InboundStreams { get; private set; }

    /// <summary>Streams this side may send on.</summary>
    public ushort OutboundStreams { get; private set; }

    /// <summary>Received messages in arrival order (in order per stream). Completes when the association ends.</summary>
    public ChannelReader<SctpMessage> Inbound => _inbound.Reader;

    /// <summary>Completes with the reason once the association is gone and its socket released.</summary>
    public Task<SctpCloseReason> Closed => _closed.Task;

    /// <summary>Raised from the read loop for every notification after the association is up (restart, peer address change, loss, shutdown, ...). Handlers must not block.</summary>
    public event EventHandler<SctpNotification>? NotificationReceived;

    private protected ILogger Logger { get; }

    private protected AsyncSignal Readable { get; } = new();

    private protected AsyncSignal Writable { get; } = new();

    /// <summary>Queues one message; waits while the send queue is full (backpressure).</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, ushort stream, uint ppid, CancellationToken cancellationToken = default)
    {
        if (payload.Length == 0 || payload.Length > _options.MaxMessageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), $"an SCTP message carries 1..{_options.MaxMessageSize} bytes");
        }
        if (OutboundStreams != 0 && stream >= OutboundStreams)
        {
            throw new ArgumentOutOfRangeException(nameof(stream), $"stream {stream} is not among the {OutboundStreams} agreed outbound streams");
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.Span.CopyTo(buffer);
        try
        {
            await _outbound.Writer.WriteAsync(new OutboundMessage(buffer, payload.Length, stream, ppid), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new SctpException("the association is closed or shutting down");
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Receives the next message; throws <see cref="SctpException"/> once the association has ended.</summary>
    public async ValueTask<SctpMessage> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inbound.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new SctpException($"the association has ended ({_reason})");
        }
    }

    /// <summary>
    /// Graceful shutdown (RFC 9260 §9.2): stops taking messages, hands every queued one to the stack, then sends
    /// SHUTDOWN; the stack sends it only after all data is acknowledged. Cancellation turns it into an abort.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        _outbound.Writer.TryComplete();
        try
        {
            await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abort();
            throw;
        }
    }

    /// <summary>Sends ABORT (RFC 9260 §9.1) and drops whatever is queued.</summary>
    public void Abort()
    {
        if (Volatile.Read(ref _finishing) != 0)
        {
            return;
        }
        try
        {
            AbortNative();
        }
        catch (SctpException ex)
        {
            SctpLog.LoopEnded(Logger, ex, RemoteEndPoint);
        }
        Finish(SctpCloseReason.Aborted);
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _readLoop.ConfigureAwait(false);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts both loops; for an association this side initiates, completes when it is up.</summary>
    private protected async Task StartAsync(bool waitForUp, CancellationToken cancellationToken)
    {
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        _writerLoop = Task.Run(WriterLoopAsync, CancellationToken.None);
        if (!waitForUp)
        {
            return;
        }
        try
        {
            Task finished = await Task.WhenAny(_up.Task, _closed.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (finished != _up.Task)
            {
                throw new SctpException($"association to {RemoteEndPoint} could not be set up ({await _closed.Task.ConfigureAwait(false)})");
            }
        }
        catch (OperationCanceledException)
        {
            Abort();
            throw;
        }
    }

    /// <summary>
    /// Starts an association a listener accepted: it is up already, with the stream counts the stack reports (or the
    /// configured ones when it reports none), and data may have arrived before readiness signalling was wired.
    /// </summary>
    private protected async Task StartAcceptedAsync(bool streamsKnown, ushort inboundStreams, ushort outboundStreams)
    {
        if (streamsKnown)
        {
            MarkUp(inboundStreams, outboundStreams);
        }
        else
        {
            MarkUp(_options.MaxInboundStreams, _options.OutboundStreams);
        }
        await StartAsync(waitForUp: false, CancellationToken.None).ConfigureAwait(false);
        Readable.Set();
    }

    /// <summary>For accepted associations whose stream counts come from the stack instead of a COMM_UP.</summary>
    private protected void MarkUp(ushort inboundStreams, ushort outboundStreams)
    {
        InboundStreams = inboundStreams;
        OutboundStreams = outboundStreams;
        _up.TrySetResult();
    }

    private protected abstract IoStatus TrySend(ReadOnlySpan<byte> payload, ushort stream, uint ppid, out int errno);

    private protected abstract IoStatus TryReceive(Span<byte> buffer, out ReceiveInfo info, out int errno);

    private protected abstract DecodedNotification? DecodeNotification(ReadOnlySpan<byte> notification);

    /// <summary>Starts the SHUTDOWN procedure after the last queued message (shutdown(SHUT_WR)).</summary>
    private protected abstract void ShutdownNative();

    private protected abstract void AbortNative();

    /// <summary>Releases the socket; called once, by the read loop, after the writer loop has stopped.</summary>
    private protected abstract void CloseNative();

    private async Task ReadLoopAsync()
    {
        CancellationToken stop = _stop.Token;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        byte[]? partial = null;
        int partialLength = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                IoStatus status = TryReceive(buffer, out ReceiveInfo info, out int errno);
                if (status == IoStatus.WouldBlock)
                {
                    await Readable.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }
                if (status == IoStatus.Closed)
                {
                    // End of stream without COMM_LOST/SHUTDOWN_COMP: a SHUTDOWN seen either way means a graceful
                    // end; otherwise the peer aborted (usrsctp may report an ABORT only as end of stream).
                    Finish(_reason ?? (_shutdownStarted ? SctpCloseReason.Shutdown : SctpCloseReason.Lost));
                    break;
                }
                if (status == IoStatus.Failed)
                {
                    SctpLog.IoFailed(Logger, "receive", RemoteEndPoint, errno);
                    Finish(_reason ?? SctpCloseReason.Lost);
                    break;
                }
                // A message larger than the buffer arrives in pieces without EOR; the limit is checked before
                // a piece is kept, so a peer cannot make us buffer more than MaxMessageSize.
                ReadOnlySpan<byte> piece = buffer.AsSpan(0, info.Length);
                if (!info.EndOfRecord || partial is not null)
                {
                    int needed = partialLength + info.Length;
                    if (needed > _options.MaxMessageSize + (info.IsNotification ? 4096 : 0))
                    {
                        SctpLog.MessageTooLarge(Logger, RemoteEndPoint, _options.MaxMessageSize);
                        AbortNative();
                        Finish(SctpCloseReason.ProtocolViolation);
                        break;
                    }
                    if (partial is null || partial.Length < needed)
                    {
                        byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 2 * (partial?.Length ?? 0)));
                        partial?.AsSpan(0, partialLength).CopyTo(grown);
                        if (partial is not null)
                        {
                            ArrayPool<byte>.Shared.Return(partial);
                        }
                        partial = grown;
                    }
                    piece.CopyTo(partial.AsSpan(partialLength));
                    partialLength = needed;
                    if (!info.EndOfRecord)
                    {
                        continue;
                    }
                    piece = partial.AsSpan(0, partialLength);
                }
                if (info.IsNotification)
                {
                    HandleNotification(piece);
                }
                else if (piece.Length > _options.MaxMessageSize)
                {
                    AbortNative();
                    Finish(SctpCloseReason.ProtocolViolation);
                    break;
                }
                else
                {
                    var message = new SctpMessage(info.Stream, info.Ppid, piece.ToArray());
                    if (!_inbound.Writer.TryWrite(message))
                    {
                        await _inbound.Writer.WriteAsync(message, stop).ConfigureAwait(false);
                    }
                }
                if (partial is not null)
                {
                    ArrayPool<byte>.Shared.Return(partial);
                    partial = null;
                    partialLength = 0;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SctpException or ChannelClosedException)
        {
            SctpLog.LoopEnded(Logger, ex, RemoteEndPoint);
            Finish(_reason ?? SctpCloseReason.Lost);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (partial is not null)
            {
                ArrayPool<byte>.Shared.Return(partial);
            }
            Finish(_reason ?? SctpCloseReason.Lost);
            await _writerLoop.ConfigureAwait(false);
            CloseNative();
            _closed.TrySetResult(_reason ?? SctpCloseReason.Lost);
        }
    }

    private async Task WriterLoopAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            await _up.Task.WaitAsync(stop).ConfigureAwait(false);
            while (await _outbound.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (_outbound.Reader.TryRead(out OutboundMessage message))
                {
                    try
                    {
                        while (true)
                        {
                            IoStatus status = TrySend(message.Buffer.AsSpan(0, message.Length), message.Stream, message.Ppid, out int errno);
                            if (status == IoStatus.Done)
                            {
                                break;
                            }
                            if (status == IoStatus.WouldBlock)
                            {
                                await Writable.WaitAsync(stop).ConfigureAwait(false);
                                continue;
                            }
                            SctpLog.IoFailed(Logger, "send", RemoteEndPoint, errno);
                            _outbound.Writer.TryComplete(new SctpException("send failed", errno));
                            return;
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(message.Buffer);
                    }
                }
            }
            // Queue completed by ShutdownAsync: everything is in the stack, so SHUTDOWN can follow it.
            _shutdownStarted = true;
            ShutdownNative();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (SctpException ex)
        {
            SctpLog.LoopEnded(Logger, ex, RemoteEndPoint);
        }
        finally
        {
            _outbound.Writer.TryComplete();
            while (_outbound.Reader.TryRead(out OutboundMessage dropped))
            {
                ArrayPool<byte>.Shared.Return(dropped.Buffer);
            }
        }
    }

    private void HandleNotification(ReadOnlySpan<byte> raw)
    {
        DecodedNotification? decoded = DecodeNotification(raw);
        if (decoded is not { } d)
        {
            return;
        }
        SctpNotification n = d.Notification;
        switch (n.Kind)
        {
            case SctpNotificationKind.AssociationUp:
                if (_up.Task.IsCompleted)
                {
                    return;
                }
                MarkUp(d.InboundStreams, d.OutboundStreams);
                break;
            case SctpNotificationKind.AssociationRestarted:
                InboundStreams = d.InboundStreams;
                OutboundStreams = d.OutboundStreams;
                SctpLog.Restarted(Logger, RemoteEndPoint);
                break;
            case SctpNotificationKind.AssociationLost:
                _reason ??= SctpCloseReason.Lost;
                break;
            case SctpNotificationKind.ShutdownComplete:
                _reason ??= SctpCloseReason.Shutdown;
                break;
            case SctpNotificationKind.CannotStartAssociation:
                _reason ??= SctpCloseReason.CannotStart;
                break;
            case SctpNotificationKind.ShutdownReceived:
                _shutdownStarted = true;
                _outbound.Writer.TryComplete();
                break;
        }
        try
        {
            NotificationReceived?.Invoke(this, n);
        }
#pragma warning disable CA1031 // a subscriber's bug must not kill the association's read loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SctpLog.HandlerThrew(Logger, ex);
        }
        if (n.Kind is SctpNotificationKind.AssociationLost or SctpNotificationKind.ShutdownComplete or SctpNotificationKind.CannotStartAssociation)
        {
            Finish(_reason!.Value);
        }
    }

    /// <summary>Ends the association once: no more sends or receives; the read loop then releases the socket.</summary>
    private protected void Finish(SctpCloseReason reason)
    {
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
        {
            return;
        }
        _reason ??= reason;
        _outbound.Writer.TryComplete();
        _inbound.Writer.TryComplete();
        _stop.Cancel();
    }

    private readonly record struct OutboundMessage(byte[] Buffer, int Length, ushort Stream, uint Ppid);
}
