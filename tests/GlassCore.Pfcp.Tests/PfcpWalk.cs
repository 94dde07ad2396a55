// Helpers that flatten decoded PFCP messages in wire order, the order tshark lists repeated fields in.
using GlassCore.Pfcp;

namespace GlassCore.Pfcp.Tests;

internal static class PfcpWalk
{
    public static IEnumerable<PfcpIe> DepthFirst(PfcpIeContainer container)
    {
        foreach (PfcpIe ie in container.Ies)
        {
            yield return ie;
            if (ie.Value is PfcpGroup g)
            {
                foreach (PfcpIe child in DepthFirst(g))
                {
                    yield return child;
                }
            }
        }
    }

    public static IEnumerable<T> All<T>(PfcpMessage m) where T : class, IPfcpIeValue =>
        DepthFirst(m).Select(ie => ie.Value).OfType<T>();

    /// <summary>Every PFCP message of one UDP payload (several when the Follow On flag is set).</summary>
    public static List<PfcpMessage> DecodeDatagram(byte[] payload)
    {
        var list = new List<PfcpMessage>();
        int offset = 0;
        while (offset < payload.Length)
        {
            Assert.True(PfcpMessage.TryDecode(payload.AsSpan(offset), out PfcpMessage m, out int consumed, out PfcpDecodeError error), error.ToString());
            list.Add(m);
            offset += consumed;
        }
        return list;
    }
}
