// TS 29.244 §7.2.3 / §8.1.1: messages and grouped IEs are ordered lists of IEs; typed properties look them up by type.
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>An ordered list of IEs (a message body or a grouped IE). Wire order is kept so decoded input re-encodes unchanged.</summary>
public abstract class PfcpIeContainer
{
    public List<PfcpIe> Ies { get; } = [];

    /// <summary>IE types that must be present (the "M" rows of the message's or grouped IE's table).</summary>
    protected virtual ReadOnlySpan<ushort> MandatoryIes => [];

    public T? Get<T>(ushort type) where T : class, IPfcpIeValue
    {
        foreach (PfcpIe ie in Ies)
        {
            if (ie.Type == type)
            {
                return ie.Value as T;
            }
        }
        return null;
    }

    public IEnumerable<T> GetAll<T>(ushort type) where T : class, IPfcpIeValue
    {
        foreach (PfcpIe ie in Ies)
        {
            if (ie.Type == type && ie.Value is T value)
            {
                yield return value;
            }
        }
    }

    /// <summary>Replaces the first IE of this type (or appends it); null removes every IE of the type.</summary>
    public void Set(ushort type, IPfcpIeValue? value)
    {
        if (value is null)
        {
            Ies.RemoveAll(ie => ie.Type == type);
            return;
        }
        int i = Ies.FindIndex(ie => ie.Type == type);
        if (i >= 0)
        {
            Ies[i] = new PfcpIe(type, value);
        }
        else
        {
            Ies.Add(new PfcpIe(type, value));
        }
    }

    public void Add(ushort type, IPfcpIeValue value) => Ies.Add(new PfcpIe(type, value));

    public void Add(PfcpIe ie) => Ies.Add(ie);

    public int IesLength
    {
        get
        {
            int n = 0;
            foreach (PfcpIe ie in Ies)
            {
                n += ie.EncodedLength;
            }
            return n;
        }
    }

    public int WriteIes(Span<byte> destination)
    {
        int n = 0;
        foreach (PfcpIe ie in Ies)
        {
            n += ie.Write(destination[n..]);
        }
        return n;
    }

    /// <summary>The first mandatory IE type that is absent, or 0.</summary>
    public ushort MissingMandatoryIe()
    {
        foreach (ushort type in MandatoryIes)
        {
            if (!Ies.Exists(ie => ie.Type == type))
            {
                return type;
            }
        }
        return 0;
    }

    /// <summary>Decodes the IEs of <paramref name="body"/> into this container; <paramref name="offset"/> is the body's position in the message.</summary>
    internal bool TryDecodeIes(ReadOnlySpan<byte> body, int offset, int depth, bool checkMandatory, out PfcpDecodeError error)
    {
        var reader = new PfcpIeReader(body, offset);
        while (reader.HasMore)
        {
            if (!reader.TryRead(out ushort type, out ushort enterpriseId, out ReadOnlySpan<byte> value, out int valueOffset, out error))
            {
                return false;
            }
            if (!PfcpIeCodec.TryDecodeValue(type, value, valueOffset, depth, checkMandatory, out IPfcpIeValue? decoded, out error))
            {
                return false;
            }
            Ies.Add(new PfcpIe(type, decoded, enterpriseId));
        }
        ushort missing = checkMandatory ? MissingMandatoryIe() : (ushort)0;
        if (missing != 0)
        {
            error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.MandatoryIeMissing, missing, offset, $"mandatory IE {PfcpIeNames.Get(missing)} missing");
            return false;
        }
        error = default;
        return true;
    }

    internal void WriteIesJson(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("ies");
        foreach (PfcpIe ie in Ies)
        {
            PfcpJson.WriteIe(writer, ie);
        }
        writer.WriteEndArray();
    }
}

/// <summary>A grouped IE (§8.1.1: its value is itself a list of IEs).</summary>
public abstract class PfcpGroup : PfcpIeContainer, IPfcpIeValue
{
    public int Length => IesLength;

    public void Write(Span<byte> destination) => WriteIes(destination);

    public void WriteJson(Utf8JsonWriter writer) => WriteIesJson(writer);
}

/// <summary>A grouped IE with no typed class here (Query URR, PFD context, …): its children are still decoded.</summary>
public sealed class PfcpGenericGroup : PfcpGroup
{
}
