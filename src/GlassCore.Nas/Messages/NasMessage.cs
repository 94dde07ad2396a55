// TS 24.501 §8 (message functional definitions) and TS 24.007 §11.2: the IE-table-driven codec shared by every message.
using System.Diagnostics.CodeAnalysis;
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Why an optional IE was kept as raw octets instead of a typed property (§7.6.1, §7.6.3, §7.7.2).</summary>
public enum RawIeReason : byte
{
    /// <summary>An IEI this message does not define, not comprehension required: ignored, kept for re-encoding.</summary>
    Unknown,
    /// <summary>A repeated IE that may not repeat: only the first counts.</summary>
    Duplicate,
    /// <summary>Syntactically incorrect optional IE: treated as not present.</summary>
    Invalid,
    /// <summary>The message ends inside this IE: treated as not present.</summary>
    Truncated,
}

/// <summary>An IE that is not one of the message's typed properties, with its full octets (IEI, length and value).</summary>
public readonly record struct RawIe(byte Iei, ReadOnlyMemory<byte> Bytes, RawIeReason Reason);

/// <summary>Anything that can stand at the top of a NAS PDU: a plain message or a security-protected one.</summary>
public abstract class NasPdu : INasEncodable
{
    public const byte FiveGmmDiscriminator = 0x7E;
    public const byte FiveGsmDiscriminator = 0x2E;

    public abstract byte ExtendedProtocolDiscriminator { get; }

    public abstract int GetEncodedLength();

    public abstract void Encode(ref NasWriter writer);

    /// <summary>Decodes any 5GS NAS PDU: a plain 5GMM/5GSM message or a security-protected 5GMM envelope (§9.1).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> pdu, [NotNullWhen(true)] out NasPdu? result, out NasError error)
    {
        var span = pdu.Span;
        result = null;
        if (span.Length < 3)
        {
            error = NasError.TooShort(span.Length);
            return false;
        }
        if (span[0] == FiveGmmDiscriminator && (span[1] & 0x0F) != 0)
        {
            if (SecurityProtectedNasMessage.TryDecode(pdu, out var protectedMessage, out error))
            {
                result = protectedMessage;
                return true;
            }
            return false;
        }
        if (NasMessage.TryDecode(pdu, out var plain, out error))
        {
            result = plain;
            return true;
        }
        return false;
    }
}

/// <summary>
/// A plain 5GMM or 5GSM message. Each IE of the message's table (§8.2, §8.3) has a slot; the typed properties of the
/// derived classes read and write those slots. Decoded values are slices of the received octets, so a decoded
/// message re-encodes to the same octets: the order of optional IEs as received and unknown IEs are kept too.
/// </summary>
public abstract class NasMessage : NasPdu
{
    private readonly IeSlot[] _slots;
    private short[]? _wireOrder;
    private List<RawIe>? _rawIes;

    protected NasMessage(MessageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _slots = new IeSlot[layout.Ies.Count];
    }

    public MessageLayout Layout { get; }

    public byte MessageType => Layout.MessageType;

    public string Name => Layout.Name;

    internal abstract int HeaderLength { get; }

    internal abstract void WriteHeader(ref NasWriter writer);

    /// <summary>Optional IEs kept as octets (unknown, repeated, invalid or truncated ones).</summary>
    public IReadOnlyList<RawIe> RawIes => (IReadOnlyList<RawIe>?)_rawIes ?? [];

    public IeSlot GetSlot(int index) => _slots[index];

    /// <summary>Sets or clears (default slot) an IE by its row in the message's IE table.</summary>
    public void SetSlot(int index, IeSlot slot)
    {
        _slots[index] = slot;
        if (_wireOrder is not null && slot.IsPresent && index >= Layout.MandatoryCount && Array.IndexOf(_wireOrder, (short)index) < 0)
        {
            _wireOrder = [.. _wireOrder, (short)index];
        }
    }

    /// <summary>From now on optional IEs are encoded in the order they are set (as a decoder keeps the order received).</summary>
    internal void KeepSetOrder() => _wireOrder ??= CanonicalOrder();

    /// <summary>Appends an IE the message table does not define (e.g. from a later release), kept in order.</summary>
    public void AddRawIe(RawIe ie)
    {
        _rawIes ??= [];
        _rawIes.Add(ie);
        _wireOrder ??= CanonicalOrder();
        _wireOrder = [.. _wireOrder, (short)~(_rawIes.Count - 1)];
    }

    /// <summary>The IE rows and raw IEs in the order they are encoded: mandatory first, then as received (or table order).</summary>
    public IEnumerable<(int Index, RawIe? Raw)> OptionalOrder()
    {
        short[] order = _wireOrder ?? CanonicalOrder();
        foreach (short o in order)
        {
            if (o >= 0)
            {
                if (_slots[o].IsPresent)
                {
                    yield return (o, null);
                }
            }
            else
            {
                yield return (-1, _rawIes![~o]);
            }
        }
    }

    private short[] CanonicalOrder()
    {
        var list = new List<short>();
        for (int i = Layout.MandatoryCount; i < _slots.Length; i++)
        {
            if (_slots[i].IsPresent)
            {
                list.Add((short)i);
            }
        }
        return [.. list];
    }

    protected T Get<T>(int index) where T : struct, INasIe<T> => T.FromSlot(_slots[index]);

    protected T? GetOptional<T>(int index) where T : struct, INasIe<T> => _slots[index].IsPresent ? T.FromSlot(_slots[index]) : null;

    protected void Set<T>(int index, T value) where T : struct, INasIe<T> => SetSlot(index, value.ToSlot());

    protected void SetOptional<T>(int index, T? value) where T : struct, INasIe<T> => SetSlot(index, value is T v ? v.ToSlot() : default);

    /// <summary>Decodes a plain message (5GMM or 5GSM). The security header nibble of a 5GMM message is kept as received, not checked.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> pdu, [NotNullWhen(true)] out NasMessage? message, out NasError error)
    {
        var r = new NasReader(pdu);
        return TryDecode(ref r, out message, out error);
    }

    public static bool TryDecode(ref NasReader reader, [NotNullWhen(true)] out NasMessage? message, out NasError error)
    {
        message = null;
        int start = reader.Offset;
        if (!reader.TryReadByte(out byte epd))
        {
            error = NasError.TooShort(start);
            return false;
        }
        if (epd == FiveGmmDiscriminator)
        {
            if (!reader.TryReadByte(out byte sht) || !reader.TryReadByte(out byte type))
            {
                error = NasError.TooShort(reader.Offset);
                return false;
            }
            var mm = NasMessageRegistry.CreateFiveGmm(type);
            if (mm is null)
            {
                error = new NasError(NasErrorKind.MessageTypeNonExistent, NasCauses.MessageTypeNonExistent, start + 2);
                return false;
            }
            mm.SecurityHeaderOctet = sht;
            message = mm;
        }
        else if (epd == FiveGsmDiscriminator)
        {
            if (!reader.TryReadByte(out byte psi) || !reader.TryReadByte(out byte pti) || !reader.TryReadByte(out byte type))
            {
                error = NasError.TooShort(reader.Offset);
                return false;
            }
            var sm = NasMessageRegistry.CreateFiveGsm(type);
            if (sm is null)
            {
                error = new NasError(NasErrorKind.MessageTypeNonExistent, NasCauses.MessageTypeNonExistent, start + 3);
                return false;
            }
            sm.PduSessionId = psi;
            sm.ProcedureTransactionId = pti;
            message = sm;
        }
        else
        {
            error = new NasError(NasErrorKind.UnknownProtocolDiscriminator, NasCauses.ProtocolErrorUnspecified, start);
            return false;
        }
        if (!message.TryDecodeBody(ref reader, out error))
        {
            message = null;
            return false;
        }
        return true;
    }

    private bool TryDecodeBody(ref NasReader r, out NasError error)
    {
        var layout = Layout;
        int pendingHigh = -1;
        for (int i = 0; i < layout.MandatoryCount; i++)
        {
            var spec = layout[i];
            int start = r.Offset;
            IeSlot slot;
            bool ok;
            ReadOnlyMemory<byte> value = default;
            switch (spec.Format)
            {
                case IeFormat.VHalf:
                    if (pendingHigh >= 0)
                    {
                        slot = IeSlot.OfNibble((byte)pendingHigh);
                        pendingHigh = -1;
                        ok = true;
                    }
                    else
                    {
                        ok = r.TryReadByte(out byte b);
                        slot = IeSlot.OfNibble((byte)(b & 0x0F));
                        pendingHigh = b >> 4;
                    }
                    break;
                case IeFormat.V:
                    ok = r.TryReadSlice(spec.FixedLength, out value);
                    slot = IeSlot.Of(value);
                    break;
                case IeFormat.Lv:
                    ok = r.TryReadByte(out byte l) && r.TryReadSlice(l, out value);
                    slot = IeSlot.Of(value);
                    break;
                default:
                    ok = r.TryReadUInt16(out ushort le) && r.TryReadSlice(le, out value);
                    slot = IeSlot.Of(value);
                    break;
            }
            if (!ok || !IeValidation.IsValid(spec, slot))
            {
                error = NasError.Mandatory(start);
                return false;
            }
            _slots[i] = slot;
        }
        if (!r.IsEmpty)
        {
            int remaining = r.Remaining;
            Span<short> order = remaining <= 256 ? stackalloc short[remaining] : new short[remaining];
            int count = 0, last = -1;
            bool canonical = true;
            while (!r.IsEmpty)
            {
                int start = r.Offset;
                r.TryPeek(out byte first);
                int idx = layout.Find(first);
                IeFormat format;
                int fixedLength = 0;
                if (idx >= 0)
                {
                    format = layout[idx].Format;
                    fixedLength = layout[idx].FixedLength;
                }
                else
                {
                    format = first >= 0x80 ? IeFormat.Tv1 : (first & 0xF0) == 0x70 ? IeFormat.TlvE : IeFormat.Tlv;
                }
                bool complete = TryReadOptional(ref r, format, fixedLength, out var slot);
                if (idx < 0 && first < 0x10 && complete)
                {
                    // TS 24.007 §11.2.4: an IEI with bits 5-8 all zero is comprehension required (§7.6.1).
                    // Trailing octets too short to be any IE (e.g. a stray 0x00) are kept as a truncated IE instead.
                    error = new NasError(NasErrorKind.UnknownComprehensionRequiredIe, NasCauses.InvalidMandatoryInformation, start, first);
                    return false;
                }
                if (!complete)
                {
                    r.ReadRest();
                    AddRaw(new RawIe(first, r.Whole[start..], RawIeReason.Truncated), ref order, ref count);
                    canonical = false;
                    break;
                }
                var whole = r.Whole[start..r.Offset];
                if (idx < 0)
                {
                    AddRaw(new RawIe(first, whole, RawIeReason.Unknown), ref order, ref count);
                    canonical = false;
                }
                else if (_slots[idx].IsPresent)
                {
                    AddRaw(new RawIe(first, whole, RawIeReason.Duplicate), ref order, ref count);
                    canonical = false;
                }
                else if (!IeValidation.IsValid(layout[idx], slot))
                {
                    AddRaw(new RawIe(first, whole, RawIeReason.Invalid), ref order, ref count);
                    canonical = false;
                }
                else
                {
                    _slots[idx] = slot;
                    order[count++] = (short)idx;
                    canonical &= idx > last;
                    last = idx;
                }
            }
            if (!canonical)
            {
                _wireOrder = order[..count].ToArray();
            }
        }
        error = ValidateMessage();
        return !error.IsError;
    }

    private void AddRaw(RawIe ie, ref Span<short> order, ref int count)
    {
        _rawIes ??= [];
        _rawIes.Add(ie);
        order[count++] = (short)~(_rawIes.Count - 1);
    }

    private static bool TryReadOptional(ref NasReader r, IeFormat format, int fixedLength, out IeSlot slot)
    {
        slot = default;
        r.TryReadByte(out byte iei);
        ReadOnlyMemory<byte> value;
        switch (format)
        {
            case IeFormat.Tv1:
                slot = IeSlot.OfNibble((byte)(iei & 0x0F));
                return true;
            case IeFormat.Tv:
                if (!r.TryReadSlice(fixedLength, out value))
                {
                    return false;
                }
                break;
            case IeFormat.Tlv:
                if (!r.TryReadByte(out byte l) || !r.TryReadSlice(l, out value))
                {
                    return false;
                }
                break;
            default:
                if (!r.TryReadUInt16(out ushort le) || !r.TryReadSlice(le, out value))
                {
                    return false;
                }
                break;
        }
        slot = IeSlot.Of(value);
        return true;
    }

    /// <summary>Checks across IEs after decoding (§7.5); none by default.</summary>
    internal virtual NasError ValidateMessage() => default;

    public sealed override int GetEncodedLength()
    {
        var layout = Layout;
        int length = HeaderLength;
        int halves = 0;
        for (int i = 0; i < layout.MandatoryCount; i++)
        {
            var spec = layout[i];
            var slot = _slots[i];
            if (!slot.IsPresent && spec.Kind != IeKind.Spare)
            {
                throw new InvalidOperationException($"{Name}: mandatory IE '{spec.Name}' is not set");
            }
            length += spec.Format switch
            {
                IeFormat.VHalf => (halves++ & 1) == 0 ? 1 : 0,
                IeFormat.V => spec.FixedLength,
                IeFormat.Lv => 1 + slot.Value.Length,
                _ => 2 + slot.Value.Length,
            };
        }
        if (_wireOrder is null)
        {
            for (int i = layout.MandatoryCount; i < _slots.Length; i++)
            {
                if (_slots[i].IsPresent)
                {
                    length += OptionalLength(layout[i], _slots[i]);
                }
            }
        }
        else
        {
            foreach (short o in _wireOrder)
            {
                length += o >= 0 ? (_slots[o].IsPresent ? OptionalLength(layout[o], _slots[o]) : 0) : _rawIes![~o].Bytes.Length;
            }
        }
        return length;
    }

    private static int OptionalLength(IeSpec spec, in IeSlot slot) => spec.Format switch
    {
        IeFormat.Tv1 => 1,
        IeFormat.Tv => 1 + spec.FixedLength,
        IeFormat.Tlv => 2 + slot.Value.Length,
        _ => 3 + slot.Value.Length,
    };

    public sealed override void Encode(ref NasWriter writer)
    {
        var layout = Layout;
        WriteHeader(ref writer);
        int pendingLow = -1;
        for (int i = 0; i < layout.MandatoryCount; i++)
        {
            var spec = layout[i];
            var slot = _slots[i];
            switch (spec.Format)
            {
                case IeFormat.VHalf:
                    if (pendingLow < 0)
                    {
                        pendingLow = slot.Nibble;
                        if (i + 1 >= layout.MandatoryCount || layout[i + 1].Format != IeFormat.VHalf)
                        {
                            writer.WriteByte((byte)pendingLow);
                            pendingLow = -1;
                        }
                    }
                    else
                    {
                        writer.WriteByte((byte)(slot.Nibble << 4 | pendingLow));
                        pendingLow = -1;
                    }
                    break;
                case IeFormat.V:
                    CheckFixed(spec, slot);
                    writer.Write(slot.Value.Span);
                    break;
                case IeFormat.Lv:
                    CheckLength(spec, slot, 255);
                    writer.WriteByte((byte)slot.Value.Length);
                    writer.Write(slot.Value.Span);
                    break;
                default:
                    CheckLength(spec, slot, 65535);
                    writer.WriteUInt16(slot.Value.Length);
                    writer.Write(slot.Value.Span);
                    break;
            }
        }
        if (_wireOrder is null)
        {
            for (int i = layout.MandatoryCount; i < _slots.Length; i++)
            {
                if (_slots[i].IsPresent)
                {
                    WriteOptional(ref writer, layout[i], _slots[i]);
                }
            }
        }
        else
        {
            foreach (short o in _wireOrder)
            {
                if (o < 0)
                {
                    writer.Write(_rawIes![~o].Bytes.Span);
                }
                else if (_slots[o].IsPresent)
                {
                    WriteOptional(ref writer, layout[o], _slots[o]);
                }
            }
        }
    }

    private void WriteOptional(ref NasWriter writer, IeSpec spec, in IeSlot slot)
    {
        switch (spec.Format)
        {
            case IeFormat.Tv1:
                writer.WriteByte((byte)(spec.Iei | slot.Nibble));
                break;
            case IeFormat.Tv:
                CheckFixed(spec, slot);
                writer.WriteByte(spec.Iei);
                writer.Write(slot.Value.Span);
                break;
            case IeFormat.Tlv:
                CheckLength(spec, slot, 255);
                writer.WriteByte(spec.Iei);
                writer.WriteByte((byte)slot.Value.Length);
                writer.Write(slot.Value.Span);
                break;
            default:
                CheckLength(spec, slot, 65535);
                writer.WriteByte(spec.Iei);
                writer.WriteUInt16(slot.Value.Length);
                writer.Write(slot.Value.Span);
                break;
        }
    }

    private void CheckFixed(IeSpec spec, in IeSlot slot)
    {
        if (slot.Value.Length != spec.FixedLength)
        {
            throw new InvalidOperationException($"{Name}: IE '{spec.Name}' must have {spec.FixedLength} value octets, has {slot.Value.Length}");
        }
    }

    private void CheckLength(IeSpec spec, in IeSlot slot, int max)
    {
        if (slot.Value.Length > max)
        {
            throw new InvalidOperationException($"{Name}: IE '{spec.Name}' value of {slot.Value.Length} octets exceeds {max}");
        }
    }
}

/// <summary>A plain 5GMM message (§9.1): EPD 0x7E, spare half octet and security header type, message type.</summary>
public abstract class FiveGmmMessage(MessageLayout layout) : NasMessage(layout)
{
    public sealed override byte ExtendedProtocolDiscriminator => FiveGmmDiscriminator;

    /// <summary>Octet 2 as received (spare half octet and security header type; 0 in a plain message, kept for re-encoding).</summary>
    public byte SecurityHeaderOctet { get; set; }

    internal sealed override int HeaderLength => 3;

    internal sealed override void WriteHeader(ref NasWriter writer)
    {
        writer.WriteByte(FiveGmmDiscriminator);
        writer.WriteByte(SecurityHeaderOctet);
        writer.WriteByte(MessageType);
    }
}

/// <summary>A plain 5GSM message (§9.1): EPD 0x2E, PDU session identity, procedure transaction identity, message type.</summary>
public abstract class FiveGsmMessage(MessageLayout layout) : NasMessage(layout)
{
    public sealed override byte ExtendedProtocolDiscriminator => FiveGsmDiscriminator;

    public byte PduSessionId { get; set; }

    public byte ProcedureTransactionId { get; set; }

    internal sealed override int HeaderLength => 4;

    internal sealed override void WriteHeader(ref NasWriter writer)
    {
        writer.WriteByte(FiveGsmDiscriminator);
        writer.WriteByte(PduSessionId);
        writer.WriteByte(ProcedureTransactionId);
        writer.WriteByte(MessageType);
    }
}
