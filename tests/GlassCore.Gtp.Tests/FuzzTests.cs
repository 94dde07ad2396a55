// Random and mutated input never makes the GTP-U parser throw; whatever parses re-encodes to the same octets.
using GlassCore.Gtp;

namespace GlassCore.Gtp.Tests;

public sealed class FuzzTests
{
    [Fact]
    public void OneMillionInputs_ParserOnlyReturnsItsOwnErrors()
    {
        var rng = new Random(29281);
        var buffer = new byte[256];
        var seed = new byte[64];
        GtpUMessages.TryWriteGpduHeader(seed, 0x1234, 20, PduSessionInformation.Downlink(5, true, 2), out int seedHeader);
        int seedLength = seedHeader + 20;
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            int length;
            if ((i & 1) == 0)
            {
                length = rng.Next(0, 64);
                rng.NextBytes(buffer.AsSpan(0, length));
                if (length > 0)
                {
                    buffer[0] = (byte)(0x30 | (buffer[0] & 0x07));
                }
            }
            else
            {
                seed.AsSpan(0, seedLength).CopyTo(buffer);
                length = seedLength;
                buffer[rng.Next(length)] = (byte)rng.Next(256);
                if (rng.Next(3) == 0)
                {
                    length = rng.Next(length);
                }
            }
            try
            {
                ReadOnlySpan<byte> input = buffer.AsSpan(0, length);
                if (GtpUPacket.TryParse(input, out GtpUPacket p, out _))
                {
                    parsed++;
                    _ = p.TryGetPduSessionInformation(out _);
                    if (p.MessageType == GtpUMessageType.ErrorIndication)
                    {
                        _ = GtpUSignalling.TryParseErrorIndication(p.Payload, out _, out _, out _);
                    }
                    if (p.MessageType == GtpUMessageType.EchoResponse)
                    {
                        _ = GtpUSignalling.TryParseEchoResponse(p.Payload, out _, out _);
                    }
                    if (!input[..p.TotalLength].SequenceEqual(Reencode.Packet(input)))
                    {
                        Assert.Fail($"input {i} ({Convert.ToHexString(input)}) re-encodes differently");
                    }
                }
                else
                {
                    rejected++;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(buffer, 0, length)}) threw {e}");
            }
        }
        Assert.True(parsed > 10_000 && rejected > 10_000, $"parsed {parsed}, rejected {rejected}");
    }
}
