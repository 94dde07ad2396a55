// ITU-T X.691 (02/2021) aligned PER encoding: the field procedures of clauses 11 to 30 into a pooled buffer.
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GlassCore.Asn1;

/// <summary>
/// Writes aligned PER into a growing buffer rented from <see cref="ArrayPool{T}"/>. Dispose returns the buffer.
/// Values that break their constraint are caller bugs and throw <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public ref struct PerWriter
{
    private byte[] _buf;
    private long _pos;

    // Bits are OR-ed into the buffer, so every octet up to _zeroed is kept zero past the written end. A rented buffer
    // is cleared lazily, a chunk at a time, so a large caller buffer costs nothing for a small message.
    private int _zeroed;

    public PerWriter(int initialCapacity)
    {
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));
        _pos = 0;
        _zeroed = 0;
    }

    public PerWriter() : this(256)
    {
    }

    public readonly long BitPosition => _pos;

    /// <summary>The complete encoding so far, padded to whole octets with zero bits.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, (int)((_pos + 7) >> 3));

    /// <summary>X.691 §11.1: a complete encoding is at least one octet.</summary>
    public readonly byte[] ToArray() => _pos == 0 ? [0] : WrittenSpan.ToArray();

    public readonly bool TryCopyTo(Span<byte> destination, out int written)
    {
        var span = _pos == 0 ? [0] : WrittenSpan;
        written = span.Length;
        return span.TryCopyTo(destination);
    }

    public void Dispose()
    {
        if (_buf is not null)
        {
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = null!;
        }
    }

    private void Ensure(long bits)
    {
        // Eight octets of zeroed slack past the end let WriteBits merge any field with one 64-bit load and store.
        long needBytes = ((_pos + bits + 7) >> 3) + 9;
        if (needBytes <= _zeroed)
        {
            return;
        }
        Grow(needBytes);
    }

    private void Grow(long needBytes)
    {
        if (needBytes > _buf.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Max(needBytes, _buf.Length * 2L));
            int used = (int)((_pos + 7) >> 3);
            _buf.AsSpan(0, used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
            _zeroed = used;
        }
        int clearTo = (int)Math.Min(_buf.Length, Math.Max(needBytes, (long)_zeroed + 256));
        _buf.AsSpan(_zeroed, clearTo - _zeroed).Clear();
        _zeroed = clearTo;
    }

    public void WriteBit(bool bit)
    {
        Ensure(1);
        if (bit)
        {
            _buf[(int)(_pos >> 3)] |= (byte)(0x80 >> (int)(_pos & 7));
        }
        _pos++;
    }

    /// <summary>Writes the low <paramref name="count"/> (0..64) bits of <paramref name="value"/>, MSB first.</summary>
    public void WriteBits(ulong value, int count)
    {
        Ensure(count);
        if (count == 0)
        {
            return;
        }
        if (count <= 57)
        {
            int index = (int)(_pos >> 3);
            var span = _buf.AsSpan(index, 8);
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(span);
            word |= (value & ((1UL << count) - 1)) << (64 - (int)(_pos & 7) - count);
            BinaryPrimitives.WriteUInt64BigEndian(span, word);
            _pos += count;
            return;
        }
        int left = count;
        while (left > 0)
        {
            int bitInByte = (int)(_pos & 7);
            int take = Math.Min(8 - bitInByte, left);
            ulong chunk = (value >> (left - take)) & ((1UL << take) - 1);
            _buf[(int)(_pos >> 3)] |= (byte)(chunk << (8 - bitInByte - take));
            left -= take;
            _pos += take;
        }
    }

    public void Align()
    {
        _pos = (_pos + 7) & ~7L;
        Ensure(0);
    }

    public void WriteAlignedBytes(ReadOnlySpan<byte> bytes)
    {
        Align();
        Ensure((long)bytes.Length * 8);
        bytes.CopyTo(_buf.AsSpan((int)(_pos >> 3)));
        _pos += (long)bytes.Length * 8;
    }

    private static int BitsForMax(ulong max) => 64 - System.Numerics.BitOperations.LeadingZeroCount(max);

    private static int OctetsFor(ulong v)
    {
        int n = 1;
        while (n < 8 && (v >> (n * 8)) != 0)
        {
            n++;
        }
        return n;
    }

    /// <summary>X.691 §11.5.7: constrained whole number in lb..ub.</summary>
    public void WriteConstrainedWholeNumber(long value, long lb, long ub)
    {
        if (value < lb || value > ub)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"outside {lb}..{ub}");
        }
        WriteConstrainedOffset((ulong)(value - lb), (ulong)(ub - lb));
    }

    /// <summary>X.691 §11.5.7 for unsigned ranges beyond <see cref="long.MaxValue"/>.</summary>
    public void WriteConstrainedWholeNumber(ulong value, ulong lb, ulong ub)
    {
        if (value < lb || value > ub)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"outside {lb}..{ub}");
        }
        WriteConstrainedOffset(value - lb, ub - lb);
    }

    private void WriteConstrainedOffset(ulong offset, ulong maxOffset)
    {
        if (maxOffset == 0)
        {
            return;
        }
        if (maxOffset <= 254)
        {
            WriteBits(offset, BitsForMax(maxOffset));
        }
        else if (maxOffset == 255)
        {
            Align();
            WriteBits(offset, 8);
        }
        else if (maxOffset <= 65535)
        {
            Align();
            WriteBits(offset, 16);
        }
        else
        {
            int maxOctets = (BitsForMax(maxOffset) + 7) / 8;
            int len = OctetsFor(offset);
            WriteBits((ulong)(len - 1), BitsForMax((ulong)maxOctets - 1));
            Align();
            WriteBits(offset, len * 8);
        }
    }

    /// <summary>X.691 §11.9 unconstrained length determinant for a length below 16K.</summary>
    public void WriteLengthDeterminant(int length)
    {
        Align();
        if (length < 128)
        {
            WriteBits((ulong)length, 8);
        }
        else if (length < 16384)
        {
            WriteBits(0x8000UL | (uint)length, 16);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(length), "needs fragmentation");
        }
    }

    /// <summary>A count or size that is never fragmented here (ub &lt; 64K constrained, or below 16K).</summary>
    public void WriteLength(int length, long lb, long ub)
    {
        if (ub >= 0 && ub < 65536)
        {
            WriteConstrainedWholeNumber(length, lb, ub);
        }
        else
        {
            if (length < lb || (ub >= 0 && length > ub))
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }
            WriteLengthDeterminant(length);
        }
    }

    /// <summary>X.691 §11.6 normally small non-negative whole number.</summary>
    public void WriteNormallySmall(long value)
    {
        if (value < 64)
        {
            WriteBit(false);
            WriteBits((ulong)value, 6);
        }
        else
        {
            WriteBit(true);
            WriteSemiConstrainedWholeNumber(value, 0);
        }
    }

    /// <summary>X.691 §11.7 semi-constrained whole number.</summary>
    public void WriteSemiConstrainedWholeNumber(long value, long lb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, lb);
        ulong offset = (ulong)(value - lb);
        int len = OctetsFor(offset);
        WriteLengthDeterminant(len);
        WriteBits(offset, len * 8);
    }

    /// <summary>X.691 §11.8 unconstrained whole number, minimal 2's complement octets.</summary>
    public void WriteUnconstrainedWholeNumber(long value)
    {
        int len = 1;
        while (len < 8)
        {
            long min = -(1L << ((len * 8) - 1));
            long max = (1L << ((len * 8) - 1)) - 1;
            if (value >= min && value <= max)
            {
                break;
            }
            len++;
        }
        WriteLengthDeterminant(len);
        WriteBits((ulong)value & (len == 8 ? ulong.MaxValue : ((1UL << (len * 8)) - 1)), len * 8);
    }

    /// <summary>X.691 §13 INTEGER with PER-visible constraint lb..ub (either may be absent) and an optional extension marker.</summary>
    public void WriteInteger(long value, long? lb, long? ub, bool extensible)
    {
        bool inRoot = (lb is not long l || value >= l) && (ub is not long u || value <= u);
        if (extensible)
        {
            WriteBit(!inRoot);
            if (!inRoot)
            {
                WriteUnconstrainedWholeNumber(value);
                return;
            }
        }
        else if (!inRoot)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"outside {lb}..{ub}");
        }
        if (lb is long l1 && ub is long u1)
        {
            WriteConstrainedWholeNumber(value, l1, u1);
        }
        else if (lb is long l2)
        {
            WriteSemiConstrainedWholeNumber(value, l2);
        }
        else
        {
            WriteUnconstrainedWholeNumber(value);
        }
    }

    /// <summary>X.691 §14 ENUMERATED by index (root index, or rootCount + extension index).</summary>
    public void WriteEnumerated(int index, int rootCount, bool extensible)
    {
        if (index < 0 || (!extensible && index >= rootCount))
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        if (extensible)
        {
            WriteBit(index >= rootCount);
            if (index >= rootCount)
            {
                WriteNormallySmall(index - rootCount);
                return;
            }
        }
        WriteConstrainedWholeNumber(index, 0, rootCount - 1);
    }

    /// <summary>X.691 §23 CHOICE index.</summary>
    public void WriteChoiceIndex(int index, int rootCount, bool extensible, bool isExtension)
    {
        if (extensible)
        {
            WriteBit(isExtension);
            if (isExtension)
            {
                WriteNormallySmall(index);
                return;
            }
        }
        WriteConstrainedWholeNumber(index, 0, rootCount - 1);
    }

    private bool WriteSize(int length, long lb, long ub, bool extensible)
    {
        bool inRoot = length >= lb && (ub < 0 || length <= ub);
        if (extensible)
        {
            WriteBit(!inRoot);
        }
        else if (!inRoot)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"size outside {lb}..{ub}");
        }
        if (inRoot && ub >= 0 && lb == ub && ub < 65536)
        {
            return true;
        }
        if (inRoot && ub >= 0 && ub < 65536)
        {
            WriteConstrainedWholeNumber(length, lb, ub);
        }
        else
        {
            WriteLengthDeterminant(length);
        }
        return false;
    }

    /// <summary>X.691 §20 SEQUENCE OF count with SIZE(lb..ub[, ...]), for a count that is never fragmented.</summary>
    public void WriteCount(int count, long lb, long ub, bool extensible)
    {
        if (NeedsFragments(count, lb, ub))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "SEQUENCE OF needs fragmentation: use WriteCountStart");
        }
        WriteSize(count, lb, ub, extensible);
    }

    /// <summary>
    /// X.691 §20 with §11.9.3.8: writes the count, or the first fragment header when the count is 16K or more without
    /// a constraint below 64K. Returns how many components follow before the next header; <paramref name="more"/>
    /// says a header (<see cref="WriteCountFragment"/>) follows them.
    /// </summary>
    public int WriteCountStart(int count, long lb, long ub, bool extensible, out bool more)
    {
        if (!NeedsFragments(count, lb, ub))
        {
            more = false;
            WriteSize(count, lb, ub, extensible);
            return count;
        }
        bool inRoot = count >= lb && (ub < 0 || count <= ub);
        if (extensible)
        {
            WriteBit(!inRoot);
        }
        else if (!inRoot)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"size outside {lb}..{ub}");
        }
        return WriteCountFragment(count, out more);
    }

    /// <summary>The next length of a fragmented count: a 16K-64K fragment header, or the final length (possibly 0).</summary>
    public int WriteCountFragment(int remaining, out bool more)
    {
        if (remaining >= 16384)
        {
            int m = Math.Min(4, remaining / 16384);
            Align();
            WriteBits(0xC0UL | (uint)m, 8);
            more = true;
            return m * 16384;
        }
        WriteLengthDeterminant(remaining);
        more = false;
        return remaining;
    }

    private static bool NeedsFragments(long length, long lb, long ub) =>
        length >= 16384 && (ub < 0 || ub >= 65536 || length > ub || length < lb);

    /// <summary>
    /// X.691 §17.6, §17.7: OCTET STRING (SIZE(n)), n &lt;= 8, no extension marker: no length; more than two octets are
    /// octet-aligned. One bit-field write.
    /// </summary>
    public void WriteFixedOctets(FixedOctetString value, int length)
    {
        if (value.Length != length)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Length, $"size outside {length}..{length}");
        }
        if (length > 2)
        {
            Align();
        }
        WriteBits(value.ToUInt64(), 8 * length);
    }

    /// <summary>X.691 §17 OCTET STRING with SIZE(lb..ub[, ...]); ub &lt; 0 means no upper bound. Fragments from 16K.</summary>
    public void WriteOctetString(ReadOnlySpan<byte> value, long lb, long ub, bool extensible)
    {
        bool inRoot = value.Length >= lb && (ub < 0 || value.Length <= ub);
        if ((!inRoot || ub < 0 || ub >= 65536) && value.Length >= 16384)
        {
            if (extensible)
            {
                WriteBit(!inRoot);
            }
            WriteFragmented(value);
            return;
        }
        bool fixedSize = WriteSize(value.Length, lb, ub, extensible);
        if (fixedSize && value.Length <= 2)
        {
            foreach (byte b in value)
            {
                WriteBits(b, 8);
            }
            return;
        }
        if (value.Length > 0)
        {
            WriteAlignedBytes(value);
        }
    }

    /// <summary>
    /// X.691 §11.9.3.8 for units other than octets (bits, characters): the extension bit, then fragments of 16K-64K
    /// units from <paramref name="packed"/> (MSB first), each octet-aligned after its header, then the final length.
    /// </summary>
    private void WriteUnitsFragmented(ReadOnlySpan<byte> packed, int units, int unitBits, long lb, long ub, bool extensible)
    {
        bool inRoot = units >= lb && (ub < 0 || units <= ub);
        if (extensible)
        {
            WriteBit(!inRoot);
        }
        else if (!inRoot)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"size outside {lb}..{ub}");
        }
        long bitAt = 0;
        int remaining = units;
        while (true)
        {
            int n = WriteCountFragment(remaining, out bool more);
            long bits = (long)n * unitBits;
            if (n > 0)
            {
                Align();
                int whole = (int)(bits >> 3);
                WriteAlignedBytes(packed.Slice((int)(bitAt >> 3), whole));
                if ((bits & 7) != 0)
                {
                    WriteBits((ulong)(packed[(int)(bitAt >> 3) + whole] >> (8 - (int)(bits & 7))), (int)(bits & 7));
                }
            }
            bitAt += bits;
            remaining -= n;
            if (!more)
            {
                return;
            }
        }
    }

    private void WriteFragmented(ReadOnlySpan<byte> value)
    {
        // X.691 §11.9.3.8: fragments of 64K, 48K, 32K or 16K, then a final length below 16K (possibly 0).
        while (value.Length >= 16384)
        {
            int m = Math.Min(4, value.Length / 16384);
            Align();
            WriteBits(0xC0UL | (uint)m, 8);
            WriteAlignedBytes(value[..(m * 16384)]);
            value = value[(m * 16384)..];
        }
        WriteLengthDeterminant(value.Length);
        if (value.Length > 0)
        {
            WriteAlignedBytes(value);
        }
    }

    /// <summary>X.691 §16 BIT STRING with SIZE(lb..ub[, ...]).</summary>
    public void WriteBitString(BitString value, long lb, long ub, bool extensible)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (NeedsFragments(value.Length, lb, ub))
        {
            WriteUnitsFragmented(value.Bytes, value.Length, 1, lb, ub, extensible);
            return;
        }
        bool fixedSize = WriteSize(value.Length, lb, ub, extensible);
        if (value.Length == 0)
        {
            return;
        }
        if (!fixedSize || value.Length > 16)
        {
            Align();
        }
        int left = value.Length;
        int i = 0;
        while (left > 0)
        {
            int take = Math.Min(8, left);
            WriteBits((ulong)(value.Bytes[i++] >> (8 - take)), take);
            left -= take;
        }
    }

    /// <summary>X.691 §30 known-multiplier character strings (8 bits a character, or 4 for NumericString).</summary>
    public void WriteKnownMultiplierString(string value, long lb, long ub, bool extensible, int charBits)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (NeedsFragments(value.Length, lb, ub))
        {
            var packed = new PerWriter(((value.Length * charBits) >> 3) + 16);
            try
            {
                packed.WriteCharacters(value, charBits);
                WriteUnitsFragmented(packed.WrittenSpan, value.Length, charBits, lb, ub, extensible);
            }
            finally
            {
                packed.Dispose();
            }
            return;
        }
        bool fixedSize = WriteSize(value.Length, lb, ub, extensible);
        if (value.Length == 0)
        {
            return;
        }
        if (!fixedSize || (long)value.Length * charBits > 16)
        {
            Align();
        }
        WriteCharacters(value, charBits);
    }

    private void WriteCharacters(string value, int charBits)
    {
        foreach (char c in value)
        {
            if (charBits == 4)
            {
                int v = c == ' ' ? 0 : c - '0' + 1;
                if (v is < 0 or > 10)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "not a NumericString character");
                }
                WriteBits((ulong)v, 4);
            }
            else
            {
                if (c > 127)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "not a 7-bit character");
                }
                WriteBits(c, charBits);
            }
        }
    }

    /// <summary>X.691 §30.6 UTF8String: an unconstrained length in octets, then the octets (SIZE is not PER-visible).</summary>
    public void WriteUtf8String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteOctetString(Encoding.UTF8.GetBytes(value), 0, -1, false);
    }

    /// <summary>
    /// Starts an open type (X.691 §11.2) in place: aligns, reserves a one-octet length and returns a mark for
    /// <see cref="EndOpenType"/>. The contents are written straight after it.
    /// </summary>
    public int BeginOpenType()
    {
        Align();
        Ensure(8);
        int mark = (int)(_pos >> 3);
        _pos += 8;
        return mark;
    }

    /// <summary>Pads the contents, writes their length at the mark (moving them if the length needs two octets).</summary>
    public void EndOpenType(int mark)
    {
        if (_pos == ((long)mark + 1) * 8)
        {
            // §11.1: an empty encoding is one zero octet.
            WriteBits(0, 8);
        }
        Align();
        int start = mark + 1;
        int len = (int)(_pos >> 3) - start;
        if (len < 128)
        {
            _buf[mark] = (byte)len;
            return;
        }
        if (len < 16384)
        {
            Ensure(8);
            _buf.AsSpan(start, len).CopyTo(_buf.AsSpan(start + 1));
            _buf[mark] = (byte)(0x80 | (len >> 8));
            _buf[mark + 1] = (byte)len;
            _pos += 8;
            return;
        }
        byte[] contents = _buf.AsSpan(start, len).ToArray();
        _buf.AsSpan(mark).Clear();
        _pos = (long)mark * 8;
        WriteFragmented(contents);
    }

    /// <summary>Writes an open type whose encoding is already known (preserved unknown extensions and IEs).</summary>
    public void WriteOpenType(ReadOnlySpan<byte> contents)
    {
        if (contents.Length >= 16384)
        {
            WriteFragmented(contents);
            return;
        }
        WriteLengthDeterminant(contents.Length);
        WriteAlignedBytes(contents);
    }
}
