// TS 24.501 §5.5.1 (registration), §5.5.2 (de-registration), §5.6.1 (service request) driven over N2 by a gNB:
// one simulated UE as the fleet sees it, with its fault mode and the timing of each procedure.
using System.Collections.Concurrent;
using System.Diagnostics;
using GlassCore.Nas.Ies;

namespace GlassCore.Sim;

/// <summary>Misbehaviour a UE can be told to show, for tests of the core's defences (issue: fault modes).</summary>
public enum UeFault : byte
{
    None,
    /// <summary>The USIM's K differs from the subscriber's: the network's AUTN fails (#20), then Authentication Reject.</summary>
    WrongK,
    /// <summary>The USIM has seen a higher SQN than the home network: synch failure (#21) and re-synchronisation.</summary>
    StaleSqn,
    /// <summary>Once registered, the UE sends its last protected uplink again; the AMF must discard the copy.</summary>
    ReplayNas,
    /// <summary>The UE offers only NIA0/NEA0; the AMF must not accept the null integrity algorithm.</summary>
    Nia0Only,
    /// <summary>The Initial UE Message carries random bytes instead of a Registration Request.</summary>
    GarbageNas,
    /// <summary>The UE's gNB sends random bytes as an NGAP PDU before the UE's Initial UE Message.</summary>
    GarbageNgap,
}

/// <summary>The procedures the fleet times.</summary>
public enum SimProcedure : byte
{
    Registration,
    Deregistration,
    ServiceRequest,
    PduSessionEstablishment,
    PduSessionRelease,
    PduSessionModification,
}

/// <summary>How one procedure ended: succeeded, rejected by the network (with a cause label), or failed (why);
/// <paramref name="Steps"/> times the network's part of each downlink the procedure took.</summary>
public readonly record struct ProcedureOutcome(SimProcedure Procedure, ProcedureResult Result, string Detail, double LatencyMs,
    IReadOnlyList<StepLatency>? Steps = null)
{
    public bool Succeeded => Result == ProcedureResult.Succeeded;
}

/// <summary>From the UE's previous uplink (or the procedure's start) to the downlink <paramref name="Name"/> reaching the UE.</summary>
public readonly record struct StepLatency(string Name, double Ms);

public enum ProcedureResult : byte
{
    Succeeded,
    Rejected,
    Failed,
}

/// <summary>One line of a message ladder: UE, direction, the NGAP procedure and the NAS message it carries (if any).</summary>
public readonly record struct LadderEntry(int Ue, bool Uplink, string Ngap, string? Nas);

/// <summary>What a UE needs from the gNB that serves it: the uplink side of TS 38.413 §8.6.1 and §8.6.3.</summary>
public interface IUeRadio
{
    /// <summary>Initial UE Message: a new UE-associated NG connection carrying <paramref name="nasPdu"/>.</summary>
    ValueTask SendInitialUeMessageAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct);

    /// <summary>Uplink NAS Transport on the UE's existing NG connection.</summary>
    ValueTask SendUplinkNasAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct);

    /// <summary>Bytes that are not an NGAP PDU, on the gNB's association (the garbage-NGAP fault).</summary>
    ValueTask SendGarbageNgapAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);

    /// <summary>UE Context Release Request (e.g. user inactivity): the AMF should answer with a release command.</summary>
    ValueTask RequestReleaseAsync(SimUe ue, CancellationToken ct);
}

/// <summary>
/// One UE of the fleet. The gNB calls <see cref="OnDownlinkNasAsync"/> and <see cref="OnContextReleased"/> from its
/// read loop (one UE's downlinks arrive in order); the fleet starts procedures. <see cref="UeNas"/> is not
/// thread-safe, so every use of it is under this UE's own small lock; uplinks are sent outside the lock, in order.
/// </summary>
public sealed class SimUe(int index, UeNas nas, UeFault fault = UeFault.None)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<ProcedureOutcome>? _pending;
    private SimProcedure _procedure;
    private long _started;
    private long _lastUplink;
    private List<StepLatency>? _steps;
    private bool _replayed;
    private readonly List<string> _traced = [];
    private Action<LadderEntry>? _ladder;
    private TaskCompletionSource? _released;
    private PduSessionRequest? _sessionRequest;
    private byte _psi;
    private byte _serviceType;
    private SimUserPlane? _userPlane;
    private readonly ConcurrentDictionary<byte, SimTunnel> _tunnels = new();

    public int Index { get; } = index;

    public UeNas Nas { get; } = nas;

    public UeFault Fault { get; } = fault;

    /// <summary>The gNB that serves this UE (set when the fleet places it).</summary>
    public IUeRadio? Radio { get; set; }

    /// <summary>RAN-UE-NGAP-ID of the current NG connection (the gNB assigns it), or -1.</summary>
    public long RanUeNgapId { get; set; } = -1;

    /// <summary>AMF-UE-NGAP-ID learnt from the first downlink of the connection, or -1.</summary>
    public long AmfUeNgapId { get; set; } = -1;

    /// <summary>The gNB's UE-associated NG connection the UE uses now (the radio sets and reads it).</summary>
    public object? Connection { get; set; }

    /// <summary>5GMM-CONNECTED: the UE has an NG connection (from its Initial UE Message until UE Context Release).</summary>
    public bool Connected { get; private set; }

    /// <summary>Receives a <see cref="LadderEntry"/> per NGAP message with this UE's NAS inside (the demo's ladder); null = no tracing cost.</summary>
    public Action<LadderEntry>? Ladder
    {
        get => _ladder;
        set
        {
            _ladder = value;
            Nas.Trace = value is null ? null : (up, m) => _traced.Add((up ? "\u2191" : "\u2193") + UeNas.Describe(m));
        }
    }

    /// <summary>Reports an NGAP message of this UE that carries no NAS (e.g. Initial Context Setup Response).</summary>
    public void Note(bool uplink, string ngap) => _ladder?.Invoke(new LadderEntry(Index, uplink, ngap, null));

    /// <summary>Initial Context Setup requests the gNB answered for this UE (each with KgNB and security capabilities).</summary>
    public int ContextSetups { get; private set; }

    public Task<ProcedureOutcome> RegisterAsync(TimeSpan timeout, CancellationToken ct) =>
        RunAsync(SimProcedure.Registration, timeout, ct);

    /// <summary>§5.5.1.3: mobility or periodic registration updating with the UE's 5G-GUTI and security context.</summary>
    public Task<ProcedureOutcome> UpdateRegistrationAsync(byte registrationType, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(SimProcedure.Registration, timeout, ct, registrationType);

    /// <summary>
    /// §5.3.7 and §5.5.1.3.2: the UE leaves 5GMM-CONNECTED (the gNB asks for its release), T3512 from its Registration
    /// Accept runs in 5GMM-IDLE, and on expiry it sends a Registration Request for periodic registration updating. The
    /// outcome is that procedure's (timed from its start); a UE whose T3512 is deactivated does nothing ("no T3512").
    /// </summary>
    public async Task<ProcedureOutcome> PeriodicRegistrationAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (Nas.T3512 is not { } t3512)
        {
            return new ProcedureOutcome(SimProcedure.Registration, ProcedureResult.Failed, "no T3512", 0);
        }
        if (!await ReleaseAsync(timeout, ct))
        {
            return new ProcedureOutcome(SimProcedure.Registration, ProcedureResult.Failed, "release timeout", 0);
        }
        await Task.Delay(t3512, ct);
        return await UpdateRegistrationAsync(FiveGsRegistrationType.PeriodicRegistrationUpdating, timeout, ct);
    }

    public Task<ProcedureOutcome> DeregisterAsync(TimeSpan timeout, CancellationToken ct) =>
        RunAsync(SimProcedure.Deregistration, timeout, ct);

    public Task<ProcedureOutcome> ServiceRequestAsync(TimeSpan timeout, CancellationToken ct) => ServiceRequestAsync(0, timeout, ct);

    /// <summary>§5.6.1.2 with a service type (§9.11.3.50: 0 signalling, 1 data, 2 mobile terminated services, the answer to paging).</summary>
    public Task<ProcedureOutcome> ServiceRequestAsync(byte serviceType, TimeSpan timeout, CancellationToken ct)
    {
        lock (_gate)
        {
            _serviceType = serviceType;
        }
        return RunAsync(SimProcedure.ServiceRequest, timeout, ct);
    }

    /// <summary>§6.4.1: establishes a PDU session over the UE's NG connection; succeeded once the accept arrived (and its
    /// address is on the gNB's user plane), rejected with the 5GSM cause ("#27") or the AMF's 5GMM cause ("5GMM #90").</summary>
    public Task<ProcedureOutcome> EstablishPduSessionAsync(PduSessionRequest request, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            _sessionRequest = request;
            _psi = request.PduSessionId;
        }
        return RunAsync(SimProcedure.PduSessionEstablishment, timeout, ct);
    }

    /// <summary>§6.4.3: UE-requested release of an active PDU session.</summary>
    public Task<ProcedureOutcome> ReleasePduSessionAsync(byte pduSessionId, TimeSpan timeout, CancellationToken ct)
    {
        lock (_gate)
        {
            _psi = pduSessionId;
        }
        return RunAsync(SimProcedure.PduSessionRelease, timeout, ct);
    }

    /// <summary>§6.4.2: UE-requested modification of an active PDU session; succeeded once the network's command was
    /// applied and completed, rejected with the 5GSM cause of a Modification Reject.</summary>
    public Task<ProcedureOutcome> ModifyPduSessionAsync(byte pduSessionId, TimeSpan timeout, CancellationToken ct)
    {
        lock (_gate)
        {
            _psi = pduSessionId;
            _modificationsBefore = Nas.PduSessions.TryGetValue(pduSessionId, out var s) ? s.Modifications : 0;
        }
        return RunAsync(SimProcedure.PduSessionModification, timeout, ct);
    }

    private int _modificationsBefore;

    /// <summary>The N3 tunnels the serving gNB holds for this UE's sessions (PDU session ID → tunnel).</summary>
    public IReadOnlyDictionary<byte, SimTunnel> Tunnels => _tunnels;

    /// <summary>Times this UE was paged (each answered with a Service Request if it was idle).</summary>
    public int Paged { get; private set; }

    internal void NotePaged()
    {
        lock (_gate)
        {
            Paged++;
        }
    }

    /// <summary>The gNB set up N3 tunnels for these sessions (before their NAS-PDUs reach the UE).</summary>
    public void OnPduSessionsSetUp(IReadOnlyList<(long PduSessionId, SimTunnel Tunnel)> sessions, SimUserPlane? userPlane)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        lock (_gate)
        {
            _userPlane = userPlane;
            foreach (var (psi, tunnel) in sessions)
            {
                _tunnels[(byte)psi] = tunnel;
            }
            BindTunnels();
        }
    }

    /// <summary>The gNB released these sessions' resources.</summary>
    public void OnPduSessionsReleased(IReadOnlyList<long> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (long psi in sessions)
        {
            _tunnels.TryRemove((byte)psi, out _);
        }
    }

    /// <summary>Puts the address of each active session on its tunnel (the UE learns it from the accept, the gNB's tunnel
    /// comes with the same NGAP request); called under the UE's lock.</summary>
    private void BindTunnels()
    {
        if (_userPlane is null)
        {
            return;
        }
        foreach (var (psi, tunnel) in _tunnels)
        {
            if (!Nas.PduSessions.TryGetValue(psi, out var s) || s.State != UePduSessionState.Active)
            {
                continue;
            }
            if (s.Ipv4Address is { } a && !a.Equals(tunnel.UeAddress))
            {
                _userPlane.Bind(tunnel, a);
            }
            if (tunnel.UeIpv6Address is null && s.Ipv6InterfaceIdentifier.Length == 8 && _userPlane.Ipv6PrefixOf(Nas.Supi, psi) is { } prefix)
            {
                s.Ipv6Address = SimUserPlane.Ipv6Address(prefix, s.Ipv6InterfaceIdentifier.Span);
                _userPlane.Bind(tunnel, s.Ipv6Address);
            }
        }
    }

    /// <summary>Has the gNB ask for the UE's release (user inactivity) and waits until the AMF released it: to 5GMM-IDLE.</summary>
    public async Task<bool> ReleaseAsync(TimeSpan timeout, CancellationToken ct)
    {
        IUeRadio radio = Radio ?? throw new InvalidOperationException("the UE has no gNB");
        TaskCompletionSource released;
        lock (_gate)
        {
            if (!Connected)
            {
                return true;
            }
            released = _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await radio.RequestReleaseAsync(this, ct);
        try
        {
            await released.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<ProcedureOutcome> RunAsync(SimProcedure procedure, TimeSpan timeout, CancellationToken ct,
        byte registrationType = FiveGsRegistrationType.InitialRegistration)
    {
        IUeRadio radio = Radio ?? throw new InvalidOperationException("the UE has no gNB");
        var tcs = new TaskCompletionSource<ProcedureOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] first;
        bool initial;
        lock (_gate)
        {
            _procedure = procedure;
            _pending = tcs;
            _replayed = false;
            _started = Stopwatch.GetTimestamp();
            _lastUplink = _started;
            _steps = [];
            (first, initial) = procedure switch
            {
                // With a 5G-GUTI from an earlier registration the request carries it (§5.5.1.2.2).
                SimProcedure.Registration => (Nas.StartRegistration(registrationType), !Connected),
                SimProcedure.Deregistration => (Nas.StartDeregistration(switchOff: false, connected: Connected), !Connected),
                SimProcedure.PduSessionEstablishment when Connected => (Nas.StartPduSessionEstablishment(_sessionRequest!), false),
                SimProcedure.PduSessionRelease when Connected => (Nas.StartPduSessionRelease(_psi), false),
                SimProcedure.PduSessionModification when Connected => (Nas.StartPduSessionModification(_psi), false),
                SimProcedure.PduSessionEstablishment or SimProcedure.PduSessionRelease or SimProcedure.PduSessionModification =>
                    throw new InvalidOperationException("the UE is in 5GMM-IDLE: a 5GSM procedure needs its NG connection"),
                _ => (Nas.StartServiceRequest(_serviceType), true),
            };
            if (procedure == SimProcedure.Registration && Fault == UeFault.GarbageNas)
            {
                first = new byte[Random.Shared.Next(1, 48)];
                Random.Shared.NextBytes(first);
                _traced.Clear();
            }
            if (initial)
            {
                Connected = true;
                AmfUeNgapId = -1;
            }
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        await using CancellationTokenRegistration reg = timer.Token.Register(() => Finish(tcs, ProcedureResult.Failed, ct.IsCancellationRequested ? "cancelled" : "timeout"));
        try
        {
            if (initial && Fault == UeFault.GarbageNgap && procedure == SimProcedure.Registration)
            {
                byte[] junk = new byte[Random.Shared.Next(1, 64)];
                Random.Shared.NextBytes(junk);
                await radio.SendGarbageNgapAsync(junk, timer.Token);
            }
            EmitUplinks(initial ? "InitialUEMessage" : "UplinkNASTransport", 1);
            if (initial)
            {
                await radio.SendInitialUeMessageAsync(this, first, timer.Token);
            }
            else
            {
                await radio.SendUplinkNasAsync(this, first, timer.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Finish(tcs, ProcedureResult.Failed, "send: " + e.GetType().Name);
        }
        return await tcs.Task;
    }

    /// <summary>A downlink NAS-PDU from the gNB (Downlink NAS Transport or the NAS-PDU of a setup/release request).</summary>
    public ValueTask OnDownlinkNasAsync(ReadOnlyMemory<byte> pdu, CancellationToken ct) => OnDownlinkNasAsync(pdu, "DownlinkNASTransport", ct);

    /// <summary>As above, naming the NGAP procedure that carried the NAS-PDU (for the ladder).</summary>
    public async ValueTask OnDownlinkNasAsync(ReadOnlyMemory<byte> pdu, string ngapProcedure, CancellationToken ct, string? ngapAnswer = null)
    {
        IReadOnlyList<byte[]> uplinks;
        byte[]? replay = null;
        long arrived = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            uplinks = Nas.OnDownlink(pdu);
            if (_steps is not null && Nas.LastDownlink is { } name)
            {
                _steps.Add(new StepLatency(name, Stopwatch.GetElapsedTime(_lastUplink, arrived).TotalMilliseconds));
            }
            BindTunnels();
            if (Fault == UeFault.ReplayNas && !_replayed && _procedure == SimProcedure.Registration && Nas.State == UeGmmState.Registered
                && Nas.LastProtectedUplink is { } last)
            {
                _replayed = true;
                replay = last;
            }
        }
        if (_ladder is not null)
        {
            lock (_gate)
            {
                string? down = _traced.Count > 0 && _traced[0][0] == '\u2193' ? _traced[0][1..] : "(discarded)";
                if (_traced.Count > 0 && _traced[0][0] == '\u2193')
                {
                    _traced.RemoveAt(0);
                }
                _ladder.Invoke(new LadderEntry(Index, false, ngapProcedure, down));
                if (ngapAnswer is not null)
                {
                    _ladder.Invoke(new LadderEntry(Index, true, ngapAnswer, null));
                }
            }
        }
        IUeRadio? radio = Radio;
        if (radio is not null)
        {
            foreach (byte[] up in uplinks)
            {
                EmitUplinks("UplinkNASTransport", 1);
                Volatile.Write(ref _lastUplink, Stopwatch.GetTimestamp());
                await radio.SendUplinkNasAsync(this, up, ct);
            }
            if (replay is not null)
            {
                await radio.SendUplinkNasAsync(this, replay, ct);
            }
        }
        CheckDone();
    }

    /// <summary>The gNB answered an Initial Context Setup Request for this UE.</summary>
    public void OnContextSetup()
    {
        lock (_gate)
        {
            ContextSetups++;
        }
    }

    /// <summary>UE Context Release Command: back to 5GMM-IDLE; a procedure still waiting for the network has failed.</summary>
    public void OnContextReleased()
    {
        TaskCompletionSource<ProcedureOutcome>? pending;
        lock (_gate)
        {
            Connected = false;
            Connection = null;
            _tunnels.Clear();
            RanUeNgapId = -1;
            AmfUeNgapId = -1;
            pending = _pending;
            _released?.TrySetResult();
            _released = null;
        }
        CheckDone();
        if (pending is not null)
        {
            Finish(pending, ProcedureResult.Failed, "released");
        }
    }

    private void EmitUplinks(string ngap, int count)
    {
        if (_ladder is null)
        {
            return;
        }
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                string? nas = _traced.Count > 0 ? _traced[0][1..] : "(fault: not a NAS message)";
                if (_traced.Count > 0)
                {
                    _traced.RemoveAt(0);
                }
                _ladder.Invoke(new LadderEntry(Index, true, ngap, nas));
            }
        }
    }

    private void CheckDone()
    {
        TaskCompletionSource<ProcedureOutcome>? pending;
        ProcedureResult result;
        string detail;
        lock (_gate)
        {
            pending = _pending;
            if (pending is null)
            {
                return;
            }
            (result, detail) = (_procedure, Nas.State) switch
            {
                (SimProcedure.PduSessionEstablishment or SimProcedure.PduSessionRelease or SimProcedure.PduSessionModification, _) => SessionOutcome(),
                (_, _) when Nas.AuthenticationRejected => (ProcedureResult.Rejected, "authentication reject"),
                (SimProcedure.Registration, UeGmmState.Registered) => (ProcedureResult.Succeeded, ""),
                (SimProcedure.Registration, UeGmmState.Deregistered) when Nas.RejectCause != 0 => (ProcedureResult.Rejected, "#" + Nas.RejectCause),
                (SimProcedure.Registration, UeGmmState.Deregistered) when Nas.LastFailureCause == 23 => (ProcedureResult.Failed, "security mode reject #23"),
                (SimProcedure.Deregistration, UeGmmState.Deregistered) => (ProcedureResult.Succeeded, ""),
                (SimProcedure.ServiceRequest, UeGmmState.Registered) when Nas.ServiceRejectCause != 0 => (ProcedureResult.Rejected, "#" + Nas.ServiceRejectCause),
                (SimProcedure.ServiceRequest, UeGmmState.Registered) => (ProcedureResult.Succeeded, ""),
                (SimProcedure.ServiceRequest, UeGmmState.Deregistered) => (ProcedureResult.Rejected, "#" + Nas.ServiceRejectCause),
                _ => (ProcedureResult.Failed, ""),
            };
            if (result == ProcedureResult.Failed)
            {
                return;
            }
        }
        Finish(pending, result, detail);
    }

    /// <summary>Where the UE's 5GSM procedure on <see cref="_psi"/> stands; Failed means "still waiting". Under the lock.</summary>
    private (ProcedureResult, string) SessionOutcome()
    {
        if (!Nas.PduSessions.TryGetValue(_psi, out var s))
        {
            return (ProcedureResult.Failed, "");
        }
        return (_procedure, s.State) switch
        {
            (SimProcedure.PduSessionEstablishment, UePduSessionState.Active) when _userPlane is null || !_tunnels.TryGetValue(_psi, out var t) || t.UeAddress is not null || s.Ipv4Address is null
                => (ProcedureResult.Succeeded, ""),
            (SimProcedure.PduSessionEstablishment, UePduSessionState.Inactive) when s.FiveGmmCause != 0 => (ProcedureResult.Rejected, "5GMM #" + s.FiveGmmCause),
            (SimProcedure.PduSessionEstablishment, UePduSessionState.Inactive) => (ProcedureResult.Rejected, "#" + s.Cause),
            (SimProcedure.PduSessionRelease, UePduSessionState.Inactive) => (ProcedureResult.Succeeded, ""),
            (SimProcedure.PduSessionRelease, UePduSessionState.Active) when s.Cause != 0 => (ProcedureResult.Rejected, "#" + s.Cause),
            (SimProcedure.PduSessionModification, UePduSessionState.Active) when s.Modifications > _modificationsBefore => (ProcedureResult.Succeeded, ""),
            (SimProcedure.PduSessionModification, UePduSessionState.Active) when !s.ModificationRequested && s.Cause != 0 => (ProcedureResult.Rejected, "#" + s.Cause),
            _ => (ProcedureResult.Failed, ""),
        };
    }

    private void Finish(TaskCompletionSource<ProcedureOutcome> tcs, ProcedureResult result, string detail)
    {
        ProcedureOutcome outcome;
        lock (_gate)
        {
            if (!ReferenceEquals(_pending, tcs))
            {
                return;
            }
            _pending = null;
            outcome = new ProcedureOutcome(_procedure, result, detail, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, _steps);
            _steps = null;
        }
        tcs.TrySetResult(outcome);
    }
}
