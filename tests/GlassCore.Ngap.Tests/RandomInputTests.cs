// §10 robustness: a million random and mutated inputs; the decoder only ever answers true or its own typed error.
using GlassCore.Asn1;

namespace GlassCore.Ngap.Tests;

public sealed class RandomInputTests
{
    [Fact]
    public void MillionRandomAndMutatedInputs_OnlyTypedErrors()
    {
        var seeds = NgapCaptureData.HexMessages.Select(m => m.Bytes).ToList();
        Assert.NotEmpty(seeds);
        var rng = new Random(38413);
        int decoded = 0;
        var buffer = new byte[4096];
        for (int i = 0; i < 1_000_000; i++)
        {
            byte[] seed = seeds[rng.Next(seeds.Count)];
            int length;
            if (i % 10 == 0)
            {
                // Pure noise.
                length = rng.Next(0, 200);
                rng.NextBytes(buffer.AsSpan(0, length));
            }
            else
            {
                // A real PDU with a few bytes changed, then maybe cut or extended.
                length = seed.Length;
                seed.CopyTo(buffer, 0);
                int flips = 1 + rng.Next(4);
                for (int f = 0; f < flips; f++)
                {
                    buffer[rng.Next(length)] ^= (byte)(1 << rng.Next(8));
                }
                if (rng.Next(4) == 0)
                {
                    length = rng.Next(length + 1);
                }
                else if (rng.Next(8) == 0)
                {
                    int extra = rng.Next(16);
                    rng.NextBytes(buffer.AsSpan(length, extra));
                    length += extra;
                }
            }
            var input = buffer.AsSpan(0, length);
            if (Per.TryDecode<NgapPdu>(input, out var pdu, out var error))
            {
                decoded++;
                // What decodes re-encodes without an exception.
                _ = Per.Encode(pdu);
            }
            else
            {
                Assert.NotEqual(Asn1ErrorKind.None, error.Kind);
                Assert.InRange(error.BitOffset, 0, (length * 8L) + 8);
            }
            _ = NgapPeek.TryPeek(input, out _, out _);
        }
        Assert.True(decoded > 1000, $"only {decoded} mutated inputs decoded: the mutations are too destructive to test much");
    }
}
