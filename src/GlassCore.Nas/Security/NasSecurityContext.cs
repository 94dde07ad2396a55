// TS 24.501 §4.4 (NAS security: §4.4.3 NAS COUNT, §4.4.3.3 replay, §4.4.4 integrity, §4.4.5 ciphering) and TS 33.501 §6.4.
using System.Buffers.Binary;
using GlassCore.Security;

namespace GlassCore.Nas;

/// <summary>Which end of the N1 connection a context belongs to: it sends on one direction and receives on the other.</summary>
public enum NasRole : byte
{
    /// <summary>The AMF: sends downlink (DIRECTION 1), receives uplink (DIRECTION 0).</summary>
    Network,
    /// <summary>The UE (or UE simulator): sends uplink, receives downlink.</summary>
    Ue,
}

/// <summary>The outcome of checking a received protected message.</summary>
public enum NasSecurityStatus : byte
{
    Ok,
    /// <summary>Security header type 0: the caller decides whether a plain message is allowed here (§4.4.4.3).</summary>
    NotProtected,
    /// <summary>Not a security-protected 5GMM message, or a header type that is not defined.</summary>
    Malformed,
    /// <summary>The MAC does not verify for the estimated NAS COUNT.</summary>
    MacFailure,
    /// <summary>The MAC verifies only for a NAS COUNT already accepted: a replayed message (TS 33.501 §6.4.3.1). NIA0 has no MAC, so no replay protection (TS 33.501 §D.1).</summary>
    Replay,
    /// <summary>The 24-bit NAS COUNT would wrap: a new 5G NAS security context is needed (TS 33.501 §6.4.3.1).</summary>
    CountExhausted,
}

/// <summary>
/// A 5G NAS security context as both ends use it: K_NASint, K_NASenc, the selected NIA/NEA, and the uplink and downlink
/// NAS COUNTs (16-bit overflow counter and 8-bit sequence number, §4.4.3.1). Not thread-safe: each UE's context is
/// owned by that UE's single event loop. Keys are never logged or exposed.
/// </summary>
public sealed class NasSecurityContext
{
    /// <summary>The highest NAS COUNT value (overflow counter and SQN all ones); the next one would wrap.</summary>
    public const uint MaxCount = 0xFFFFFF;

    private readonly byte[] _kNasInt;
    private readonly byte[] _kNasEnc;
    private uint _sendCount;
    private uint _nextReceiveCount;

    public NasSecurityContext(NasRole role, ReadOnlySpan<byte> kNasInt, ReadOnlySpan<byte> kNasEnc, NasIntegrityAlgorithm integrity, NasCipheringAlgorithm ciphering)
    {
        if (kNasInt.Length != 16 || kNasEnc.Length != 16)
        {
            throw new ArgumentException("K_NASint and K_NASenc are the 128 least significant bits of the KDF output (16 octets)");
        }
        Role = role;
        _kNasInt = kNasInt.ToArray();
        _kNasEnc = kNasEnc.ToArray();
        Integrity = integrity;
        Ciphering = ciphering;
    }

    public NasRole Role { get; }

    public NasIntegrityAlgorithm Integrity { get; }

    public NasCipheringAlgorithm Ciphering { get; }

    /// <summary>BEARER input: the NAS connection identifier, 0 for 3GPP access and 1 for non-3GPP access (TS 33.501 §6.4.3.1).</summary>
    public byte ConnectionIdentifier { get; init; }

    /// <summary>The NAS COUNT the next sent message uses.</summary>
    public uint SendCount { get => _sendCount; set => _sendCount = value <= MaxCount + 1 ? value : throw new ArgumentOutOfRangeException(nameof(value)); }

    /// <summary>The smallest NAS COUNT a received message may have (one more than the last accepted).</summary>
    public uint NextReceiveCount { get => _nextReceiveCount; set => _nextReceiveCount = value <= MaxCount + 1 ? value : throw new ArgumentOutOfRangeException(nameof(value)); }

    public uint UplinkCount => Role == NasRole.Ue ? _sendCount : _nextReceiveCount;

    public uint DownlinkCount => Role == NasRole.Network ? _sendCount : _nextReceiveCount;

    private byte SendDirection => Role == NasRole.Network ? (byte)1 : (byte)0;

    private byte ReceiveDirection => Role == NasRole.Network ? (byte)0 : (byte)1;

    /// <summary>Protects a plain NAS message (§4.4.4.2, §4.4.5): ciphers for header types 2 and 4, adds MAC and SQN, and advances the send count.</summary>
    public NasSecurityStatus TryProtect(ReadOnlySpan<byte> plain, SecurityHeaderType headerType, Span<byte> destination, out int written)
    {
        if (headerType is SecurityHeaderType.PlainNasMessage or > SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext)
        {
            throw new ArgumentOutOfRangeException(nameof(headerType), headerType, "security header types 1 to 4 protect a message");
        }
        written = 0;
        if (_sendCount > MaxCount)
        {
            return NasSecurityStatus.CountExhausted;
        }
        int length = SecurityProtectedNasMessage.HeaderLength + plain.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination needs {length} octets", nameof(destination));
        }
        uint count = _sendCount;
        var d = destination[..length];
        d[0] = 0x7E;
        d[1] = (byte)headerType;
        d[6] = (byte)count;
        plain.CopyTo(d[7..]);
        if (headerType is SecurityHeaderType.IntegrityProtectedAndCiphered or SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext)
        {
            Nea.Apply(Ciphering, _kNasEnc, count, ConnectionIdentifier, SendDirection, d[7..]);
        }
        Nia.ComputeMac(Integrity, _kNasInt, count, ConnectionIdentifier, SendDirection, d[6..], d.Slice(2, 4));
        _sendCount = count + 1;
        written = length;
        return NasSecurityStatus.Ok;
    }

    public byte[] Protect(ReadOnlySpan<byte> plain, SecurityHeaderType headerType)
    {
        var bytes = new byte[SecurityProtectedNasMessage.HeaderLength + plain.Length];
        var status = TryProtect(plain, headerType, bytes, out _);
        return status == NasSecurityStatus.Ok ? bytes : throw new InvalidOperationException("NAS COUNT exhausted: establish a new NAS security context");
    }

    /// <summary>
    /// Checks a received protected message: estimates the NAS COUNT from its SQN (§4.4.3.1), verifies the MAC, rejects
    /// replays, deciphers, and only then advances the receive count. <paramref name="plain"/> is a new buffer.
    /// </summary>
    public NasSecurityStatus Unprotect(ReadOnlySpan<byte> pdu, out byte[] plain, out SecurityHeaderType headerType)
    {
        plain = [];
        headerType = SecurityHeaderType.PlainNasMessage;
        if (pdu.Length < 3 || pdu[0] != 0x7E)
        {
            return NasSecurityStatus.Malformed;
        }
        headerType = (SecurityHeaderType)(pdu[1] & 0x0F);
        if (headerType == SecurityHeaderType.PlainNasMessage)
        {
            return NasSecurityStatus.NotProtected;
        }
        if (headerType > SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext || pdu.Length < SecurityProtectedNasMessage.HeaderLength + 1)
        {
            return NasSecurityStatus.Malformed;
        }
        byte sqn = pdu[6];
        var mac = pdu.Slice(2, 4);
        var macInput = pdu[6..];
        uint next = _nextReceiveCount;
        uint overflow = next >> 8;
        uint estimate = (sqn < (next & 0xFF) ? overflow + 1 : overflow) << 8 | sqn;
        if (estimate > MaxCount)
        {
            return NasSecurityStatus.CountExhausted;
        }
        if (!Nia.Verify(Integrity, _kNasInt, estimate, ConnectionIdentifier, ReceiveDirection, macInput, mac))
        {
            // An SQN below the expected one is either a wrap (checked above) or an old message: if its MAC verifies
            // for the count it had, it is a replay.
            uint old = overflow << 8 | sqn;
            if (Integrity != NasIntegrityAlgorithm.Nia0 && old < next && Nia.Verify(Integrity, _kNasInt, old, ConnectionIdentifier, ReceiveDirection, macInput, mac))
            {
                return NasSecurityStatus.Replay;
            }
            return NasSecurityStatus.MacFailure;
        }
        plain = pdu[SecurityProtectedNasMessage.HeaderLength..].ToArray();
        if (headerType is SecurityHeaderType.IntegrityProtectedAndCiphered or SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext)
        {
            Nea.Apply(Ciphering, _kNasEnc, estimate, ConnectionIdentifier, ReceiveDirection, plain);
        }
        _nextReceiveCount = estimate + 1;
        return NasSecurityStatus.Ok;
    }

    /// <summary>The MAC a message would carry for a given COUNT and direction (for tools that check a single captured message).</summary>
    public uint ComputeMac(ReadOnlySpan<byte> sqnAndMessage, uint count, byte direction)
    {
        Span<byte> mac = stackalloc byte[4];
        Nia.ComputeMac(Integrity, _kNasInt, count, ConnectionIdentifier, direction, sqnAndMessage, mac);
        return BinaryPrimitives.ReadUInt32BigEndian(mac);
    }

    /// <summary>Deciphers or ciphers in place for a given COUNT and direction (for tools).</summary>
    public void ApplyCipher(Span<byte> data, uint count, byte direction) =>
        Nea.Apply(Ciphering, _kNasEnc, count, ConnectionIdentifier, direction, data);
}
