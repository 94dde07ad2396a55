// Style anchor #7 and TS 24.501 §4.4.4-§4.4.5 (protection of sent messages), §4.4.4.3 (checks on received ones),
// §10.2 (T3550/T3560/T3570/T3522/T3555 retransmission): the AMF's N1 path for one UE. Owned by that UE's mailbox task.
using GlassCore.Nas;
using GlassCore.Nas.Messages;

namespace GlassCore.Amf.Gmm;

/// <summary>What happened to an uplink NAS-PDU on its way in.</summary>
public enum UplinkVerdict : byte
{
    Accepted,
    Replay,
    MacFailure,
    Malformed,
    /// <summary>Not integrity protected where §4.4.4.3 requires it.</summary>
    Unprotected,
}

public sealed class NasPath(AmfUeContext ue, AmfConfiguration config, INasDownlink downlink, TimeProvider time, Action<UeEvent> post)
{
    private readonly Guarded?[] _guarded = new Guarded?[Enum.GetValues<NasTimer>().Length];
    private long _generation;

    private sealed class Guarded(byte[] plain, SecurityHeaderType header, ITimer timer, long generation)
    {
        public byte[] Plain { get; } = plain;
        public SecurityHeaderType Header { get; } = header;
        public ITimer Timer { get; set; } = timer;
        public long Generation { get; set; } = generation;
        public int Retransmissions { get; set; }
    }

    /// <summary>
    /// Protects <paramref name="message"/> as the security state requires (plain before Security Mode Command, header
    /// type 3 for the command itself, type 2 after) and sends it; with a guard timer, keeps it for retransmission.
    /// </summary>
    public async ValueTask SendAsync(FiveGmmMessage message, NasTimer? guard, CancellationToken ct, bool initialContextSetup = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[] plain = message.ToArray();
        var header = ue.Nas is null ? SecurityHeaderType.PlainNasMessage
            : message is SecurityModeCommand ? SecurityHeaderType.IntegrityProtectedWithNewSecurityContext
            : SecurityHeaderType.IntegrityProtectedAndCiphered;
        if (guard is { } t)
        {
            Stop(t);
            long gen = ++_generation;
            var timer = time.CreateTimer(_ => post(new TimerExpiredEvent(ue.AmfUeNgapId, t, gen)), null, Duration(t), Timeout.InfiniteTimeSpan);
            _guarded[(int)t] = new Guarded(plain, header, timer, gen);
        }
        if (initialContextSetup && ue.UeSecurityCapability is { } caps && !ue.Kgnb.IsEmpty)
        {
            byte[] pdu = header == SecurityHeaderType.PlainNasMessage ? plain : ue.Nas!.Protect(plain, header);
            var info = new InitialContextSetupInfo(ue.Kgnb, caps, ue.AllowedNssai) { PduSessions = ue.TakeContextSetupSessions(), UeAmbr = SubscribedUeAmbr(ue) };
            ue.RanContextActive = true;
            await downlink.InitialContextSetupAsync(new UeNgapIds(ue.AmfUeNgapId, ue.RanUeNgapId), info, pdu, ct).ConfigureAwait(false);
            return;
        }
        await TransmitAsync(plain, header, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Protects a message that rides inside another NGAP message (the PDU Session NAS-PDU of TS 38.413 §9.2.1.1, the
    /// NAS-PDU of §9.2.1.5) rather than Downlink NAS Transport; nothing is sent and no timer guards it.
    /// </summary>
    public byte[] Seal(FiveGmmMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[] plain = message.ToArray();
        return ue.Nas is { } nas ? nas.Protect(plain, SecurityHeaderType.IntegrityProtectedAndCiphered) : plain;
    }

    /// <summary>A timer expiry: retransmits (with a fresh NAS COUNT), or reports the fifth expiry; null when stale or handled.</summary>
    public async ValueTask<GmmEvent?> OnTimerAsync(TimerExpiredEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var g = _guarded[(int)e.Timer];
        if (g is null || g.Generation != e.Generation)
        {
            return null;
        }
        if (g.Retransmissions >= config.MaxRetransmissions)
        {
            Stop(e.Timer);
            return new GmmRetransmissionExhaustedEvent(e.Timer);
        }
        g.Retransmissions++;
        long gen = ++_generation;
        g.Generation = gen;
        g.Timer.Dispose();
        g.Timer = time.CreateTimer(_ => post(new TimerExpiredEvent(ue.AmfUeNgapId, e.Timer, gen)), null, Duration(e.Timer), Timeout.InfiniteTimeSpan);
        await TransmitAsync(g.Plain, g.Header, ct).ConfigureAwait(false);
        return null;
    }

    public void Stop(NasTimer timer)
    {
        if (_guarded[(int)timer] is { } g)
        {
            g.Timer.Dispose();
            _guarded[(int)timer] = null;
        }
    }

    public void StopAll()
    {
        for (int i = 0; i < _guarded.Length; i++)
        {
            Stop((NasTimer)i);
        }
    }

    public bool IsRunning(NasTimer timer) => _guarded[(int)timer] is not null;

    private async ValueTask TransmitAsync(byte[] plain, SecurityHeaderType header, CancellationToken ct)
    {
        byte[] pdu = header == SecurityHeaderType.PlainNasMessage ? plain : ue.Nas!.Protect(plain, header);
        await downlink.SendAsync(new UeNgapIds(ue.AmfUeNgapId, ue.RanUeNgapId), pdu, ct).ConfigureAwait(false);
    }

    private TimeSpan Duration(NasTimer t) => t switch
    {
        NasTimer.T3550 => config.T3550,
        NasTimer.T3560 => config.T3560,
        NasTimer.T3522 => config.T3522,
        NasTimer.T3555 => config.T3555,
        _ => config.T3570,
    };

    /// <summary>
    /// §4.4.4.3 and TS 33.501 §6.4.3: checks and deciphers an uplink NAS-PDU. With a security context, a protected
    /// message must verify and be fresh; without one, only the plain messages of the list in §4.4.4.3 are taken.
    /// </summary>
    public UplinkVerdict Receive(ReadOnlyMemory<byte> pdu, out FiveGmmMessage? message, out bool integrityVerified)
    {
        message = null;
        integrityVerified = false;
        var span = pdu.Span;
        if (span.Length < 3 || span[0] != NasPdu.FiveGmmDiscriminator)
        {
            // 5GSM at the top level, or not 5GS NAS at all (§7.3, §9.1.1): ignored.
            return UplinkVerdict.Malformed;
        }
        ReadOnlyMemory<byte> plain;
        var header = (SecurityHeaderType)(span[1] & 0x0F);
        if (header == SecurityHeaderType.PlainNasMessage)
        {
            plain = pdu;
        }
        else if (ue.Nas is { } nas)
        {
            var status = nas.Unprotect(span, out byte[] deciphered, out _);
            switch (status)
            {
                case NasSecurityStatus.Ok:
                    plain = deciphered;
                    integrityVerified = true;
                    break;
                case NasSecurityStatus.Replay:
                    return UplinkVerdict.Replay;
                case NasSecurityStatus.MacFailure:
                    return UplinkVerdict.MacFailure;
                default:
                    return UplinkVerdict.Malformed;
            }
        }
        else if (header is SecurityHeaderType.IntegrityProtected or SecurityHeaderType.IntegrityProtectedWithNewSecurityContext
            && SecurityProtectedNasMessage.TryDecode(pdu, out var env, out _))
        {
            // §4.4.4.3: no context to check it with (e.g. a Registration Request under an old context): treat the
            // plain message inside as not integrity protected; ciphered ones cannot be read and are dropped above.
            plain = env.Payload;
        }
        else
        {
            return UplinkVerdict.Malformed;
        }
        if (!NasMessage.TryDecode(plain, out var decoded, out _) || decoded is not FiveGmmMessage mm)
        {
            return UplinkVerdict.Malformed;
        }
        if (!integrityVerified && !NasIntegrityRules.AmfMayProcessWithoutIntegrity(mm))
        {
            return UplinkVerdict.Unprotected;
        }
        message = mm;
        return UplinkVerdict.Accepted;
    }

    /// <summary>TS 29.503 AccessAndMobilitySubscriptionData.subscribedUeAmbr as bits per second; null when absent or malformed.</summary>
    internal static (ulong Uplink, ulong Downlink)? SubscribedUeAmbr(AmfUeContext ue) =>
        ue.Subscription?.AmData.SubscribedUeAmbr is { } ambr && GlassCore.Sbi.Models.BitRates.Parse(ambr.Uplink) is { } ul
            && GlassCore.Sbi.Models.BitRates.Parse(ambr.Downlink) is { } dl
            ? (ul, dl)
            : null;
}
