// TS 24.501 §9.11.2.8 S-NSSAI, §9.11.3.37 NSSAI, §9.11.3.46 Rejected NSSAI.
namespace GlassCore.Nas.Ies;

/// <summary>An S-NSSAI value (§9.11.2.8): SST, optional SD, optional mapped HPLMN SST and SD. Lengths 1, 2, 4, 5 or 8.</summary>
public readonly record struct SNssaiValue(byte Sst, uint? Sd = null, byte? MappedHplmnSst = null, uint? MappedHplmnSd = null)
{
    internal static bool IsValidLength(int length) => length is 1 or 2 or 4 or 5 or 8;

    internal static SNssaiValue Read(ReadOnlySpan<byte> v) => v.Length switch
    {
        1 => new(v[0]),
        2 => new(v[0], null, v[1]),
        4 => new(v[0], Bcd.ReadUInt24(v[1..])),
        5 => new(v[0], Bcd.ReadUInt24(v[1..]), v[4]),
        _ => new(v[0], Bcd.ReadUInt24(v[1..]), v[4], Bcd.ReadUInt24(v[5..])),
    };

    internal int EncodedLength => MappedHplmnSd is not null ? 8 : Sd is not null ? (MappedHplmnSst is not null ? 5 : 4) : (MappedHplmnSst is not null ? 2 : 1);

    internal void Write(Span<byte> b)
    {
        b[0] = Sst;
        int n = EncodedLength;
        if (n == 2)
        {
            b[1] = MappedHplmnSst!.Value;
            return;
        }
        if (n >= 4)
        {
            WriteUInt24(b[1..], Sd!.Value);
        }
        if (n >= 5)
        {
            b[4] = MappedHplmnSst!.Value;
        }
        if (n == 8)
        {
            WriteUInt24(b[5..], MappedHplmnSd!.Value);
        }
    }

    private static void WriteUInt24(Span<byte> b, uint v)
    {
        b[0] = (byte)(v >> 16);
        b[1] = (byte)(v >> 8);
        b[2] = (byte)v;
    }
}

/// <summary>The S-NSSAI IE (§9.11.2.8) as carried in UL NAS transport, PDU session establishment accept and NSSAA messages.</summary>
public readonly struct SNssai(ReadOnlyMemory<byte> value) : INasIe<SNssai>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static SNssai FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public SNssaiValue Get() => SNssaiValue.Read(Value.Span);

    public static SNssai Create(SNssaiValue value)
    {
        var b = new byte[value.EncodedLength];
        value.Write(b);
        return new(b);
    }

    internal static bool IsValid(ReadOnlySpan<byte> v) => SNssaiValue.IsValidLength(v.Length);
}

/// <summary>NSSAI (§9.11.3.37): a list of length-prefixed S-NSSAI values (requested, allowed, configured, pending NSSAI).</summary>
public readonly struct Nssai(ReadOnlyMemory<byte> value) : INasIe<Nssai>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static Nssai FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    /// <summary>Enumerates the S-NSSAIs without allocating.</summary>
    public Enumerator GetEnumerator() => new(Value.Span);

    public SNssaiValue[] ToArray()
    {
        int n = 0;
        foreach (var _ in this)
        {
            n++;
        }
        var list = new SNssaiValue[n];
        n = 0;
        foreach (var s in this)
        {
            list[n++] = s;
        }
        return list;
    }

    public static Nssai Create(ReadOnlySpan<SNssaiValue> list)
    {
        int length = 0;
        foreach (var s in list)
        {
            length += 1 + s.EncodedLength;
        }
        var b = new byte[length];
        int pos = 0;
        foreach (var s in list)
        {
            b[pos++] = (byte)s.EncodedLength;
            s.Write(b.AsSpan(pos));
            pos += s.EncodedLength;
        }
        return new(b);
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            int len = v[pos];
            if (!SNssaiValue.IsValidLength(len) || pos + 1 + len > v.Length)
            {
                return false;
            }
            pos += 1 + len;
        }
        return v.Length > 0;
    }

    public ref struct Enumerator(ReadOnlySpan<byte> v)
    {
        private readonly ReadOnlySpan<byte> _v = v;
        private int _next;

        public SNssaiValue Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= _v.Length)
            {
                return false;
            }
            int len = _v[_next];
            if (!SNssaiValue.IsValidLength(len) || _next + 1 + len > _v.Length)
            {
                return false;
            }
            Current = SNssaiValue.Read(_v.Slice(_next + 1, len));
            _next += 1 + len;
            return true;
        }
    }
}

/// <summary>One rejected S-NSSAI (§9.11.3.46): the cause (0 not available in current PLMN, 1 in current registration area, 2 NSSAA failed, 3 maximum number of UEs reached).</summary>
public readonly record struct RejectedSNssai(byte Cause, SNssaiValue SNssai);

/// <summary>Rejected NSSAI (§9.11.3.46): each entry is length (bits 5-8) and cause (bits 1-4), then SST and optional SD.</summary>
public readonly struct RejectedNssai(ReadOnlyMemory<byte> value) : INasIe<RejectedNssai>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static RejectedNssai FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public RejectedSNssai[] ToArray()
    {
        var v = Value.Span;
        var list = new List<RejectedSNssai>();
        int pos = 0;
        while (pos < v.Length)
        {
            int len = v[pos] >> 4;
            list.Add(new RejectedSNssai((byte)(v[pos] & 0x0F), SNssaiValue.Read(v.Slice(pos + 1, len))));
            pos += 1 + len;
        }
        return [.. list];
    }

    public static RejectedNssai Create(ReadOnlySpan<RejectedSNssai> list)
    {
        int length = 0;
        foreach (var r in list)
        {
            length += 1 + r.SNssai.EncodedLength;
        }
        var b = new byte[length];
        int pos = 0;
        foreach (var r in list)
        {
            b[pos] = (byte)(r.SNssai.EncodedLength << 4 | r.Cause & 0x0F);
            r.SNssai.Write(b.AsSpan(pos + 1));
            pos += 1 + r.SNssai.EncodedLength;
        }
        return new(b);
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            int len = v[pos] >> 4;
            if (len is not (1 or 4) || pos + 1 + len > v.Length)
            {
                return false;
            }
            pos += 1 + len;
        }
        return v.Length > 0;
    }
}
