// A minimal UPF for the tests, on the real PfcpNode: accepts associations, allocates the UL F-TEID of PDR 1 (CHOOSE),
// records every request so the tests can check the rules the SMF installs, and can send Session Report Requests.
using System.Collections.Concurrent;
using System.Net;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;

namespace GlassCore.Smf.Tests;

internal sealed class FakeUpf : IPfcpRequestHandler, IAsyncDisposable
{
    public static readonly IPAddress N3Address = IPAddress.Parse("127.0.0.1");
    private readonly PfcpNode _node;
    private long _nextSeid = 0x5000;
    private uint _nextTeid = 0x100;

    public FakeUpf()
    {
        _node = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0), NodeId = NodeId.FromAddress(IPAddress.Loopback), T1 = TimeSpan.FromSeconds(2), N1 = 2 }, this);
        _node.Start();
    }

    public IPEndPoint EndPoint => _node.LocalEndPoint;
    public ConcurrentQueue<PfcpMessage> Requests { get; } = new();
    /// <summary>UP SEID → CP SEID of live sessions.</summary>
    public ConcurrentDictionary<ulong, ulong> Sessions { get; } = new();
    public bool RefuseEstablishment { get; set; }

    public IEnumerable<T> Received<T>() where T : PfcpMessage => Requests.OfType<T>();

    public ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        PfcpMessage? response = request switch
        {
            AssociationSetupRequest => new AssociationSetupResponse
            {
                NodeId = NodeId.FromAddress(IPAddress.Loopback),
                Cause = new Cause(PfcpCause.RequestAccepted),
                RecoveryTimeStamp = PfcpTimeStamp.FromTime(DateTime.UtcNow),
            },
            SessionEstablishmentRequest est => Establish(est),
            SessionModificationRequest mod => new SessionModificationResponse
            {
                Seid = Sessions.TryGetValue(mod.Seid, out ulong cp) ? cp : 0,
                Cause = new Cause(Sessions.ContainsKey(mod.Seid) ? PfcpCause.RequestAccepted : PfcpCause.SessionContextNotFound),
            },
            SessionDeletionRequest del => Delete(del),
            HeartbeatRequest => new HeartbeatResponse { RecoveryTimeStamp = PfcpTimeStamp.FromTime(DateTime.UtcNow) },
            _ => null,
        };
        return ValueTask.FromResult(response);
    }

    private SessionEstablishmentResponse Establish(SessionEstablishmentRequest est)
    {
        ulong cp = est.CpFSeid!.Seid;
        if (RefuseEstablishment)
        {
            return new SessionEstablishmentResponse { Seid = cp, NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.NoResourcesAvailable) };
        }
        ulong up = (ulong)Interlocked.Increment(ref _nextSeid);
        Sessions[up] = cp;
        var r = new SessionEstablishmentResponse { Seid = cp, NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.RequestAccepted), UpFSeid = new FSeid(up, IPAddress.Loopback) };
        foreach (CreatePdr pdr in est.CreatePdrs)
        {
            if (pdr.Pdi?.LocalFTeid is { Choose: true })
            {
                var created = new CreatedPdr();
                created.Add(PfcpIeType.PdrId, new PdrId(pdr.PdrId!.RuleId));
                created.Add(PfcpIeType.FTeid, FTeid.Of(Interlocked.Increment(ref _nextTeid), N3Address));
                r.Add(PfcpIeType.CreatedPdr, created);
            }
        }
        return r;
    }

    private SessionDeletionResponse Delete(SessionDeletionRequest del)
    {
        bool known = Sessions.TryRemove(del.Seid, out ulong cp);
        var r = new SessionDeletionResponse { Seid = cp, Cause = new Cause(known ? PfcpCause.RequestAccepted : PfcpCause.SessionContextNotFound) };
        if (known)
        {
            var usage = new UsageReport();
            usage.Add(PfcpIeType.UrrId, new UrrId(1));
            usage.Add(PfcpIeType.UrSeqn, new UrSeqn(1));
            usage.Add(PfcpIeType.UsageReportTrigger, new UsageReportTrigger([0x00, 0x08, 0x00]));
            usage.Add(PfcpIeType.VolumeMeasurement, Volume.Of(total: 3000, uplink: 1000, downlink: 2000));
            usage.Add(PfcpIeType.DurationMeasurement, new PfcpUInt32Ie(42));
            r.Add(PfcpIeType.UsageReportSessionDeletionResponse, usage);
        }
        return r;
    }

    /// <summary>A Session Report Request to the SMF (downlink data and/or a usage report).</summary>
    public Task<PfcpMessage> ReportAsync(IPEndPoint smf, ulong cpSeid, bool downlinkData, UsageReport? usage, CancellationToken ct)
    {
        var m = new SessionReportRequest { Seid = cpSeid };
        m.ReportType = new ReportType([(byte)((downlinkData ? 1 : 0) | (usage is null ? 0 : 2))]);
        if (downlinkData)
        {
            var dl = new DownlinkDataReport();
            dl.Add(PfcpIeType.PdrId, new PdrId(2));
            m.DownlinkDataReport = dl;
        }
        if (usage is not null)
        {
            m.Add(PfcpIeType.UsageReportSessionReportRequest, usage);
        }
        return _node.SendRequestAsync(m, smf, ct);
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
