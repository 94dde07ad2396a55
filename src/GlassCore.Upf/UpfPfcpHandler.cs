// TS 29.244 §6.2 (node procedures: heartbeat §6.2.2, association setup/update/release §6.2.6-9) and §6.3 (session
// establishment §6.3.2, modification §6.3.3, deletion §6.3.4) on the UP function side. Handlers return the response
// (style anchor #8); PfcpNode sends, caches and answers retransmissions.
using System.Buffers.Binary;
using System.Net;
using GlassCore.Gtp.Linux;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using GlassCore.Upf.DataPath;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Upf;

/// <summary>A request the UPF cannot apply: the Cause, and the IE or rule at fault (§7.5.3.1 Offending IE, §8.2.80 Failed Rule ID).</summary>
public sealed class PfcpRuleException(PfcpCause cause, string message, ushort offendingIe = 0, byte failedRuleType = 0xFF, uint failedRuleId = 0) : Exception(message)
{
    public PfcpCause Cause { get; } = cause;

    public ushort OffendingIe { get; } = offendingIe;

    /// <summary>0 PDR, 1 FAR, 2 QER, 3 URR, 4 BAR; 0xFF when no rule is at fault.</summary>
    public byte FailedRuleType { get; } = failedRuleType;

    public uint FailedRuleId { get; } = failedRuleId;
}

/// <summary>The UP function's N4 state: associations and sessions. One lock guards it; the packet path never takes it.</summary>
public sealed partial class UpfPfcpHandler : IPfcpRequestHandler
{
    private const byte RulePdr = 0, RuleFar = 1, RuleQer = 2, RuleUrr = 3, RuleBar = 4;

    private readonly UpfOptions _options;
    private readonly IForwardingPlane _plane;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Association> _associations = [];
    private readonly Dictionary<ulong, UpfSession> _sessions = [];
    private readonly Dictionary<uint, UpfSession> _teidOwners = [];
    private readonly NodeId _nodeId;
    private readonly PfcpTimeStamp _recovery;
    private ulong _nextSeid;
    private uint _nextTeid;

    public UpfPfcpHandler(UpfOptions options, IForwardingPlane plane, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plane);
        _options = options;
        _plane = plane;
        _logger = logger ?? NullLogger.Instance;
        _nodeId = NodeId.FromAddress(options.Pfcp.Address);
        _recovery = PfcpTimeStamp.FromTime(options.StartTime);
        _nextSeid = (ulong)Random.Shared.NextInt64(1, 1L << 40);
        _nextTeid = 0;
    }

    private sealed record Association(string Key, IPEndPoint Peer, uint RecoveryTimeStamp);

    public NodeId NodeId => _nodeId;

    public PfcpTimeStamp RecoveryTimeStamp => _recovery;

    /// <summary>Sends a request to a CP function and returns its response (PfcpNode.SendRequestAsync; set by the host).</summary>
    public Func<PfcpMessage, IPEndPoint, CancellationToken, Task<PfcpMessage>>? SendRequest { get; set; }

    public int SessionCount
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    public UpfSession? FindSession(ulong localSeid)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(localSeid);
        }
    }

    public ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(peer);
        lock (_lock)
        {
            PfcpMessage? response = request switch
            {
                HeartbeatRequest => new HeartbeatResponse { RecoveryTimeStamp = _recovery },
                AssociationSetupRequest r => AssociationSetup(r, peer),
                AssociationUpdateRequest r => AssociationUpdate(r),
                AssociationReleaseRequest r => AssociationRelease(r),
                SessionEstablishmentRequest r => SessionEstablishment(r, peer),
                SessionModificationRequest r => SessionModification(r, peer),
                SessionDeletionRequest r => SessionDeletion(r),
                PfdManagementRequest => new PfdManagementResponse { Cause = new Cause(PfcpCause.ServiceNotSupported) },
                _ => null,
            };
            return ValueTask.FromResult(response);
        }
    }

    private static string KeyOf(NodeId id) => id.NodeIdType + ":" + Convert.ToHexString(id.Value);

    // ---- §6.2.6 PFCP Association Setup (CP-initiated) ----
    private AssociationSetupResponse AssociationSetup(AssociationSetupRequest r, IPEndPoint peer)
    {
        string key = KeyOf(r.NodeId!);
        uint ts = r.RecoveryTimeStamp!.NtpSeconds;
        if (_associations.TryGetValue(key, out Association? old) && old.RecoveryTimeStamp != ts)
        {
            // §6.2.6.2.2: a new setup from a known CP function with another Recovery Time Stamp means it restarted; its old sessions go.
            int n = DeleteSessionsOf(key);
            LogCpRestart(peer, n);
        }
        _associations[key] = new Association(key, peer, ts);
        var rsp = new AssociationSetupResponse { NodeId = _nodeId, Cause = new Cause(PfcpCause.RequestAccepted), RecoveryTimeStamp = _recovery };
        // FTUP: this UPF allocates F-TEIDs (CHOOSE); octets 2-3 zero (no further features offered).
        rsp.UpFunctionFeatures = new UpFunctionFeatures([0x10, 0x00]);
        return rsp;
    }

    // ---- §6.2.7 PFCP Association Update ----
    private AssociationUpdateResponse AssociationUpdate(AssociationUpdateRequest r)
    {
        string key = KeyOf(r.NodeId!);
        var rsp = new AssociationUpdateResponse { NodeId = _nodeId };
        rsp.Cause = new Cause(_associations.ContainsKey(key) ? PfcpCause.RequestAccepted : PfcpCause.NoEstablishedPfcpAssociation);
        return rsp;
    }

    // ---- §6.2.8 PFCP Association Release (CP-initiated): the CP function's sessions are deleted ----
    private AssociationReleaseResponse AssociationRelease(AssociationReleaseRequest r)
    {
        string key = KeyOf(r.NodeId!);
        var rsp = new AssociationReleaseResponse { NodeId = _nodeId };
        if (!_associations.Remove(key))
        {
            rsp.Cause = new Cause(PfcpCause.NoEstablishedPfcpAssociation);
            return rsp;
        }
        DeleteSessionsOf(key);
        rsp.Cause = new Cause(PfcpCause.RequestAccepted);
        return rsp;
    }

    private int DeleteSessionsOf(string nodeKey)
    {
        List<UpfSession> gone = [.. _sessions.Values.Where(s => s.NodeKey == nodeKey)];
        foreach (UpfSession s in gone)
        {
            DropSession(s);
        }
        return gone.Count;
    }

    private void DropSession(UpfSession s)
    {
        _sessions.Remove(s.LocalSeid);
        foreach (PdrDefinition p in s.Pdrs.Values)
        {
            if (p.LocalTeid is uint t && _teidOwners.TryGetValue(t, out UpfSession? owner) && owner == s)
            {
                _teidOwners.Remove(t);
            }
        }
        _plane.Remove(s);
    }

    // ---- §6.3.2 PFCP Session Establishment ----
    private SessionEstablishmentResponse SessionEstablishment(SessionEstablishmentRequest r, IPEndPoint peer)
    {
        FSeid cp = r.CpFSeid!;
        var rsp = new SessionEstablishmentResponse { Seid = cp.Seid, NodeId = _nodeId };
        string key = KeyOf(r.NodeId!);
        if (!_associations.TryGetValue(key, out Association? assoc))
        {
            rsp.Cause = new Cause(PfcpCause.NoEstablishedPfcpAssociation);
            return rsp;
        }
        ulong seid = NextSeid();
        var session = new UpfSession(seid, cp.Seid, key, ReportPeer(cp, assoc.Peer));
        var pdrs = new Dictionary<ushort, PdrDefinition>();
        var fars = new Dictionary<uint, FarRule>();
        var qers = new Dictionary<uint, QerRule>();
        var urrs = new Dictionary<uint, UrrRule>();
        var bars = new Dictionary<byte, byte>();
        var chosen = new Dictionary<byte, uint>();
        var created = new List<CreatedPdr>();
        var newTeids = new List<uint>();
        try
        {
            AddCreatedRules(r.CreateFars, r.CreateQers, r.CreateUrrs, r.CreateBar, fars, qers, urrs, bars);
            foreach (CreatePdr p in r.CreatePdrs)
            {
                PdrDefinition def = BuildPdr(p.PdrId!.RuleId, p.Precedence!.Value, p.Pdi!, p.OuterHeaderRemoval, p.FarId, p.QerIds, p.UrrIds, session, chosen, newTeids, created);
                AddUnique(pdrs, def.Id, def, RulePdr);
            }
            if (!UpfSession.TryCompile(session, pdrs, fars, qers, urrs, out CompiledPdr[] compiled, out ushort failed))
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {failed} refers to a FAR, QER or URR the request does not create", PfcpIeType.CreatePdr, RulePdr, failed);
            }
            session.Pdrs = pdrs;
            session.Fars = fars;
            session.Qers = qers;
            session.Urrs = urrs;
            session.Bars = bars;
            session.Compiled = compiled;
        }
        catch (PfcpRuleException e)
        {
            foreach (uint t in newTeids)
            {
                _teidOwners.Remove(t);
            }
            LogRejected("Session Establishment", peer, e.Cause, e.Message);
            return Reject(rsp, e);
        }
        _sessions[seid] = session;
        _plane.Install(session);
        rsp.Cause = new Cause(PfcpCause.RequestAccepted);
        rsp.UpFSeid = new FSeid(seid, _options.Pfcp.Address);
        foreach (CreatedPdr c in created)
        {
            rsp.Add(PfcpIeType.CreatedPdr, c);
        }
        return rsp;
    }

    /// <summary>Reports go to the CP F-SEID's address on the PFCP port, or where the association came from.</summary>
    private static IPEndPoint ReportPeer(FSeid cp, IPEndPoint associationPeer) =>
        cp.IPv4 is IPAddress a && !a.Equals(associationPeer.Address) ? new IPEndPoint(a, PfcpNodeOptions.Port) : associationPeer;

    private static T Reject<T>(T rsp, PfcpRuleException e) where T : PfcpMessage
    {
        rsp.Set(PfcpIeType.Cause, new Cause(e.Cause));
        if (e.OffendingIe != 0)
        {
            rsp.Add(PfcpIeType.OffendingIe, new OffendingIe(e.OffendingIe));
        }
        if (e.FailedRuleType != 0xFF && e.Cause == PfcpCause.RuleCreationModificationFailure)
        {
            rsp.Add(PfcpIeType.FailedRuleId, new RawIe(FailedRuleIdOctets(e.FailedRuleType, e.FailedRuleId)));
        }
        return rsp;
    }

    /// <summary>§8.2.80 Failed Rule ID: the rule type, then its ID in that rule's width.</summary>
    private static byte[] FailedRuleIdOctets(byte type, uint id) => type switch
    {
        RulePdr => [type, (byte)(id >> 8), (byte)id],
        RuleBar => [type, (byte)id],
        _ => [type, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id],
    };

    /// <summary>§7.5.2.3-§7.5.2.6 and §7.5.4: the Create FAR/QER/URR/BAR IEs of an establishment or a modification, which both carry them alike.</summary>
    private static void AddCreatedRules(IEnumerable<CreateFar> createFars, IEnumerable<CreateQer> createQers, IEnumerable<CreateUrr> createUrrs, CreateBar? createBar,
        Dictionary<uint, FarRule> fars, Dictionary<uint, QerRule> qers, Dictionary<uint, UrrRule> urrs, Dictionary<byte, byte> bars)
    {
        foreach (CreateFar f in createFars)
        {
            FarRule far = BuildFar(f.FarId!.Value, f.ApplyAction!, f.ForwardingParameters?.DestinationInterface, f.ForwardingParameters?.OuterHeaderCreation, f.BarId);
            AddUnique(fars, far.Id, far, RuleFar);
        }
        foreach (CreateQer q in createQers)
        {
            AddUnique(qers, q.QerId!.Value, BuildQer(q.QerId!.Value, q.GateStatus!, q.Mbr, q.Qfi, q.Rqi, null), RuleQer);
        }
        foreach (CreateUrr u in createUrrs)
        {
            AddUnique(urrs, u.UrrId!.Value, BuildUrr(u), RuleUrr);
        }
        if (createBar is CreateBar b)
        {
            bars[(byte)b.BarId!.RawValue] = b.SuggestedBufferingPacketsCount is PfcpUInt8Ie c ? (byte)c.RawValue : (byte)0;
        }
    }

    private static void AddUnique<TKey, TValue>(Dictionary<TKey, TValue> d, TKey id, TValue value, byte ruleType) where TKey : notnull
    {
        if (!d.TryAdd(id, value))
        {
            throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"rule ID {id} is created twice", 0, ruleType, Convert.ToUInt32(id, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private ulong NextSeid()
    {
        do
        {
            _nextSeid++;
        }
        while (_nextSeid == 0 || _sessions.ContainsKey(_nextSeid));
        return _nextSeid;
    }

    private uint NextTeid()
    {
        // Sequential TEIDs spread sessions over the workers (the N3 sockets are chosen by TEID mod workers).
        for (int guard = 0; guard < 1 << 20; guard++)
        {
            _nextTeid++;
            if (_nextTeid != 0 && !_teidOwners.ContainsKey(_nextTeid))
            {
                return _nextTeid;
            }
        }
        throw new PfcpRuleException(PfcpCause.NoResourcesAvailable, "no free TEID");
    }

    private PdrDefinition BuildPdr(ushort id, uint precedence, Pdi pdi, OuterHeaderRemoval? ohr, FarId? farId, IEnumerable<QerId> qerIds, IEnumerable<UrrId> urrIds,
        UpfSession session, Dictionary<byte, uint> chosen, List<uint> newTeids, List<CreatedPdr> created)
    {
        if (farId is null)
        {
            // §7.5.2.2: FAR ID is conditional, but this UPF has no pre-defined rules, so a PDR without one cannot be applied.
            throw new PfcpRuleException(PfcpCause.ConditionalIeMissing, $"PDR {id} has no FAR ID", PfcpIeType.FarId, RulePdr, id);
        }
        InterfaceValue source = pdi.SourceInterface!.Value;
        uint? teid = null;
        if (pdi.LocalFTeid is FTeid f)
        {
            if (f.Choose)
            {
                if (!f.V4)
                {
                    throw new PfcpRuleException(PfcpCause.InvalidFTeidAllocationOption, $"PDR {id}: CHOOSE without V4 (this UPF has IPv4 N3 only)", PfcpIeType.FTeid, RulePdr, id);
                }
                if (f.ChooseIdPresent && chosen.TryGetValue(f.ChooseId, out uint same))
                {
                    teid = same;
                }
                else
                {
                    teid = NextTeid();
                    _teidOwners[teid.Value] = session;
                    newTeids.Add(teid.Value);
                    if (f.ChooseIdPresent)
                    {
                        chosen[f.ChooseId] = teid.Value;
                    }
                }
                var c = new CreatedPdr { PdrId = new PdrId(id), LocalFTeid = FTeid.Of(teid.Value, _options.N3Address) };
                created.Add(c);
            }
            else
            {
                if (!f.V4 || f.IPv4 is null)
                {
                    throw new PfcpRuleException(PfcpCause.MandatoryIeIncorrect, $"PDR {id}: F-TEID without an IPv4 address", PfcpIeType.FTeid, RulePdr, id);
                }
                teid = f.Teid;
                if (_teidOwners.TryGetValue(f.Teid, out UpfSession? owner) && owner != session)
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: TEID 0x{f.Teid:x} belongs to another session", PfcpIeType.FTeid, RulePdr, id);
                }
                if (!_teidOwners.ContainsKey(f.Teid))
                {
                    _teidOwners[f.Teid] = session;
                    newTeids.Add(f.Teid);
                }
            }
        }
        uint? ue = null;
        ulong? ue6 = null;
        bool ueDst = false;
        foreach (UeIpAddress u in pdi.UeIpAddresses)
        {
            if (u.ChooseV4 || u.ChooseV6)
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: UE IP allocation by the UPF is not offered (no UEIP feature)", PfcpIeType.UeIpAddress, RulePdr, id);
            }
            if (u.IPv4 is IPAddress a)
            {
                ue = BinaryPrimitives.ReadUInt32BigEndian(a.GetAddressBytes());
                ueDst = u.IsDestination;
            }
            if (u.IPv6 is IPAddress a6)
            {
                ue6 = BinaryPrimitives.ReadUInt64BigEndian(a6.GetAddressBytes());
                ueDst = u.IsDestination;
            }
        }
        if (source == InterfaceValue.Core && teid is null && ((ue is null && ue6 is null) || !ueDst))
        {
            throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: a downlink PDI needs the UE IP address as destination", PfcpIeType.Pdi, RulePdr, id);
        }
        if (teid is null && source != InterfaceValue.Core)
        {
            throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: an access-side PDI needs a local F-TEID", PfcpIeType.Pdi, RulePdr, id);
        }
        var filters = new List<SdfRule>();
        foreach (SdfFilter s in pdi.SdfFilters)
        {
            if (s.FlowDescription is null)
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: SDF filter without a flow description", PfcpIeType.SdfFilter, RulePdr, id);
            }
            if (!SdfRule.TryParse(s.FlowDescription, out SdfRule rule, out string why))
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: {why}", PfcpIeType.SdfFilter, RulePdr, id);
            }
            filters.Add(rule);
        }
        bool removes = false;
        if (ohr is not null)
        {
            if (ohr.Description is not (0 or 6))
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {id}: outer header removal {ohr.Description} is not GTP-U/UDP/IPv4", PfcpIeType.OuterHeaderRemoval, RulePdr, id);
            }
            removes = true;
        }
        return new PdrDefinition(id, precedence, source, teid, ue, ueDst, [.. pdi.Qfis.Select(q => q.Value)], [.. filters], removes,
            farId.Value, [.. qerIds.Select(q => q.Value)], [.. urrIds.Select(u => u.Value)], ue6);
    }

    private static FarRule BuildFar(uint id, ApplyAction action, DestinationInterface? destination, OuterHeaderCreation? ohc, BarId? bar)
    {
        if (action.Forward && destination is null)
        {
            throw new PfcpRuleException(PfcpCause.ConditionalIeMissing, $"FAR {id} forwards but has no Forwarding Parameters", PfcpIeType.ForwardingParameters, RuleFar, id);
        }
        if (!action.Forward && !action.Drop && !action.Buffer)
        {
            throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"FAR {id}: Apply Action has none of DROP, FORW, BUFF", PfcpIeType.ApplyAction, RuleFar, id);
        }
        if (ohc is not null && (ohc.Description & OuterHeaderCreation.GtpUUdpIPv4) == 0)
        {
            throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"FAR {id}: only GTP-U/UDP/IPv4 outer headers are created", PfcpIeType.OuterHeaderCreation, RuleFar, id);
        }
        return new FarRule
        {
            Id = id,
            Drop = action.Drop,
            Forward = action.Forward,
            Buffer = action.Buffer,
            NotifyCp = action.NotifyCp,
            Destination = destination?.Value ?? InterfaceValue.Core,
            CreatesGtpU = ohc is not null,
            OuterTeid = ohc?.Teid ?? 0,
            OuterAddress = ohc?.IPv4,
            OuterSockAddr = ohc?.IPv4 is IPAddress a ? SockAddrIn.Of(a, UpfOptions.GtpUPort) : default,
            BarId = bar is null ? null : (byte)bar.RawValue,
        };
    }

    private static QerRule BuildQer(uint id, GateStatus gate, BitRate? mbr, Qfi? qfi, Rqi? rqi, QerRule? previous)
    {
        TokenBucket ul = previous?.UplinkMbr ?? new TokenBucket(0);
        TokenBucket dl = previous?.DownlinkMbr ?? new TokenBucket(0);
        ulong ulK = mbr?.UplinkKbps ?? previous?.UplinkMbrKbps ?? 0;
        ulong dlK = mbr?.DownlinkKbps ?? previous?.DownlinkMbrKbps ?? 0;
        if (mbr is not null)
        {
            ul.SetRate(ulK);
            dl.SetRate(dlK);
        }
        return new QerRule
        {
            Id = id,
            UplinkOpen = gate.UplinkOpen,
            DownlinkOpen = gate.DownlinkOpen,
            Qfi = qfi?.Value ?? previous?.Qfi ?? 0,
            Rqi = rqi?.Value ?? previous?.Rqi ?? false,
            UplinkMbr = ul,
            DownlinkMbr = dl,
            UplinkMbrKbps = ulK,
            DownlinkMbrKbps = dlK,
        };
    }

    private static UrrRule BuildUrr(CreateUrr u)
    {
        var r = new UrrRule { Id = u.UrrId!.Value };
        ApplyUrr(r, u.MeasurementMethod, u.ReportingTriggers, u.VolumeThreshold, u.TimeThreshold, u.MeasurementPeriod);
        return r;
    }

    private static void ApplyUrr(UrrRule r, MeasurementMethod? method, ReportingTriggers? triggers, Volume? volume, PfcpUInt32Ie? time, PfcpUInt32Ie? period)
    {
        if (method is not null)
        {
            r.MeasureVolume = method.Volume;
            r.MeasureDuration = method.Duration;
        }
        if (triggers is not null)
        {
            r.ReportOnVolumeThreshold = triggers.VolumeThreshold;
            r.ReportOnTimeThreshold = triggers.TimeThreshold || triggers.PeriodicReporting;
        }
        if (volume is not null)
        {
            // §8.2.13: TOVOL, ULVOL and DLVOL each carry their own threshold; an absent one is not monitored.
            r.VolumeThreshold = (volume.Flags & 1) != 0 ? volume.Total : 0;
            r.UplinkVolumeThreshold = (volume.Flags & 2) != 0 ? volume.Uplink : 0;
            r.DownlinkVolumeThreshold = (volume.Flags & 4) != 0 ? volume.Downlink : 0;
        }
        if (time is not null)
        {
            r.TimeThreshold = time.Value;
        }
        if (period is not null)
        {
            r.MeasurementPeriod = period.Value;
        }
    }

    // ---- §6.3.3 PFCP Session Modification ----
    private SessionModificationResponse SessionModification(SessionModificationRequest r, IPEndPoint peer)
    {
        var rsp = new SessionModificationResponse();
        if (!_sessions.TryGetValue(r.Seid, out UpfSession? s))
        {
            // §7.2.2.4.2: the SEID of an unknown session is unknown too, so the response carries 0.
            rsp.Seid = 0;
            rsp.Cause = new Cause(PfcpCause.SessionContextNotFound);
            return rsp;
        }
        rsp.Seid = s.RemoteSeid;
        var pdrs = new Dictionary<ushort, PdrDefinition>(s.Pdrs);
        var fars = new Dictionary<uint, FarRule>(s.Fars);
        var qers = new Dictionary<uint, QerRule>(s.Qers);
        var urrs = new Dictionary<uint, UrrRule>(s.Urrs);
        var bars = new Dictionary<byte, byte>(s.Bars);
        var chosen = new Dictionary<byte, uint>();
        var created = new List<CreatedPdr>();
        var newTeids = new List<uint>();
        var switched = new List<FarRule>();
        bool sendEndMarker = r.Flags is PfcpFlagsIe fl && fl.Has(0, 2);
        bool dropBuffered = r.Flags is PfcpFlagsIe fd && fd.Has(0, 1);
        var urrUpdates = new List<UpdateUrr>();
        try
        {
            foreach (RemoveRule x in r.RemovePdrs)
            {
                ushort id = (ushort)(x.Get<PdrId>(PfcpIeType.PdrId)?.RuleId ?? 0);
                if (!pdrs.Remove(id))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Remove PDR {id}: no such PDR", PfcpIeType.RemovePdr, RulePdr, id);
                }
            }
            foreach (RemoveRule x in r.RemoveFars)
            {
                uint id = x.Get<FarId>(PfcpIeType.FarId)?.Value ?? 0;
                if (!fars.Remove(id))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Remove FAR {id}: no such FAR", PfcpIeType.RemoveFar, RuleFar, id);
                }
            }
            foreach (RemoveRule x in r.RemoveQers)
            {
                uint id = x.Get<QerId>(PfcpIeType.QerId)?.Value ?? 0;
                if (!qers.Remove(id))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Remove QER {id}: no such QER", PfcpIeType.RemoveQer, RuleQer, id);
                }
            }
            foreach (RemoveRule x in r.RemoveUrrs)
            {
                uint id = x.Get<UrrId>(PfcpIeType.UrrId)?.Value ?? 0;
                if (!urrs.Remove(id))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Remove URR {id}: no such URR", PfcpIeType.RemoveUrr, RuleUrr, id);
                }
            }
            AddCreatedRules(r.CreateFars, r.CreateQers, r.CreateUrrs, r.CreateBar, fars, qers, urrs, bars);
            foreach (UpdateFar u in r.UpdateFars)
            {
                uint id = u.FarId!.Value;
                if (!fars.TryGetValue(id, out FarRule? old))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Update FAR {id}: no such FAR", PfcpIeType.UpdateFar, RuleFar, id);
                }
                UpdateForwardingParameters? fp = u.UpdateForwardingParameters;
                ApplyAction action = u.ApplyAction ?? ActionOf(old);
                DestinationInterface? dest = fp?.DestinationInterface ?? (old.Forward || old.CreatesGtpU || action.Forward ? new DestinationInterface(old.Destination) : null);
                OuterHeaderCreation? ohc = fp?.OuterHeaderCreation ?? (old.CreatesGtpU ? OuterHeaderCreation.GtpU(old.OuterTeid, old.OuterAddress!) : null);
                FarRule far = BuildFar(id, action, dest, ohc, u.BarId ?? (old.BarId is byte ob ? new BarId(ob) : null));
                if (old.CreatesGtpU && (far.OuterTeid != old.OuterTeid || !Equals(far.OuterAddress, old.OuterAddress)))
                {
                    switched.Add(old);
                }
                fars[id] = far;
            }
            foreach (UpdateQer u in r.UpdateQers)
            {
                uint id = u.QerId!.Value;
                if (!qers.TryGetValue(id, out QerRule? old))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Update QER {id}: no such QER", PfcpIeType.UpdateQer, RuleQer, id);
                }
                qers[id] = BuildQer(id, u.GateStatus ?? new GateStatus(old.UplinkOpen, old.DownlinkOpen), u.Mbr, u.Qfi, null, old);
            }
            foreach (UpdateUrr u in r.UpdateUrrs)
            {
                uint id = u.UrrId!.Value;
                if (!urrs.ContainsKey(id))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Update URR {id}: no such URR", PfcpIeType.UpdateUrr, RuleUrr, id);
                }
                urrUpdates.Add(u);
            }
            foreach (CreatePdr p in r.CreatePdrs)
            {
                PdrDefinition def = BuildPdr(p.PdrId!.RuleId, p.Precedence!.Value, p.Pdi!, p.OuterHeaderRemoval, p.FarId, p.QerIds, p.UrrIds, s, chosen, newTeids, created);
                AddUnique(pdrs, def.Id, def, RulePdr);
            }
            foreach (UpdatePdr u in r.UpdatePdrs)
            {
                ushort id = u.PdrId!.RuleId;
                if (!pdrs.TryGetValue(id, out PdrDefinition? old))
                {
                    throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"Update PDR {id}: no such PDR", PfcpIeType.UpdatePdr, RulePdr, id);
                }
                PdrDefinition def = old;
                if (u.Pdi is Pdi pdi)
                {
                    def = BuildPdr(id, u.Precedence?.Value ?? old.Precedence, pdi, u.OuterHeaderRemoval ?? (old.RemovesGtpU ? new OuterHeaderRemoval(0) : null),
                        u.FarId ?? new FarId(old.FarId), old.QerIds.Select(q => new QerId(q)), old.UrrIds.Select(x => new UrrId(x)), s, chosen, newTeids, created);
                }
                else
                {
                    def = old with
                    {
                        Precedence = u.Precedence?.Value ?? old.Precedence,
                        FarId = u.FarId?.Value ?? old.FarId,
                        RemovesGtpU = u.OuterHeaderRemoval is not null || old.RemovesGtpU,
                    };
                }
                pdrs[id] = def;
            }
            if (!UpfSession.TryCompile(s, pdrs, fars, qers, urrs, out CompiledPdr[] compiled, out ushort failed))
            {
                throw new PfcpRuleException(PfcpCause.RuleCreationModificationFailure, $"PDR {failed} refers to a FAR, QER or URR the session does not have", PfcpIeType.CreatePdr, RulePdr, failed);
            }
            bool wasBuffering = s.Fars.Values.Any(f => f.Buffer);
            // Commit: release the TEIDs of removed PDRs, then publish.
            foreach (PdrDefinition gone in s.Pdrs.Values)
            {
                if (gone.LocalTeid is uint t && !pdrs.Values.Any(p => p.LocalTeid == t))
                {
                    _teidOwners.Remove(t);
                }
            }
            s.Pdrs = pdrs;
            s.Fars = fars;
            s.Qers = qers;
            s.Urrs = urrs;
            s.Bars = bars;
            s.Compiled = compiled;
            foreach (UpdateUrr u in urrUpdates)
            {
                ApplyUrr(urrs[u.UrrId!.Value], u.MeasurementMethod, u.ReportingTriggers, u.VolumeThreshold, u.TimeThreshold, null);
            }
            _plane.Install(s);
            s.ResetDownlinkReport();
            if (sendEndMarker)
            {
                foreach (FarRule old in switched)
                {
                    _plane.SendEndMarker(old);
                }
            }
            if (dropBuffered || fars.Values.All(f => !f.Buffer && !f.Forward))
            {
                _plane.DropBuffered(s);
            }
            else if (wasBuffering && s.BufferedCount > 0)
            {
                _plane.FlushBuffered(s);
            }
        }
        catch (PfcpRuleException e)
        {
            foreach (uint t in newTeids)
            {
                _teidOwners.Remove(t);
            }
            LogRejected("Session Modification", peer, e.Cause, e.Message);
            return Reject(rsp, e);
        }
        rsp.Cause = new Cause(PfcpCause.RequestAccepted);
        foreach (CreatedPdr c in created)
        {
            rsp.Add(PfcpIeType.CreatedPdr, c);
        }
        if (r.Flags is PfcpFlagsIe qa && qa.Has(0, 3))
        {
            // QAURR: report every URR now.
            foreach (UrrRule u in s.Urrs.Values)
            {
                rsp.Add(PfcpIeType.UsageReportSessionModificationResponse, UsageReportOf(u, immediate: true, termination: false));
            }
        }
        return rsp;
    }

    private static ApplyAction ActionOf(FarRule f) => ApplyAction.Of(f.Drop, f.Forward, f.Buffer, f.NotifyCp);

    // ---- §6.3.4 PFCP Session Deletion: final usage reports go back in the response ----
    private SessionDeletionResponse SessionDeletion(SessionDeletionRequest r)
    {
        var rsp = new SessionDeletionResponse();
        if (!_sessions.TryGetValue(r.Seid, out UpfSession? s))
        {
            rsp.Seid = 0;
            rsp.Cause = new Cause(PfcpCause.SessionContextNotFound);
            return rsp;
        }
        rsp.Seid = s.RemoteSeid;
        DropSession(s);
        rsp.Cause = new Cause(PfcpCause.RequestAccepted);
        foreach (UrrRule u in s.Urrs.Values)
        {
            rsp.Add(PfcpIeType.UsageReportSessionDeletionResponse, UsageReportOf(u, immediate: false, termination: true));
        }
        return rsp;
    }

    /// <summary>§7.5.8.3 Usage Report from a URR's counters since its last report.</summary>
    internal static UsageReport UsageReportOf(UrrRule u, bool immediate, bool termination, bool volumeThreshold = false, bool timeThreshold = false)
    {
        (long ulB, long dlB, long ulP, long dlP) = u.Take();
        DateTime start = u.StartTime;
        DateTime end = DateTime.UtcNow;
        u.StartTime = end;
        u.ReportSequence++;
        byte o1 = (byte)((volumeThreshold ? 0x02 : 0) | (timeThreshold ? 0x04 : 0) | (immediate ? 0x80 : 0));
        byte o2 = (byte)(termination ? 0x08 : 0);
        var rep = new UsageReport
        {
            UrrId = new UrrId(u.Id),
            UrSeqn = new UrSeqn(u.ReportSequence - 1),
            UsageReportTrigger = new UsageReportTrigger([o1, o2, 0]),
            StartTime = PfcpTimeStamp.FromTime(start),
            EndTime = PfcpTimeStamp.FromTime(end),
        };
        if (u.MeasureVolume)
        {
            rep.VolumeMeasurement = new Volume(0x3F, (ulong)(ulB + dlB), (ulong)ulB, (ulong)dlB, (ulong)(ulP + dlP), (ulong)ulP, (ulong)dlP);
        }
        if (u.MeasureDuration)
        {
            rep.DurationMeasurement = new PfcpUInt32Ie((uint)Math.Max(0, (end - start).TotalSeconds));
        }
        return rep;
    }

    // ---- §6.3.5 Session Report (UP-initiated) ----

    /// <summary>Turns packet path events and URR timers into Session Report Requests until cancelled.</summary>
    public async Task RunReportsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Task<bool> tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        Task<bool> read = _plane.Events.WaitToReadAsync(cancellationToken).AsTask();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task done;
            try
            {
                done = await Task.WhenAny(tick, read).ConfigureAwait(false);
                if (done.IsCanceled)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (done == read)
            {
                if (!await read.ConfigureAwait(false))
                {
                    return;
                }
                while (_plane.Events.TryRead(out UpfEvent? e))
                {
                    SessionReportRequest? req = BuildReport(e);
                    if (req is not null)
                    {
                        _ = SendReportAsync(req, e.Session!, cancellationToken);
                    }
                }
                read = _plane.Events.WaitToReadAsync(cancellationToken).AsTask();
            }
            else
            {
                foreach ((SessionReportRequest req, UpfSession s) in TimeReports())
                {
                    _ = SendReportAsync(req, s, cancellationToken);
                }
                tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            }
        }
    }

    internal SessionReportRequest? BuildReport(UpfEvent e)
    {
        lock (_lock)
        {
            if (e.Session is not UpfSession s || !_sessions.ContainsKey(s.LocalSeid))
            {
                return null; // deleted meanwhile: stale events are expected
            }
            var req = new SessionReportRequest { Seid = s.RemoteSeid };
            switch (e.Kind)
            {
                case UpfEventKind.DownlinkData:
                    req.ReportType = new ReportType([0x01]);
                    var ddr = new DownlinkDataReport { PdrId = new PdrId(e.PdrId) };
                    if (e.Qfi != 0)
                    {
                        ddr.Add(PfcpIeType.DownlinkDataServiceInformation, new DownlinkDataServiceInformation(0x02, 0, e.Qfi));
                    }
                    req.DownlinkDataReport = ddr;
                    return req;
                case UpfEventKind.VolumeThreshold when e.Urr is UrrRule u:
                    req.ReportType = new ReportType([0x02]);
                    req.Add(PfcpIeType.UsageReportSessionReportRequest, UsageReportOf(u, immediate: false, termination: false, volumeThreshold: true));
                    return req;
                default:
                    return null;
            }
        }
    }

    private List<(SessionReportRequest, UpfSession)> TimeReports()
    {
        var list = new List<(SessionReportRequest, UpfSession)>();
        DateTime now = DateTime.UtcNow;
        lock (_lock)
        {
            foreach (UpfSession s in _sessions.Values)
            {
                foreach (UrrRule u in s.Urrs.Values)
                {
                    uint limit = u.TimeThreshold != 0 ? u.TimeThreshold : u.MeasurementPeriod;
                    if (u.ReportOnTimeThreshold && limit != 0 && (now - u.StartTime).TotalSeconds >= limit)
                    {
                        var req = new SessionReportRequest { Seid = s.RemoteSeid, ReportType = new ReportType([0x02]) };
                        req.Add(PfcpIeType.UsageReportSessionReportRequest, UsageReportOf(u, immediate: false, termination: false, timeThreshold: true));
                        list.Add((req, s));
                    }
                }
            }
        }
        return list;
    }

    private async Task SendReportAsync(SessionReportRequest req, UpfSession s, CancellationToken ct)
    {
        if (SendRequest is null)
        {
            return;
        }
        try
        {
            PfcpMessage rsp = await SendRequest(req, s.CpPeer, ct).ConfigureAwait(false);
            if (rsp is SessionReportResponse r && r.Cause?.RawValue is ulong c && c != (byte)PfcpCause.RequestAccepted)
            {
                LogReportRejected(s.LocalSeid, (PfcpCause)c);
                if (c == (byte)PfcpCause.SessionContextNotFound)
                {
                    lock (_lock)
                    {
                        // §6.3.5: the CP function no longer knows the session, so the UP function removes it.
                        if (_sessions.ContainsKey(s.LocalSeid))
                        {
                            DropSession(s);
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogReportFailed(s.LocalSeid, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PFCP {Procedure} from {Peer} rejected with {Cause}: {Reason}")]
    private partial void LogRejected(string procedure, IPEndPoint peer, PfcpCause cause, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CP function at {Peer} restarted: {Count} of its sessions deleted")]
    private partial void LogCpRestart(IPEndPoint peer, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session Report for UP SEID {Seid} rejected: {Cause}")]
    private partial void LogReportRejected(ulong seid, PfcpCause cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session Report for UP SEID {Seid} failed: {Reason}")]
    private partial void LogReportFailed(ulong seid, string reason);
}
