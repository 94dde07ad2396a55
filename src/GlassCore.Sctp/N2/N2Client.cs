// TS 38.412 §7, gNB side: one association to the AMF, set up again with exponential back-off when it is lost.
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Sctp.N2;

/// <summary>The gNB's N2 endpoint: keeps one association to the AMF up for as long as <see cref="RunAsync"/> runs.</summary>
public sealed class N2Client
{
    private readonly SctpTransport _transport;
    private readonly N2Options _options;
    private readonly ILogger _logger;
    private readonly Channel<N2Event> _events;
    private volatile N2Association? _current;

    public N2Client(SctpTransport transport, N2Options options, ILogger? logger = null)
    {
        if (options.AmfAddress is null)
        {
            throw new ArgumentException("N2Options.AmfAddress is needed on the gNB side", nameof(options));
        }
        _transport = transport;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _events = Channel.CreateBounded<N2Event>(new BoundedChannelOptions(options.EventQueueCapacity) { SingleReader = true });
    }

    public ChannelReader<N2Event> Events => _events.Reader;

    /// <summary>The association that is up now, if any.</summary>
    public N2Association? Current => _current;

    /// <summary>Connects, pumps events until the association ends, then connects again; returns when cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay = _options.ReconnectInitialDelay;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                SctpAssociation sctp;
                try
                {
                    sctp = await _transport.ConnectAsync(_options.AmfAddress!, _options.LocalAddress, cancellationToken).ConfigureAwait(false);
                }
                catch (SctpException ex)
                {
                    N2Log.ConnectFailed(_logger, ex, _options.AmfAddress!, delay);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                    continue;
                }
                delay = _options.ReconnectInitialDelay;
                var association = new N2Association(sctp);
                _current = association;
                N2Log.AssociationUp(_logger, sctp.RemoteEndPoint, sctp.InboundStreams, sctp.OutboundStreams);
                await _events.Writer.WriteAsync(new N2AssociationUp(association), cancellationToken).ConfigureAwait(false);
                await association.PumpAsync(_events.Writer, _logger, cancellationToken).ConfigureAwait(false);
                _current = null;
                await sctp.DisposeAsync().ConfigureAwait(false);
                if (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_current is { } left)
            {
                await left.Sctp.DisposeAsync().ConfigureAwait(false);
            }
            _events.Writer.TryComplete();
        }
    }
}
