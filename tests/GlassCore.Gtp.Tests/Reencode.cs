// Re-encodes a parsed GTP-U packet field by field through GtpUWriter (the PDU Session Container through its typed fields).
using GlassCore.Gtp;

namespace GlassCore.Gtp.Tests;

internal static class Reencode
{
    public static byte[] Packet(ReadOnlySpan<byte> datagram)
    {
        Assert.True(GtpUPacket.TryParse(datagram, out GtpUPacket p, out GtpUError error), error.ToString());
        var buffer = new byte[datagram.Length + 64];
        var w = new GtpUWriter(buffer, p.MessageType, p.Teid, p.Flags, p.SequenceNumber, p.NPduNumber, p.NextExtensionTypeOctet);
        foreach (GtpUExtension ext in p.Extensions)
        {
            if (ext.Type == GtpUExtensionType.PduSessionContainer && PduSessionInformation.TryParse(ext.Content, out PduSessionInformation info))
            {
                Assert.True(w.AddPduSessionContainer(info, ext.Content[info.ContentLength..]));
            }
            else
            {
                Assert.True(w.AddExtension(ext.Type, ext.Content));
            }
        }
        Assert.True(w.AddBytes(p.Payload));
        Assert.True(w.TryFinish(0, out int written));
        return buffer[..written];
    }
}
