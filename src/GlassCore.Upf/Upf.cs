// The UPF (TS 23.501 §6.2.3) as one object: N4 PFCP server (TS 29.244) + packet path, composed without singletons.
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using GlassCore.Upf.DataPath;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Upf;

public sealed class Upf : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _reports;

    public Upf(UpfOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        Options = options;
        Plane = new UserPlane(options, loggers.CreateLogger("GlassCore.Upf.UserPlane"));
        Handler = new UpfPfcpHandler(options, Plane, loggers.CreateLogger("GlassCore.Upf"));
        Node = new PfcpNode(
            new PfcpNodeOptions { LocalEndPoint = options.Pfcp, NodeId = Handler.NodeId, RecoveryTimeStamp = Handler.RecoveryTimeStamp },
            Handler,
            loggers.CreateLogger<PfcpNode>());
        Handler.SendRequest = (req, peer, ct) => Node.SendRequestAsync(req, peer, ct);
    }

    public UpfOptions Options { get; }

    public UserPlane Plane { get; }

    public UpfPfcpHandler Handler { get; }

    public PfcpNode Node { get; }

    /// <summary>Opens the packet path (if enabled) and starts serving N4. The sockets and the TUN belong to the calling thread's network namespace.</summary>
    public void Start()
    {
        if (Options.EnableDataPath)
        {
            Plane.Start();
        }
        Node.Start();
        _reports = Task.Run(() => Handler.RunReportsAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reports is not null)
        {
            try
            {
                await _reports.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        await Node.DisposeAsync().ConfigureAwait(false);
        Plane.Dispose();
        _stop.Dispose();
    }
}
