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

    /// <summary>QFIs as tshark lists them (pfcp.qfi_value): QFI IEs and the QFI inside Downlink Data Service Information.</summary>
    public static IEnumerable<string> Qfis(PfcpMessage m) => DepthFirst(m).SelectMany(ie => ie.Value switch
    {
        Qfi q => [q.Value],
        DownlinkDataServiceInformation d when (d.Flags & 2) != 0 => [(byte)(d.QfiOctet & 0x3F)],
        _ => Array.Empty<byte>(),
    }).Select(q => $"0x{q:x2}");

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
