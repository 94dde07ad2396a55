// Robustness (TS 24.501 §7): on any input the decoder returns a message or its own NasError, never an exception.
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Nas.Tests;

public class FuzzTests
{
    /// <summary>Seeds: every NAS PDU of hex_messages.json (real messages from several implementations).</summary>
    internal static List<byte[]> Seeds()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        var seeds = new List<byte[]>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("protocol").GetString() == "nas-5gs")
            {
                seeds.Add(Convert.FromHexString(e.GetProperty("hex").GetString()!));
            }
        }
        return seeds;
    }

    /// <summary>The hex of the <paramref name="occurrence"/>-th NAS message of hex_messages.json with this description.</summary>
    internal static string SeedHex(string description, int occurrence = 1)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        int seen = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("protocol").GetString() == "nas-5gs" && e.GetProperty("name").GetString() == description && ++seen == occurrence)
            {
                return e.GetProperty("hex").GetString()!;
            }
        }
        throw new InvalidOperationException($"hex_messages.json has no NAS message '{description}' #{occurrence}");
    }

    [Fact]
    public void OneMillionMutatedAndRandomInputs_OnlyEverYieldMessagesOrNasErrors()
    {
        var seeds = Seeds();
        // Plain messages nested in the seeds too, so mutations reach every message body.
        foreach (var s in seeds.ToList())
        {
            if (s.Length > 7 && s[0] == 0x7E && (s[1] & 0x0F) != 0)
            {
                seeds.Add(s[7..]);
            }
        }
        // CI runs one million inputs from seed 24501; a longer fuzz run sets GLASSCORE_NAS_FUZZ_INPUTS and
        // GLASSCORE_NAS_FUZZ_SEED (README, "Fuzzing").
        long inputs = EnvironmentNumber("GLASSCORE_NAS_FUZZ_INPUTS", 1_000_000);
        var rng = new Random((int)EnvironmentNumber("GLASSCORE_NAS_FUZZ_SEED", 24501));
        byte[] buffer = new byte[512];
        long decoded = 0, failed = 0;
        for (long i = 0; i < inputs; i++)
        {
            int length;
            if (i % 10 == 9)
            {
                length = rng.Next(0, 64);
                rng.NextBytes(buffer.AsSpan(0, length));
                if (length > 0 && rng.Next(2) == 0)
                {
                    buffer[0] = rng.Next(2) == 0 ? (byte)0x7E : (byte)0x2E;
                }
            }
            else
            {
                var seed = seeds[rng.Next(seeds.Count)];
                length = seed.Length;
                seed.CopyTo(buffer, 0);
                int mutations = rng.Next(1, 4);
                for (int k = 0; k < mutations; k++)
                {
                    switch (rng.Next(4))
                    {
                        case 0:
                            buffer[rng.Next(length)] = (byte)rng.Next(256);
                            break;
                        case 1:
                            buffer[rng.Next(length)] ^= (byte)(1 << rng.Next(8));
                            break;
                        case 2:
                            length = rng.Next(length + 1);
                            break;
                        default:
                            int extra = Math.Min(rng.Next(1, 8), buffer.Length - length);
                            rng.NextBytes(buffer.AsSpan(length, extra));
                            length += extra;
                            break;
                    }
                    if (length == 0)
                    {
                        break;
                    }
                }
            }
            byte[] input = buffer.AsSpan(0, length).ToArray();
            NasPdu? pdu;
            NasError error;
            try
            {
                NasPdu.TryDecode(input, out pdu, out error);
            }
            catch (Exception e)
            {
                Assert.Fail($"input {Convert.ToHexStringLower(input)} threw {e}");
                throw;
            }
            if (pdu is not null)
            {
                decoded++;
                // Whatever decodes re-encodes to the same octets, and its plain inner message does too.
                Assert.Equal(input, pdu.ToArray());
                if (pdu is SecurityProtectedNasMessage sp && sp.TryDecodeInner(out var inner, out _))
                {
                    Assert.Equal(sp.Payload.ToArray(), inner.ToArray());
                }
            }
            else
            {
                failed++;
                Assert.NotEqual(NasErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, length);
            }
        }
        // Both outcomes must be common, or the mutations no longer reach the message bodies.
        Assert.True(decoded > inputs / 10 && failed > inputs / 10, $"decoded {decoded}, failed {failed}");
    }

    private static long EnvironmentNumber(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value) && value > 0 ? value : fallback;
}
