// ITU-T X.691 (02/2021) aligned PER decoding: the field procedures of clauses 11 to 30, bounds-checked.
using System.Buffers.Binary;
using System.Text;

namespace GlassCore.Asn1;

/// <summary>
/// Reads aligned PER from a span. Every method checks the remaining bits before touching them and
/// returns false with <see cref="Error"/> set; nothing throws.
/// </summary>
public ref struct PerReader
{
    /// <summary>Nesting limit for generated decoders (open types within open types, recursive types).</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _bitLength;
    private readonly long _base;
    private long _pos;
    private Asn1DecodeError _error;

    public PerReader(ReadOnlySpan<byte> data) : this(data, 0)
    {
    }

    private PerReader(ReadOnlySpan<byte> data, long baseOffset)
    {
        _data = data;
        _bitLength = (long)data.Length * 8;
        _base = baseOffset;
        _pos = 0;
        _error = default;
        Depth = 0;
        Asn1cSizedUtf8 = false;
    }

    /// <summary>The error of the last failed read.</summary>
    public readonly Asn1DecodeError Error => _error;

    /// <summary>Bit offset from the start of this reader's span.</summary>
    public readonly long BitPosition => _pos;

    public readonly long RemainingBits => _bitLength - _pos;

    /// <summary>Nesting depth, maintained by generated code.</summary>
    public int Depth { get; set; }

    /// <summary>
    /// Decode UTF8String lengths as asn1c writes them for SIZE-constrained UTF8String (as if the
    /// constraint were PER-visible). Set only on the tolerant retry of an open type.
    /// </summary>
    public bool Asn1cSizedUtf8 { get; set; }

    /// <summary>Records a failure at the current position and returns false.</summary>
    public bool Fail(Asn1ErrorKind kind, string? detail = null)
    {
        if (_error.Kind == Asn1ErrorKind.None)
        {
            _error = new Asn1DecodeError(kind, _base + _pos, detail);
        }
        return false;
    }

    /// <summary>Takes over an inner reader's error (used after a nested open type failed).</summary>
    public bool Fail(in Asn1DecodeError inner)
    {
        if (_error.Kind == Asn1ErrorKind.None)
        {
            _error = inner;
        }
        return false;
    }

    public bool Enter()
    {
        if (++Depth > MaxDepth)
        {
            return Fail(Asn1ErrorKind.TooDeep);
        }
        return true;
    }

    public void Leave() => Depth--;

    public bool TryReadBit(out bool bit)
    {
        if (_pos >= _bitLength)
        {
            bit = false;
            return Fail(Asn1ErrorKind.EndOfData);
        }
        bit = (_data[(int)(_pos >> 3)] & (0x80 >> (int)(_pos & 7))) != 0;
        _pos++;
        return true;
    }

    /// <summary>Reads <paramref name="count"/> (0..64) bits as an unsigned number, MSB first.</summary>
    public bool TryReadBits(int count, out ulong value)
    {
        value = 0;
        if (count < 0 || count > 64)
        {
            return Fail(Asn1ErrorKind.Unsupported, "bit field wider than 64");
        }
        if (_bitLength - _pos < count)
        {
            return Fail(Asn1ErrorKind.EndOfData);
        }
        if (count == 0)
        {
            return true;
        }
        int index = (int)(_pos >> 3);
        if (count <= 57 && index + 8 <= _data.Length)
        {
            // One unaligned big-endian load covers any field of up to 57 bits at any bit offset.
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(_data[index..]);
            value = (word << (int)(_pos & 7)) >> (64 - count);
            _pos += count;
            return true;
        }
        long pos = _pos;
        int left = count;
        ulong v = 0;
        while (left > 0)
        {
            int bitInByte = (int)(pos & 7);
            int take = Math.Min(8 - bitInByte, left);
            int b = _data[(int)(pos >> 3)];
            b = (b >> (8 - bitInByte - take)) & ((1 << take) - 1);
            v = (v << take) | (uint)b;
            left -= take;
            pos += take;
        }
        _pos = pos;
        value = v;
        return true;
    }

    /// <summary>X.691 §3.7.3 octet-alignment: skips the padding bits to the next octet boundary.</summary>
    public void Align() => _pos = (_pos + 7) & ~7L;

    private bool TryReadAlignedBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        Align();
        if ((_bitLength - _pos) / 8 < count)
        {
            bytes = default;
            return Fail(Asn1ErrorKind.EndOfData);
        }
        bytes = _data.Slice((int)(_pos >> 3), count);
        _pos += (long)count * 8;
        return true;
    }

    /// <summary>X.691 §11.5.7: constrained whole number in lb..ub.</summary>
    public bool TryReadConstrainedWholeNumber(long lb, long ub, out long value)
    {
        value = lb;
        if (!TryReadConstrainedOffset((ulong)(ub - lb), out ulong offset))
        {
            return false;
        }
        value = (long)((ulong)lb + offset);
        return true;
    }

    /// <summary>X.691 §11.5.7 for unsigned ranges beyond <see cref="long.MaxValue"/> (e.g. 0..18446744073709551615).</summary>
    public bool TryReadConstrainedWholeNumber(ulong lb, ulong ub, out ulong value)
    {
        value = lb;
        if (!TryReadConstrainedOffset(ub - lb, out ulong offset))
        {
            return false;
        }
        value = lb + offset;
        return true;
    }

    private bool TryReadConstrainedOffset(ulong maxOffset, out ulong offset)
    {
        offset = 0;
        if (maxOffset == 0)
        {
            return true;
        }
        if (maxOffset <= 254)
        {
            if (!TryReadBits(BitsForMax(maxOffset), out offset))
            {
                return false;
            }
        }
        else if (maxOffset == 255)
        {
            Align();
            if (!TryReadBits(8, out offset))
            {
                return false;
            }
        }
        else if (maxOffset <= 65535)
        {
            Align();
            if (!TryReadBits(16, out offset))
            {
                return false;
            }
        }
        else
        {
            // §11.5.7.4: length in octets (1..n) as a constrained number, then the octets, aligned.
            int maxOctets = (BitsForMax(maxOffset) + 7) / 8;
            if (!TryReadBits(BitsForMax((ulong)maxOctets - 1), out ulong lenMinus1))
            {
                return false;
            }
            int len = (int)lenMinus1 + 1;
            if (len > maxOctets)
            {
                return Fail(Asn1ErrorKind.ValueOutOfRange);
            }
            Align();
            if (!TryReadBits(len * 8, out offset))
            {
                return false;
            }
        }
        if (offset > maxOffset)
        {
            return Fail(Asn1ErrorKind.ValueOutOfRange, $"{offset} outside 0..{maxOffset}");
        }
        return true;
    }

    private static int BitsForMax(ulong max) => 64 - System.Numerics.BitOperations.LeadingZeroCount(max);

    /// <summary>X.691 §11.9 unconstrained length determinant; <paramref name="more"/> is set for a fragment of a fragmented encoding.</summary>
    public bool TryReadLengthDeterminant(out int length, out bool more)
    {
        more = false;
        length = 0;
        Align();
        if (!TryReadBits(8, out ulong first))
        {
            return false;
        }
        if ((first & 0x80) == 0)
        {
            length = (int)first;
            return true;
        }
        if ((first & 0x40) == 0)
        {
            if (!TryReadBits(8, out ulong second))
            {
                return false;
            }
            length = (int)(((first & 0x3f) << 8) | second);
            return true;
        }
        int m = (int)(first & 0x3f);
        if (m is < 1 or > 4)
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange, "bad fragment size");
        }
        length = m * 16384;
        more = true;
        return true;
    }

    /// <summary>A length that cannot be fragmented (counts and sizes with ub &lt; 64K, or counts up to 16K otherwise).</summary>
    public bool TryReadLength(long lb, long ub, out int length)
    {
        length = 0;
        if (ub >= 0 && ub < 65536)
        {
            if (!TryReadConstrainedWholeNumber(lb, ub, out long v))
            {
                return false;
            }
            length = (int)v;
            return true;
        }
        if (!TryReadLengthDeterminant(out length, out bool more))
        {
            return false;
        }
        if (more)
        {
            return Fail(Asn1ErrorKind.Unsupported, "fragmented count");
        }
        if (length < lb || (ub >= 0 && length > ub))
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange);
        }
        return true;
    }

    /// <summary>X.691 §11.6 normally small non-negative whole number.</summary>
    public bool TryReadNormallySmall(out long value)
    {
        value = 0;
        if (!TryReadBit(out bool large))
        {
            return false;
        }
        if (!large)
        {
            if (!TryReadBits(6, out ulong v))
            {
                return false;
            }
            value = (long)v;
            return true;
        }
        return TryReadSemiConstrainedWholeNumber(0, out value);
    }

    /// <summary>X.691 §11.7 semi-constrained whole number (lb..MAX).</summary>
    public bool TryReadSemiConstrainedWholeNumber(long lb, out long value)
    {
        value = 0;
        if (!TryReadLengthDeterminant(out int len, out bool more))
        {
            return false;
        }
        if (more || len < 1 || len > 8)
        {
            return Fail(Asn1ErrorKind.ValueOutOfRange, "integer too large");
        }
        if (!TryReadBits(len * 8, out ulong v))
        {
            return false;
        }
        if (v > (ulong)(long.MaxValue - lb) && lb >= 0)
        {
            return Fail(Asn1ErrorKind.ValueOutOfRange);
        }
        value = lb + (long)v;
        return true;
    }

    /// <summary>X.691 §11.8 unconstrained whole number (2's complement).</summary>
    public bool TryReadUnconstrainedWholeNumber(out long value)
    {
        value = 0;
        if (!TryReadLengthDeterminant(out int len, out bool more))
        {
            return false;
        }
        if (more || len < 1 || len > 8)
        {
            return Fail(Asn1ErrorKind.ValueOutOfRange, "integer too large");
        }
        if (!TryReadBits(len * 8, out ulong v))
        {
            return false;
        }
        int shift = 64 - (len * 8);
        value = shift == 0 ? (long)v : ((long)(v << shift)) >> shift;
        return true;
    }

    /// <summary>X.691 §13 INTEGER with the PER-visible constraint lb..ub (either may be absent) and an optional extension marker.</summary>
    public bool TryReadInteger(long? lb, long? ub, bool extensible, out long value)
    {
        value = 0;
        if (extensible)
        {
            if (!TryReadBit(out bool outside))
            {
                return false;
            }
            if (outside)
            {
                return TryReadUnconstrainedWholeNumber(out value);
            }
        }
        if (lb is long l && ub is long u)
        {
            return TryReadConstrainedWholeNumber(l, u, out value);
        }
        if (lb is long l2)
        {
            return TryReadSemiConstrainedWholeNumber(l2, out value);
        }
        return TryReadUnconstrainedWholeNumber(out value);
    }

    /// <summary>X.691 §14 ENUMERATED: returns the index in the root, or rootCount + extension index.</summary>
    public bool TryReadEnumerated(int rootCount, bool extensible, int extensionCount, out int index)
    {
        index = 0;
        if (extensible)
        {
            if (!TryReadBit(out bool ext))
            {
                return false;
            }
            if (ext)
            {
                if (!TryReadNormallySmall(out long e))
                {
                    return false;
                }
                if (e > 65535)
                {
                    return Fail(Asn1ErrorKind.UnknownAlternative);
                }
                index = rootCount + (int)e;
                return true;
            }
        }
        if (!TryReadConstrainedWholeNumber(0, rootCount - 1, out long v))
        {
            return false;
        }
        index = (int)v;
        return true;
    }

    /// <summary>X.691 §23 CHOICE index: a root index, or (isExtension) the extension index.</summary>
    public bool TryReadChoiceIndex(int rootCount, bool extensible, out int index, out bool isExtension)
    {
        index = 0;
        isExtension = false;
        if (extensible)
        {
            if (!TryReadBit(out isExtension))
            {
                return false;
            }
            if (isExtension)
            {
                if (!TryReadNormallySmall(out long e))
                {
                    return false;
                }
                if (e > 65535)
                {
                    return Fail(Asn1ErrorKind.UnknownAlternative);
                }
                index = (int)e;
                return true;
            }
        }
        if (!TryReadConstrainedWholeNumber(0, rootCount - 1, out long v))
        {
            return false;
        }
        index = (int)v;
        return true;
    }

    /// <summary>Reads the extension-present bitmap length (X.691 §19.8): count of extension additions in the encoding.</summary>
    public bool TryReadExtensionCount(out int count)
    {
        count = 0;
        if (!TryReadNormallySmall(out long n))
        {
            return false;
        }
        if (n > 4096)
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange);
        }
        count = (int)n + 1;
        return true;
    }

    /// <summary>Reads the size of a SIZE-constrained value (§16, §17, §20, §30): the extension bit, then the length.</summary>
    private bool TryReadSize(long lb, long ub, bool extensible, out int length, out bool fixedSize, out bool more)
    {
        length = 0;
        fixedSize = false;
        more = false;
        bool outside = false;
        if (extensible && !TryReadBit(out outside))
        {
            return false;
        }
        if (!outside && ub >= 0 && lb == ub && ub < 65536)
        {
            length = (int)ub;
            fixedSize = true;
            return true;
        }
        if (!outside && ub >= 0 && ub < 65536)
        {
            if (!TryReadConstrainedWholeNumber(lb, ub, out long v))
            {
                return false;
            }
            length = (int)v;
            return true;
        }
        if (!TryReadLengthDeterminant(out length, out more))
        {
            return false;
        }
        if (!outside && !more && (length < lb || (ub >= 0 && length > ub)))
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange);
        }
        return true;
    }

    /// <summary>
    /// X.691 §20 with §11.9.3.8 fragmentation: the number of components in the first fragment, and
    /// <paramref name="more"/> when a fragment of 16K, 32K, 48K or 64K components follows with another length after it
    /// (<see cref="TryReadCountFragment"/>). Check the total with <see cref="TryCheckCount"/>.
    /// </summary>
    public bool TryReadCount(long lb, long ub, bool extensible, out int count, out bool more)
    {
        if (!TryReadSize(lb, ub, extensible, out count, out _, out more))
        {
            return false;
        }
        return true;
    }

    /// <summary>The length after a fragment (§11.9.3.8.4): the next fragment's count, possibly the final 0.</summary>
    public bool TryReadCountFragment(out int count, out bool more) => TryReadLengthDeterminant(out count, out more);

    /// <summary>The total of a fragmented count against SIZE(lb..ub[, ...]).</summary>
    public bool TryCheckCount(long total, long lb, long ub, bool extensible)
    {
        if (!extensible && (total < lb || (ub >= 0 && total > ub)))
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange);
        }
        return true;
    }

    /// <summary>X.691 §20 SEQUENCE OF count with SIZE(lb..ub[, ...]); ub &lt; 0 means no upper bound.</summary>
    public bool TryReadCount(long lb, long ub, bool extensible, out int count)
    {
        if (!TryReadSize(lb, ub, extensible, out count, out _, out bool more))
        {
            return false;
        }
        if (more)
        {
            return Fail(Asn1ErrorKind.Unsupported, "fragmented SEQUENCE OF");
        }
        return true;
    }

    /// <summary>X.691 §17 OCTET STRING with SIZE(lb..ub[, ...]); ub &lt; 0 means no upper bound.</summary>
    public bool TryReadOctetString(long lb, long ub, bool extensible, out byte[] value)
    {
        value = [];
        if (!TryReadSize(lb, ub, extensible, out int len, out bool fixedSize, out bool more))
        {
            return false;
        }
        if (fixedSize)
        {
            if (len <= 2)
            {
                if ((_bitLength - _pos) < (long)len * 8)
                {
                    return Fail(Asn1ErrorKind.EndOfData);
                }
                value = new byte[len];
                for (int i = 0; i < len; i++)
                {
                    TryReadBits(8, out ulong b);
                    value[i] = (byte)b;
                }
                return true;
            }
            if (!TryReadAlignedBytes(len, out var fixedBytes))
            {
                return false;
            }
            value = Copy(fixedBytes);
            return true;
        }
        if (!more)
        {
            if (len == 0)
            {
                return true;
            }
            if (!TryReadAlignedBytes(len, out var bytes))
            {
                return false;
            }
            value = Copy(bytes);
            return true;
        }
        if (!TryReadFragments(len, 8, out value, out long total))
        {
            return false;
        }
        if (total < lb || (ub >= 0 && total > ub && !extensible))
        {
            return Fail(Asn1ErrorKind.LengthOutOfRange);
        }
        return true;
    }

    /// <summary>
    /// X.691 §17.6, §17.7: OCTET STRING (SIZE(n)) with n below 64K and no extension marker: no length, and two octets
    /// or fewer are not octet-aligned. The same as <see cref="TryReadOctetString"/> with lb = ub = n, without the size logic.
    /// </summary>
    public bool TryReadFixedOctetString(int length, out byte[] value)
    {
        value = [];
        if (length <= 2)
        {
            if ((_bitLength - _pos) < (long)length * 8)
            {
                return Fail(Asn1ErrorKind.EndOfData);
            }
            if (length == 0)
            {
                return true;
            }
            int index = (int)(_pos >> 3);
            int shift = (int)(_pos & 7);
            value = new byte[length];
            for (int i = 0; i < length; i++)
            {
                // Octet i spans input octets index+i and (when unaligned) index+i+1.
                int hi = _data[index + i] << shift;
                int lo = shift == 0 ? 0 : _data[index + i + 1] >> (8 - shift);
                value[i] = (byte)(hi | lo);
            }
            _pos += (long)length * 8;
            return true;
        }
        if (!TryReadAlignedBytes(length, out var bytes))
        {
            return false;
        }
        value = Copy(bytes);
        return true;
    }

    /// <summary>
    /// X.691 §17.6, §17.7: OCTET STRING (SIZE(n)) with n &lt;= 8 and no extension marker, read into an inline value
    /// (no array): no length, and more than two octets are octet-aligned.
    /// </summary>
    public bool TryReadFixedOctets(int length, out FixedOctetString value)
    {
        value = default;
        if (length is < 0 or > FixedOctetString.MaxLength)
        {
            return Fail(Asn1ErrorKind.Unsupported, "fixed OCTET STRING wider than 8 octets");
        }
        if (length > 2)
        {
            Align();
        }
        if (!TryReadBits(8 * length, out ulong octets))
        {
            return false;
        }
        value = FixedOctetString.FromUInt64(octets, length);
        return true;
    }

    // Most 3GPP OCTET STRINGs are a few octets (PLMN identity, TAC, S-NSSAI): a plain loop beats a memmove call there.
    private static byte[] Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 8)
        {
            return bytes.ToArray();
        }
        var copy = new byte[bytes.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = bytes[i];
        }
        return copy;
    }

    /// <summary>
    /// X.691 §11.9.3.8: a fragmented value whose first fragment header (<paramref name="firstUnits"/>, a multiple of
    /// 16K) has been read. Each fragment's units follow their length, octet-aligned; fragments continue until a length
    /// below 16K (possibly 0). Returns the units packed MSB first, unused trailing bits zero.
    /// </summary>
    private bool TryReadFragments(int firstUnits, int unitBits, out byte[] packed, out long totalUnits)
    {
        packed = [];
        totalUnits = 0;
        var parts = new List<byte[]>();
        long totalBits = 0;
        int units = firstUnits;
        bool more = true;
        while (true)
        {
            long bits = (long)units * unitBits;
            Align();
            if (RemainingBits < bits)
            {
                return Fail(Asn1ErrorKind.EndOfData);
            }
            var part = _data.Slice((int)(_pos >> 3), (int)((bits + 7) >> 3)).ToArray();
            if ((bits & 7) != 0)
            {
                part[^1] &= (byte)(0xff << (8 - (int)(bits & 7)));
            }
            parts.Add(part);
            _pos += bits;
            totalBits += bits;
            totalUnits += units;
            if (!more)
            {
                break;
            }
            if (!TryReadLengthDeterminant(out units, out more))
            {
                return false;
            }
        }
        // Every fragment but the last holds a multiple of 16K units, so whole octets: the parts simply concatenate.
        packed = new byte[(totalBits + 7) >> 3];
        int at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(packed, at);
            at += part.Length;
        }
        return true;
    }

    /// <summary>X.691 §16 BIT STRING with SIZE(lb..ub[, ...]); ub &lt; 0 means no upper bound.</summary>
    public bool TryReadBitString(long lb, long ub, bool extensible, out BitString value)
    {
        value = new BitString([], 0);
        if (!TryReadSize(lb, ub, extensible, out int len, out bool fixedSize, out bool more))
        {
            return false;
        }
        if (more)
        {
            if (!TryReadFragments(len, 1, out byte[] packed, out long total))
            {
                return false;
            }
            if (total > int.MaxValue || total < lb || (ub >= 0 && total > ub && !extensible))
            {
                return Fail(Asn1ErrorKind.LengthOutOfRange);
            }
            value = new BitString(packed, (int)total);
            return true;
        }
        if (len == 0)
        {
            return true;
        }
        if (!fixedSize || len > 16)
        {
            Align();
        }
        if (_bitLength - _pos < len)
        {
            return Fail(Asn1ErrorKind.EndOfData);
        }
        var bytes = new byte[(len + 7) / 8];
        int i = 0;
        int left = len;
        while (left > 0)
        {
            int take = Math.Min(8, left);
            TryReadBits(take, out ulong b);
            bytes[i++] = (byte)(b << (8 - take));
            left -= take;
        }
        value = new BitString(bytes, len);
        return true;
    }

    /// <summary>
    /// X.691 §30 known-multiplier character strings (VisibleString, PrintableString, IA5String, NumericString):
    /// <paramref name="charBits"/> is 8 for the first three in the aligned variant and 4 for NumericString.
    /// </summary>
    public bool TryReadKnownMultiplierString(long lb, long ub, bool extensible, int charBits, out string value)
    {
        value = "";
        if (!TryReadSize(lb, ub, extensible, out int len, out bool fixedSize, out bool more))
        {
            return false;
        }
        if (more)
        {
            long start = _base + _pos;
            if (!TryReadFragments(len, charBits, out byte[] packed, out long total))
            {
                return false;
            }
            if (total < lb || (ub >= 0 && total > ub && !extensible))
            {
                return Fail(Asn1ErrorKind.LengthOutOfRange);
            }
            var whole = new PerReader(packed, start);
            if (!whole.TryReadCharacters((int)total, charBits, out value))
            {
                return Fail(whole.Error);
            }
            return true;
        }
        if (len == 0)
        {
            return true;
        }
        if (!fixedSize || (long)len * charBits > 16)
        {
            Align();
        }
        return TryReadCharacters(len, charBits, out value);
    }

    private bool TryReadCharacters(int len, int charBits, out string value)
    {
        value = "";
        if (_bitLength - _pos < (long)len * charBits)
        {
            return Fail(Asn1ErrorKind.EndOfData);
        }
        var chars = new char[len];
        for (int i = 0; i < len; i++)
        {
            TryReadBits(charBits, out ulong c);
            if (charBits == 4)
            {
                if (c > 10)
                {
                    return Fail(Asn1ErrorKind.ValueOutOfRange, "not a NumericString character");
                }
                chars[i] = c == 0 ? ' ' : (char)('0' + (int)c - 1);
            }
            else
            {
                if (c > 127)
                {
                    return Fail(Asn1ErrorKind.ValueOutOfRange, "not a 7-bit character");
                }
                chars[i] = (char)c;
            }
        }
        value = new string(chars);
        return true;
    }

    /// <summary>
    /// X.691 §30.6 UTF8String (not known-multiplier: SIZE is not PER-visible, the length counts octets).
    /// With <see cref="Asn1cSizedUtf8"/>, reads asn1c's encoding that treats SIZE(lb..ub[, ...]) as visible.
    /// </summary>
    public bool TryReadUtf8String(long lb, long ub, bool extensible, out string value)
    {
        value = "";
        byte[] bytes;
        if (Asn1cSizedUtf8 && ub >= 0)
        {
            if (!TryReadOctetString(lb, ub, extensible, out bytes))
            {
                return false;
            }
        }
        else if (!TryReadOctetString(0, -1, false, out bytes))
        {
            return false;
        }
        try
        {
            value = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(Asn1ErrorKind.ValueOutOfRange, "invalid UTF-8");
        }
        return true;
    }

    /// <summary>X.691 §11.2 open type: reads the length-prefixed octets and returns them (for raw preservation).</summary>
    public bool TryReadOpenTypeBytes(out ReadOnlySpan<byte> contents, out long contentsBitOffset)
    {
        contents = default;
        contentsBitOffset = 0;
        if (!TryReadLengthDeterminant(out int len, out bool more))
        {
            return false;
        }
        if (more)
        {
            // The contents' error offsets are only exact within the first fragment once reassembled.
            contentsBitOffset = _base + _pos;
            if (!TryReadFragments(len, 8, out byte[] whole, out _))
            {
                return false;
            }
            contents = whole;
            return true;
        }
        if (!TryReadAlignedBytes(len, out contents))
        {
            return false;
        }
        contentsBitOffset = _base + _pos - ((long)len * 8);
        return true;
    }

    /// <summary>A reader over an open type's contents whose error offsets count from the outermost input.</summary>
    public readonly PerReader CreateInner(ReadOnlySpan<byte> contents, long contentsBitOffset) =>
        new(contents, contentsBitOffset) { Depth = Depth, Asn1cSizedUtf8 = false };

    /// <summary>
    /// X.691 §11.2: an open type's (or contained type's) encoding fills its octets, the last one padded with zero bits;
    /// an empty encoding is the single octet 00.
    /// </summary>
    public bool TryFinishContents()
    {
        long left = _bitLength - _pos;
        if (left >= 8 && !(_pos == 0 && _bitLength == 8 && _data[0] == 0))
        {
            return Fail(Asn1ErrorKind.TrailingData, $"{left} bits left");
        }
        return true;
    }
}
