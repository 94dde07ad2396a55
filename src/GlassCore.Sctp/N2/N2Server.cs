// TS 38.412 §7, AMF side: one SCTP endpoint on port 38412 accepting one association per gNB.
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Sctp.N2;

/// <summary>
/// The AMF's N2 endpoint. Every association's messages, its coming up and its going down arrive as events on
/// <see cref="Events"/> in order per association; the owner drains them into its own loop.
/// </summary>
public sealed class N2Server : IAsyncDisposable
{
    private readonly SctpTransport _transport;
    private readonly N2Options _options;
    private readonly ILogger _logger;
    private readonly Channel<N2Event> _events;
    private readonly ConcurrentDictionary<long, N2Association> _associations = new();
    private readonly CancellationTokenSource _stop = new();
    private SctpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public N2Server(SctpTransport transport, N2Options options, ILogger? logger = null)
    {
        _transport = transport;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _events = Channel.CreateBounded<N2Event>(new BoundedChannelOptions(options.EventQueueCapacity) { SingleReader = true });
    }

    public ChannelReader<N2Event> Events => _events.Reader;

    /// <summary>Associations that are up now.</summary>
    public ICollection<N2Association> Associations => _associations.Values;

    public void Start()
    {
        _listener = _transport.Listen(_options.ListenAddresses);
        N2Log.Listening(_logger, string.Join(", ", _options.ListenAddresses));
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            SctpAssociation sctp;
            try
            {
                sctp = await _listener!.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SctpException ex)
            {
                N2Log.AcceptFailed(_logger, ex);
                continue;
            }
            var association = new N2Association(sctp);
            _associations[association.Id] = association;
            N2Log.AssociationUp(_logger, sctp.RemoteEndPoint, sctp.InboundStreams, sctp.OutboundStreams);
            await _events.Writer.WriteAsync(new N2AssociationUp(association), stop).ConfigureAwait(false);
            _ = Task.Run(async () =>
            {
                await association.PumpAsync(_events.Writer, _logger, stop).ConfigureAwait(false);
                _associations.TryRemove(association.Id, out _);
            }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
        await _acceptLoop.ConfigureAwait(false);
        foreach (N2Association association in _associations.Values)
        {
            await association.Sctp.DisposeAsync().ConfigureAwait(false);
        }
        _events.Writer.TryComplete();
        _stop.Dispose();
    }
}
