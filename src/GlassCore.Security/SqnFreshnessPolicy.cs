// TS 33.102 Annex C: generation (C.1) and verification (C.2) of sequence numbers SQN = SEQ || IND.
namespace GlassCore.Security;

/// <summary>Outcome of checking a received SQN against the USIM's state (TS 33.102 C.2).</summary>
public enum SqnCheck
{
    Fresh,
    /// <summary>SEQ is not greater than the SEQ last accepted with the same IND (C.2.1): a replay or reordering.</summary>
    NotFresh,
    /// <summary>SEQ is more than Δ above the highest accepted SEQ (C.2.2, wrap-around protection).</summary>
    TooFarAhead,
    /// <summary>SEQ is L or more below the highest accepted SEQ (C.2.3, the optional age limit).</summary>
    TooOld,
}

/// <summary>
/// The Annex C sequence number scheme: SQN (48 bits) = SEQ || IND, IND the <see cref="IndBits"/> least significant
/// bits. The home network (UDM/ARPF) uses <see cref="Next"/> to generate and <see cref="Resynchronise"/> after an
/// AUTS; the USIM side keeps a <see cref="SqnArray"/> and uses <see cref="Verify"/>. Defaults follow the annex's
/// example values: IND 5 bits, Δ = 2^28, no age limit L.
/// </summary>
public sealed class SqnFreshnessPolicy
{
    public SqnFreshnessPolicy(int indBits = 5, ulong delta = 1UL << 28, ulong? ageLimit = null)
    {
        if (indBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(indBits), "IND has 0 to 16 bits");
        }
        if (delta == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "Δ must be positive");
        }
        IndBits = indBits;
        Delta = delta;
        AgeLimit = ageLimit;
    }

    public int IndBits { get; }

    /// <summary>Δ: the largest step a fresh SEQ may be ahead of the highest accepted one.</summary>
    public ulong Delta { get; }

    /// <summary>L: when set, a SEQ at least L below the highest accepted one is rejected.</summary>
    public ulong? AgeLimit { get; }

    public int ArraySize => 1 << IndBits;

    public ulong Seq(ulong sqn) => (sqn & Sqn.Max) >> IndBits;

    public int Ind(ulong sqn) => (int)(sqn & (ulong)(ArraySize - 1));

    public ulong Compose(ulong seq, int ind)
    {
        if ((uint)ind >= (uint)ArraySize)
        {
            throw new ArgumentOutOfRangeException(nameof(ind));
        }
        if (seq > (Sqn.Max >> IndBits))
        {
            throw new ArgumentOutOfRangeException(nameof(seq), "SEQ does not fit in 48 - IND bits");
        }
        return (seq << IndBits) | (uint)ind;
    }

    /// <summary>
    /// C.1.1/C.1.2: the SQN of the next authentication vector after <paramref name="sqnHe"/>: SEQ incremented by one,
    /// IND stepped cyclically (C.3.2's allocation, so consecutive vectors land in different USIM array slots).
    /// </summary>
    public ulong Next(ulong sqnHe)
    {
        ulong seq = Seq(sqnHe) + 1;
        if (seq > (Sqn.Max >> IndBits))
        {
            throw new InvalidOperationException("SEQ exhausted: the subscriber's sequence space has wrapped");
        }
        return Compose(seq, (Ind(sqnHe) + 1) & (ArraySize - 1));
    }

    /// <summary>
    /// C.1.3 / TS 33.102 §6.3.5: after a synch failure with a verified SQN_MS, the SQN_HE to continue from. If the next
    /// SQN from SQN_HE would already be accepted (its SEQ above SEQ_MS and within Δ) SQN_HE is kept, else SQN_HE takes
    /// SQN_MS's SEQ so the next vector is SEQ_MS + 1.
    /// </summary>
    public ulong Resynchronise(ulong sqnHe, ulong sqnMs)
    {
        ulong seqHe = Seq(sqnHe);
        ulong seqMs = Seq(sqnMs);
        ulong nextSeq = seqHe + 1;
        if (nextSeq > seqMs && nextSeq - seqMs <= Delta)
        {
            return sqnHe & Sqn.Max;
        }
        return Compose(seqMs, Ind(sqnHe));
    }

    /// <summary>C.2: checks a received SQN against the USIM's array; does not change it (see <see cref="Accept"/>).</summary>
    public SqnCheck Verify(SqnArray state, ulong sqn)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckArray(state);
        ulong seq = Seq(sqn);
        int ind = Ind(sqn);
        ulong highest = state.HighestSeq;
        if (seq > highest && seq - highest > Delta)
        {
            return SqnCheck.TooFarAhead;
        }
        if (AgeLimit is ulong l && highest > seq && highest - seq >= l)
        {
            return SqnCheck.TooOld;
        }
        return seq > state[ind] ? SqnCheck.Fresh : SqnCheck.NotFresh;
    }

    /// <summary>Records an accepted SQN: SEQ(i) := SEQ for i = IND, and the highest SEQ.</summary>
    public void Accept(SqnArray state, ulong sqn)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckArray(state);
        state.Set(Ind(sqn), Seq(sqn));
    }

    /// <summary>SQN_MS to report in AUTS: the highest SQN accepted so far (its SEQ and the IND it came with).</summary>
    public ulong SqnMs(SqnArray state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Compose(state.HighestSeq, state.HighestInd);
    }

    public SqnArray CreateArray() => new(ArraySize);

    private void CheckArray(SqnArray state)
    {
        if (state.Length != ArraySize)
        {
            throw new ArgumentException($"the array has {state.Length} entries, the policy's IND needs {ArraySize}", nameof(state));
        }
    }
}

/// <summary>The USIM's SEQ(i) array of TS 33.102 C.2 and the highest SEQ accepted so far.</summary>
public sealed class SqnArray
{
    private readonly ulong[] _seq;

    public SqnArray(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _seq = new ulong[size];
    }

    public int Length => _seq.Length;

    public ulong HighestSeq { get; private set; }

    public int HighestInd { get; private set; }

    public ulong this[int ind] => _seq[ind];

    internal void Set(int ind, ulong seq)
    {
        _seq[ind] = seq;
        if (seq > HighestSeq)
        {
            HighestSeq = seq;
            HighestInd = ind;
        }
    }
}
