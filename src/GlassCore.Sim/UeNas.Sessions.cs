// TS 24.501 §6.4.1 (UE-requested PDU session establishment), §6.4.2 / §6.3.2 (UE- and network-requested PDU session
// modification), §6.4.3 (UE-requested PDU session release), §6.3.3 (network-requested PDU session release), carried in
// UL/DL NAS transport (§5.4.5.2, §5.4.5.3): the UE's 5GSM side.
using System.Net;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Sim;

/// <summary>§6.1.3.2.1: the UE's 5GSM state of one PDU session.</summary>
public enum UePduSessionState : byte
{
    Inactive,
    ActivePending,
    Active,
    InactivePending,
}

/// <summary>What a simulated UE asks for when it establishes a PDU session (§6.4.1.2).</summary>
public sealed record PduSessionRequest
{
    /// <summary>1 to 15 (§9.4).</summary>
    public byte PduSessionId { get; init; } = 1;

    public string Dnn { get; init; } = "internet";

    /// <summary>Null = the first requested S-NSSAI of the UE's configuration.</summary>
    public SNssaiValue? Slice { get; init; }

    /// <summary>§9.11.4.11: 1 IPv4, 2 IPv6, 3 IPv4v6.</summary>
    public byte PduSessionType { get; init; } = PduAddress.Ipv4;
}

/// <summary>One PDU session as the UE sees it: its 5GSM state and what the network granted or why it refused.</summary>
public sealed class UePduSession(byte pduSessionId, byte procedureTransactionId, PduSessionRequest request)
{
    public byte PduSessionId { get; } = pduSessionId;

    /// <summary>PTI of the procedure under way (0 once it ended or for a network-requested one).</summary>
    public byte ProcedureTransactionId { get; internal set; } = procedureTransactionId;

    public PduSessionRequest Request { get; } = request;

    public UePduSessionState State { get; internal set; } = UePduSessionState.ActivePending;

    /// <summary>§9.11.4.11 selected PDU session type from the accept.</summary>
    public byte SelectedType { get; internal set; }

    public IPAddress? Ipv4Address { get; internal set; }

    /// <summary>§9.11.4.10: the IPv6 interface identifier the network gave (8 octets), empty without IPv6.</summary>
    public ReadOnlyMemory<byte> Ipv6InterfaceIdentifier { get; internal set; }

    /// <summary>The global IPv6 address the simulated UE uses: its /64 prefix (see SimUserPlaneOptions.Ipv6PrefixOf) and
    /// <see cref="Ipv6InterfaceIdentifier"/>; null until the user plane knows the prefix.</summary>
    public IPAddress? Ipv6Address { get; internal set; }

    public QosRule[] QosRules { get; internal set; } = [];

    public ulong AmbrUplinkBps { get; internal set; }

    public ulong AmbrDownlinkBps { get; internal set; }

    /// <summary>QFI of the default QoS rule (the flow uplink traffic goes on), 0 if the accept named none.</summary>
    public byte DefaultQfi { get; internal set; }

    /// <summary>5GSM cause of a reject or of the network's release command; 0 if none.</summary>
    public byte Cause { get; internal set; }

    /// <summary>Set when the AMF could not forward the 5GSM message (DL NAS transport with a 5GMM cause, §5.4.5.3.3).</summary>
    public byte FiveGmmCause { get; internal set; }

    public bool ReleasedByNetwork { get; internal set; }

    /// <summary>PDU Session Modification Commands the UE applied and completed (§6.3.2.3 / §6.4.2.3).</summary>
    public int Modifications { get; internal set; }

    /// <summary>A UE-requested modification is waiting for the network's command or reject.</summary>
    public bool ModificationRequested { get; internal set; }
}

public sealed partial class UeNas
{
    /// <summary>§9.11.3.47 request type "initial request".</summary>
    private const byte InitialRequest = 1;

    /// <summary>§9.11.4.2 #36 regular deactivation: the cause a UE gives when it releases a session itself.</summary>
    public const byte RegularDeactivation = 36;

    private readonly Dictionary<byte, UePduSession> _sessions = [];
    private byte _nextPti;

    /// <summary>The UE's PDU sessions by PDU session ID (active, pending, or the last rejected/released one).</summary>
    public IReadOnlyDictionary<byte, UePduSession> PduSessions => _sessions;

    /// <summary>Sees every 5GSM message in plain form: uplink (true) before it is wrapped, downlink (false) once unwrapped.</summary>
    public Action<bool, FiveGsmMessage>? SmTrace { get; set; }

    /// <summary>
    /// §6.4.1.2: PDU Session Establishment Request (integrity protection maximum data rate "full data rate" both ways,
    /// the requested PDU session type, SSC mode 1) inside UL NAS transport with request type "initial request", the DNN and S-NSSAI.
    /// </summary>
    public byte[] StartPduSessionEstablishment(PduSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_nas is null || State is not (UeGmmState.Registered or UeGmmState.ServiceRequestInitiated))
        {
            throw new InvalidOperationException("PDU session establishment needs a registered UE with a NAS security context");
        }
        if (request.PduSessionId is 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "PDU session ID 1 to 15");
        }
        if (request.PduSessionType is not (PduAddress.Ipv4 or PduAddress.Ipv6 or PduAddress.Ipv4v6))
        {
            throw new ArgumentOutOfRangeException(nameof(request), "PDU session type 1 (IPv4), 2 (IPv6) or 3 (IPv4v6)");
        }
        byte pti = NextPti();
        var session = new UePduSession(request.PduSessionId, pti, request);
        _sessions[request.PduSessionId] = session;
        var sm = new PduSessionEstablishmentRequest
        {
            PduSessionId = request.PduSessionId,
            ProcedureTransactionId = pti,
            // §9.11.4.7: 0xFF = full data rate for uplink and downlink.
            IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
            PduSessionType = new HalfOctet(request.PduSessionType),
            SscMode = new HalfOctet(1),
        };
        SNssaiValue slice = request.Slice ?? (config.RequestedNssai.Count > 0 ? config.RequestedNssai[0] : new SNssaiValue(1));
        var ul = SmTransport(sm, request.PduSessionId);
        ul.RequestType = new HalfOctet(InitialRequest);
        ul.SNssai = SNssai.Create(slice);
        ul.Dnn = Nas.Ies.Dnn.Create(request.Dnn);
        return Send(ul)[0];
    }

    /// <summary>§6.4.3.2: PDU Session Release Request (#36 regular deactivation) for an active session.</summary>
    public byte[] StartPduSessionRelease(byte pduSessionId)
    {
        if (_nas is null || !_sessions.TryGetValue(pduSessionId, out var session) || session.State != UePduSessionState.Active)
        {
            throw new InvalidOperationException($"PDU session {pduSessionId} is not active");
        }
        session.ProcedureTransactionId = NextPti();
        session.State = UePduSessionState.InactivePending;
        var sm = new PduSessionReleaseRequest
        {
            PduSessionId = pduSessionId,
            ProcedureTransactionId = session.ProcedureTransactionId,
            Cause = OctetValue.Create(RegularDeactivation),
        };
        return Send(SmTransport(sm, pduSessionId))[0];
    }

    /// <summary>§6.4.2.2: PDU Session Modification Request for an active session (asking the network to re-authorize its QoS).</summary>
    public byte[] StartPduSessionModification(byte pduSessionId)
    {
        if (_nas is null || !_sessions.TryGetValue(pduSessionId, out var session) || session.State != UePduSessionState.Active)
        {
            throw new InvalidOperationException($"PDU session {pduSessionId} is not active");
        }
        session.ProcedureTransactionId = NextPti();
        session.ModificationRequested = true;
        session.Cause = 0;
        var sm = new PduSessionModificationRequest
        {
            PduSessionId = pduSessionId,
            ProcedureTransactionId = session.ProcedureTransactionId,
        };
        return Send(SmTransport(sm, pduSessionId))[0];
    }

    /// <summary>§9.6: PTI values 1 to 254 are for UE-requested procedures.</summary>
    private byte NextPti()
    {
        _nextPti = (byte)(_nextPti % 254 + 1);
        return _nextPti;
    }

    private UlNasTransport SmTransport(FiveGsmMessage sm, byte pduSessionId)
    {
        SmTrace?.Invoke(true, sm);
        return new UlNasTransport
        {
            PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
            PayloadContainer = new PayloadContainer(sm.ToArray()),
            PduSessionId = OctetValue.Create(pduSessionId),
        };
    }

    /// <summary>§5.4.5.3: a DL NAS transport. N1 SM information goes to the session it names; a 5GMM cause without
    /// a 5GSM message means the AMF could not forward the UE's last 5GSM message (§5.4.5.2.5).</summary>
    private IReadOnlyList<byte[]> HandleDlNasTransport(DlNasTransport dl)
    {
        if (dl.PayloadContainerType.Value != PayloadContainerTypes.N1SmInformation || dl.PduSessionId is not { } psiIe)
        {
            return [];
        }
        byte psi = psiIe.Octet;
        if (dl.Cause is { } gmmCause)
        {
            // §5.4.5.3.3: the container returns the UE's own 5GSM message, which the AMF could not forward.
            if (_sessions.TryGetValue(psi, out var pending) && pending.State == UePduSessionState.ActivePending)
            {
                pending.FiveGmmCause = gmmCause.Octet;
                pending.State = UePduSessionState.Inactive;
            }
            return [];
        }
        if (!NasMessage.TryDecode(dl.PayloadContainer.Value, out var decoded, out _) || decoded is not FiveGsmMessage sm)
        {
            return Discard();
        }
        SmTrace?.Invoke(false, sm);
        return sm switch
        {
            PduSessionEstablishmentAccept accept => HandleEstablishmentAccept(psi, accept),
            PduSessionEstablishmentReject reject => HandleEstablishmentReject(psi, reject),
            PduSessionReleaseCommand command => HandleReleaseCommand(psi, command),
            PduSessionReleaseReject rr => HandleReleaseReject(psi, rr),
            PduSessionModificationCommand mc => HandleModificationCommand(psi, mc),
            PduSessionModificationReject mr => HandleModificationReject(psi, mr),
            _ => [],
        };
    }

    /// <summary>§6.4.1.3: the session becomes active with the address, QoS rules and session-AMBR the network gave.</summary>
    private IReadOnlyList<byte[]> HandleEstablishmentAccept(byte psi, PduSessionEstablishmentAccept accept)
    {
        if (!_sessions.TryGetValue(psi, out var s) || s.State != UePduSessionState.ActivePending || s.ProcedureTransactionId != accept.ProcedureTransactionId)
        {
            // §7.3.1: an accept for no pending request is answered with 5GSM status #47 "PTI mismatch".
            return SmStatus(psi, accept.ProcedureTransactionId, 47);
        }
        s.State = UePduSessionState.Active;
        s.ProcedureTransactionId = 0;
        s.SelectedType = accept.SelectedPduSessionType.Value;
        s.Cause = accept.Cause?.Octet ?? 0;
        if (accept.PduAddress is { } address)
        {
            s.Ipv4Address = address.Ipv4Address;
            s.Ipv6InterfaceIdentifier = address.Ipv6InterfaceIdentifier.ToArray();
        }
        s.QosRules = accept.AuthorizedQosRules.ToArray();
        s.DefaultQfi = s.QosRules.FirstOrDefault(r => r.DefaultQosRule)?.Qfi ?? 0;
        s.AmbrUplinkBps = accept.SessionAmbr.UplinkBitsPerSecond;
        s.AmbrDownlinkBps = accept.SessionAmbr.DownlinkBitsPerSecond;
        return [];
    }

    private IReadOnlyList<byte[]> HandleEstablishmentReject(byte psi, PduSessionEstablishmentReject reject)
    {
        if (_sessions.TryGetValue(psi, out var s) && s.State == UePduSessionState.ActivePending)
        {
            s.State = UePduSessionState.Inactive;
            s.Cause = reject.Cause.Octet;
            s.ProcedureTransactionId = 0;
        }
        return [];
    }

    /// <summary>§6.3.3.3 / §6.4.3.3: release the session and answer with PDU Session Release Complete.</summary>
    private IReadOnlyList<byte[]> HandleReleaseCommand(byte psi, PduSessionReleaseCommand command)
    {
        if (_sessions.TryGetValue(psi, out var s))
        {
            s.ReleasedByNetwork = s.State != UePduSessionState.InactivePending;
            s.State = UePduSessionState.Inactive;
            s.Cause = command.Cause.Octet;
            s.ProcedureTransactionId = 0;
        }
        var complete = new PduSessionReleaseComplete { PduSessionId = psi, ProcedureTransactionId = command.ProcedureTransactionId };
        return Send(SmTransport(complete, psi));
    }

    private IReadOnlyList<byte[]> HandleReleaseReject(byte psi, PduSessionReleaseReject rr)
    {
        if (_sessions.TryGetValue(psi, out var s) && s.State == UePduSessionState.InactivePending)
        {
            s.State = UePduSessionState.Active;
            s.Cause = rr.Cause.Octet;
        }
        return [];
    }

    /// <summary>§6.3.2.3 / §6.4.2.3: apply the new session AMBR and QoS rules and answer with PDU Session Modification
    /// Complete; a command for a session that is not active is refused with Modification Command Reject #43.</summary>
    private IReadOnlyList<byte[]> HandleModificationCommand(byte psi, PduSessionModificationCommand command)
    {
        if (!_sessions.TryGetValue(psi, out var s) || s.State != UePduSessionState.Active)
        {
            var reject = new PduSessionModificationCommandReject
            {
                PduSessionId = psi,
                ProcedureTransactionId = command.ProcedureTransactionId,
                Cause = OctetValue.Create(InvalidPduSessionIdentity),
            };
            return Send(SmTransport(reject, psi));
        }
        if (command.SessionAmbr is { } ambr)
        {
            s.AmbrUplinkBps = ambr.UplinkBitsPerSecond;
            s.AmbrDownlinkBps = ambr.DownlinkBitsPerSecond;
        }
        if (command.AuthorizedQosRules is { } rules)
        {
            QosRule[] updated = rules.ToArray();
            s.QosRules = [.. s.QosRules.Where(r => !updated.Any(u => u.Identifier == r.Identifier)), .. updated];
            s.DefaultQfi = s.QosRules.FirstOrDefault(r => r.DefaultQosRule)?.Qfi ?? s.DefaultQfi;
        }
        s.Cause = command.Cause?.Octet ?? 0;
        s.ModificationRequested = false;
        s.ProcedureTransactionId = 0;
        s.Modifications++;
        var complete = new PduSessionModificationComplete { PduSessionId = psi, ProcedureTransactionId = command.ProcedureTransactionId };
        return Send(SmTransport(complete, psi));
    }

    private IReadOnlyList<byte[]> HandleModificationReject(byte psi, PduSessionModificationReject reject)
    {
        if (_sessions.TryGetValue(psi, out var s) && s.ModificationRequested)
        {
            s.ModificationRequested = false;
            s.Cause = reject.Cause.Octet;
            s.ProcedureTransactionId = 0;
        }
        return [];
    }

    /// <summary>§9.11.4.2 #43 invalid PDU session identity.</summary>
    private const byte InvalidPduSessionIdentity = 43;

    private IReadOnlyList<byte[]> SmStatus(byte psi, byte pti, byte cause) =>
        Send(SmTransport(new FiveGsmStatus { PduSessionId = psi, ProcedureTransactionId = pti, Cause = OctetValue.Create(cause) }, psi));

    /// <summary>§9.11.3.44: the PDU session status bitmap of the sessions the UE holds active (bit n = PSI n).</summary>
    public ushort ActivePduSessionMask()
    {
        ushort mask = 0;
        foreach (var s in _sessions.Values)
        {
            if (s.State is UePduSessionState.Active or UePduSessionState.InactivePending)
            {
                mask |= (ushort)(1 << s.PduSessionId);
            }
        }
        return mask;
    }

    /// <summary>A message's name, with the 5GSM message inside UL/DL NAS transport (for ladders).</summary>
    public static string Describe(FiveGmmMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        ReadOnlyMemory<byte> inner = m switch
        {
            UlNasTransport { PayloadContainerType.Value: PayloadContainerTypes.N1SmInformation } ul => ul.PayloadContainer.Value,
            DlNasTransport { PayloadContainerType.Value: PayloadContainerTypes.N1SmInformation } dl => dl.PayloadContainer.Value,
            _ => default,
        };
        return !inner.IsEmpty && NasMessage.TryDecode(inner, out var sm, out _) ? $"{m.Name} ({sm.Name})" : m.Name;
    }
}
