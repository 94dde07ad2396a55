// Random and mutated input never makes the PFCP decoder throw: it returns a message or its own PfcpDecodeError.
using GlassCore.Pfcp;

namespace GlassCore.Pfcp.Tests;

public sealed class FuzzTests
{
    [Fact]
    public void OneMillionInputs_DecoderOnlyReturnsItsOwnErrors()
    {
        byte[][] seeds = [.. Build.NodeMessages().Concat(Build.SessionMessages()).Select(m => m.Encode())];
        var rng = new Random(20261129);
        var buffer = new byte[2048];
        int decoded = 0, failed = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            int length;
            if (i % 4 == 0)
            {
                // Pure noise behind a plausible header, so the IE walker sees it.
                length = rng.Next(0, 200);
                rng.NextBytes(buffer.AsSpan(0, length));
                if (length >= 8)
                {
                    buffer[0] = 0x21;
                    buffer[2] = (byte)((length - 4) >> 8);
                    buffer[3] = (byte)(length - 4);
                }
            }
            else
            {
                // Mutations of valid messages: flipped bytes, truncation, changed lengths.
                byte[] seed = seeds[rng.Next(seeds.Length)];
                length = seed.Length;
                seed.CopyTo(buffer, 0);
                int flips = rng.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    buffer[rng.Next(4, length)] = (byte)rng.Next(256);
                }
                if (rng.Next(4) == 0)
                {
                    length = rng.Next(length);
                }
            }
            try
            {
                if (PfcpMessage.TryDecode(buffer.AsSpan(0, length), out PfcpMessage m, out int consumed, out _))
                {
                    decoded++;
                    // Whatever decodes must encode back to the octets it came from.
                    if (!buffer.AsSpan(0, consumed).SequenceEqual(m.Encode()))
                    {
                        Assert.Fail($"input {i} ({Convert.ToHexString(buffer, 0, length)}) decoded but re-encodes differently");
                    }
                }
                else
                {
                    failed++;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(buffer, 0, length)}) threw {e}");
            }
        }
        Assert.True(decoded > 10_000 && failed > 10_000, $"decoded {decoded}, failed {failed}");
    }
}
