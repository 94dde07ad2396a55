// TS 29.244 §6.2.6 (association setup), §7.5 (session establishment, modification, deletion, report) from the SMF
// side: one PfcpNode, the associated UPFs, UPF selection by DNN and slice (TS 23.501 §6.3.3).
using System.Collections.Concurrent;
using System.Net;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Smf.N4;

/// <summary>One configured UPF and the state of its association.</summary>
public sealed class UpfPeer(UpfOptions options, IPEndPoint endPoint)
{
    public UpfOptions Options { get; } = options;
    public IPEndPoint EndPoint { get; } = endPoint;
    public bool Associated { get; internal set; }
    public NodeId? NodeId { get; internal set; }

    public bool Serves(string dnn, int sst, string? sd)
    {
        bool dnnOk = Options.Dnns.Count == 0 || Options.Dnns.Contains(dnn, StringComparer.OrdinalIgnoreCase);
        string slice = sd is null ? sst.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{sst}-{sd}";
        bool sliceOk = Options.Slices.Count == 0 || Options.Slices.Contains(slice, StringComparer.OrdinalIgnoreCase)
            || Options.Slices.Contains(sst.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return dnnOk && sliceOk;
    }
}

/// <summary>An N4 request failed: the peer's PFCP cause, or no answer.</summary>
public sealed class N4Exception(string message, PfcpCause? cause = null) : Exception(message)
{
    public PfcpCause? Cause { get; } = cause;
}

/// <summary>A PFCP Session Report Request for one of our sessions (by CP SEID): the Cause to answer with and the peer's SEID.</summary>
public delegate ValueTask<(PfcpCause Cause, ulong UpSeid)> SessionReportHandler(ulong cpSeid, SessionReportRequest report, CancellationToken ct);

public sealed partial class N4Client : IPfcpRequestHandler, IAsyncDisposable
{
    private readonly SmfOptions _options;
    private readonly PfcpNode _node;
    private readonly ILogger _log;
    private readonly List<UpfPeer> _upfs = [];
    private readonly ConcurrentDictionary<IPEndPoint, UpfPeer> _byEndPoint = new();
    private readonly SemaphoreSlim _associating = new(1, 1);

    /// <summary>When this SMF started, kept for its lifetime: a UPF takes a new value from a known CP function as a
    /// restart and deletes that function's sessions (TS 29.244 §6.2.6.2.2), so every setup and heartbeat carries this one.</summary>
    private readonly PfcpTimeStamp _recovery = PfcpTimeStamp.FromTime(DateTime.UtcNow);

    public N4Client(SmfOptions options, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log ?? NullLogger.Instance;
        CpNodeId = NodeId.FromAddress(options.PfcpLocal.Address);
        _node = new PfcpNode(new PfcpNodeOptions
        {
            LocalEndPoint = options.PfcpLocal,
            T1 = options.PfcpT1,
            N1 = options.PfcpN1,
            NodeId = CpNodeId,
            RecoveryTimeStamp = _recovery,
        }, this);
        foreach (UpfOptions u in options.Upfs)
        {
            var ep = new IPEndPoint(IPAddress.Parse(u.Address), u.Port);
            var peer = new UpfPeer(u, ep);
            _upfs.Add(peer);
            _byEndPoint[ep] = peer;
        }
    }

    public NodeId CpNodeId { get; }

    /// <summary>The address the UPFs reach us on (CP F-SEID).</summary>
    public IPAddress CpAddress => _node.LocalEndPoint.Address;

    public IPEndPoint LocalEndPoint => _node.LocalEndPoint;

    public IReadOnlyList<UpfPeer> Upfs => _upfs;

    /// <summary>Set by the SMF: where Session Report Requests go.</summary>
    public SessionReportHandler? OnSessionReport { get; set; }

    public void Start() => _node.Start();

    /// <summary>Sets up the associations that are not up yet (TS 29.244 §6.2.6.2); a UPF that does not answer stays down
    /// and is tried again on the next selection.</summary>
    public async Task AssociateAllAsync(CancellationToken ct)
    {
        foreach (UpfPeer upf in _upfs)
        {
            await TryAssociateAsync(upf, ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryAssociateAsync(UpfPeer upf, CancellationToken ct)
    {
        try
        {
            await _associating.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        try
        {
            if (upf.Associated)
            {
                return true;
            }
            var req = new AssociationSetupRequest { NodeId = CpNodeId, RecoveryTimeStamp = _recovery };
            PfcpMessage rsp = await _node.SendRequestAsync(req, upf.EndPoint, ct).ConfigureAwait(false);
            if (rsp is AssociationSetupResponse { Cause.Value: PfcpCause.RequestAccepted } ok)
            {
                upf.Associated = true;
                upf.NodeId = ok.NodeId;
                LogAssociated(_log, upf.EndPoint);
                return true;
            }
            LogAssociationRefused(_log, upf.EndPoint, (rsp as AssociationSetupResponse)?.Cause?.Value.ToString() ?? rsp.Name);
            return false;
        }
        catch (Exception e) when (e is PfcpTimeoutException or System.Net.Sockets.SocketException)
        {
            LogAssociationRefused(_log, upf.EndPoint, e.Message);
            return false;
        }
        catch (Exception e) when (e is ObjectDisposedException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The SMF is shutting down while an association attempt is still waiting.
            return false;
        }
        finally
        {
            try
            {
                _associating.Release();
            }
            catch (ObjectDisposedException)
            {
                // Disposed during shutdown; nobody waits any more.
            }
        }
    }

    /// <summary>The first associated UPF configured for the DNN and slice (associating on demand), or null.</summary>
    public async Task<UpfPeer?> SelectAsync(string dnn, int sst, string? sd, CancellationToken ct)
    {
        foreach (UpfPeer upf in _upfs)
        {
            if (upf.Serves(dnn, sst, sd) && (upf.Associated || await TryAssociateAsync(upf, ct).ConfigureAwait(false)))
            {
                return upf;
            }
        }
        return null;
    }

    /// <summary>Session establishment: the UP F-SEID and the UL F-TEID the UPF chose for PDR 1.</summary>
    public async Task<(ulong UpSeid, FTeid UlFTeid)> EstablishAsync(UpfPeer upf, SessionEstablishmentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upf);
        PfcpMessage rsp = await Send(upf, request, ct).ConfigureAwait(false);
        if (rsp is not SessionEstablishmentResponse r || r.Cause?.Value != PfcpCause.RequestAccepted)
        {
            throw new N4Exception($"session establishment refused: {Describe(rsp)}", (rsp as PfcpSessionMessage)?.Cause?.Value);
        }
        FTeid? ul = r.CreatedPdrs.FirstOrDefault(p => p.PdrId?.RuleId == PfcpRules.UplinkPdr)?.LocalFTeid;
        if (r.UpFSeid is null || ul is null || ul.IPv4 is null)
        {
            throw new N4Exception("session establishment response without UP F-SEID or the UL F-TEID of PDR 1", PfcpCause.MandatoryIeMissing);
        }
        return (r.UpFSeid.Seid, ul);
    }

    public async Task ModifyAsync(UpfPeer upf, SessionModificationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upf);
        PfcpMessage rsp = await Send(upf, request, ct).ConfigureAwait(false);
        if (rsp is not SessionModificationResponse r || r.Cause?.Value != PfcpCause.RequestAccepted)
        {
            throw new N4Exception($"session modification refused: {Describe(rsp)}", (rsp as PfcpSessionMessage)?.Cause?.Value);
        }
    }

    /// <summary>Session deletion; returns the final usage reports (charging).</summary>
    public async Task<IReadOnlyList<UsageReport>> DeleteAsync(UpfPeer upf, ulong upSeid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upf);
        PfcpMessage rsp = await Send(upf, PfcpRules.Deletion(upSeid), ct).ConfigureAwait(false);
        if (rsp is not SessionDeletionResponse r || r.Cause?.Value is not (PfcpCause.RequestAccepted or PfcpCause.SessionContextNotFound))
        {
            throw new N4Exception($"session deletion refused: {Describe(rsp)}", (rsp as PfcpSessionMessage)?.Cause?.Value);
        }
        return [.. r.UsageReports];
    }

    private async Task<PfcpMessage> Send(UpfPeer upf, PfcpMessage request, CancellationToken ct)
    {
        try
        {
            return await _node.SendRequestAsync(request, upf.EndPoint, ct).ConfigureAwait(false);
        }
        catch (PfcpTimeoutException e)
        {
            // No answer after N1 retransmissions: the association is presumed lost (TS 29.244 §6.2.6.2.2).
            upf.Associated = false;
            throw new N4Exception(e.Message);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            upf.Associated = false;
            throw new N4Exception(e.Message);
        }
    }

    private static string Describe(PfcpMessage m) => m is PfcpSessionMessage { Cause: Cause c } ? $"{m.Name}, cause {c.Value}" : m.Name;

    /// <summary>Requests from the UPFs: heartbeat, session report; anything else is not for an SMF.</summary>
    public async ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request)
        {
            case HeartbeatRequest:
                return new HeartbeatResponse { RecoveryTimeStamp = _recovery };
            case SessionReportRequest report:
                (PfcpCause cause, ulong upSeid) = OnSessionReport is null ? (PfcpCause.SessionContextNotFound, 0UL)
                    : await OnSessionReport(report.Seid, report, cancellationToken).ConfigureAwait(false);
                // The header SEID of a response is the peer's (§7.2.2.4.2); an unknown session is answered with SEID 0.
                return new SessionReportResponse { Seid = upSeid, Cause = new Cause(cause) };
            case AssociationSetupRequest setup:
                // A UPF may set up the association itself (§6.2.6.1); accept it if it is one of ours.
                if (_byEndPoint.TryGetValue(peer, out UpfPeer? upf))
                {
                    upf.Associated = true;
                    upf.NodeId = setup.NodeId;
                }
                return new AssociationSetupResponse
                {
                    NodeId = CpNodeId,
                    Cause = new Cause(upf is null ? PfcpCause.RequestRejected : PfcpCause.RequestAccepted),
                    RecoveryTimeStamp = _recovery,
                };
            default:
                return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().ConfigureAwait(false);
        _associating.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PFCP association with {Upf} set up")]
    private static partial void LogAssociated(ILogger log, IPEndPoint upf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PFCP association with {Upf} failed: {Reason}")]
    private static partial void LogAssociationRefused(ILogger log, IPEndPoint upf, string reason);
}
