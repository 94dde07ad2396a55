// TS 33.501 §5.11.1 and Annex D: the NAS/AS ciphering (NEA) and integrity (NIA) algorithm identities (4 bits on the wire).
namespace GlassCore.Security;

public enum NasCipheringAlgorithm : byte
{
    Nea0 = 0,
    Nea1 = 1,
    Nea2 = 2,
    Nea3 = 3,
}

public enum NasIntegrityAlgorithm : byte
{
    Nia0 = 0,
    Nia1 = 1,
    Nia2 = 2,
    Nia3 = 3,
}

/// <summary>Checks shared by NEA and NIA: key, BEARER, DIRECTION and LENGTH (in bits) against the buffer.</summary>
internal static class AlgorithmInputs
{
    public static int Check(ReadOnlySpan<byte> key, byte bearer, byte direction, int dataLength, long bitLength, bool keyNeeded)
    {
        if (keyNeeded && key.Length != 16)
        {
            throw new ArgumentException($"the 128-NEA/NIA key is 16 bytes, got {key.Length}", nameof(key));
        }
        if (bearer > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(bearer), bearer, "BEARER has 5 bits");
        }
        if (direction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "DIRECTION is 0 (uplink) or 1 (downlink)");
        }
        if (bitLength < 0 || (bitLength + 7) >> 3 > dataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(bitLength), bitLength, $"LENGTH does not fit the {dataLength}-byte buffer");
        }
        return (int)((bitLength + 7) >> 3);
    }

    /// <summary>Clears the bits after LENGTH in the last byte (the spec's output has them zero).</summary>
    public static void ClearTail(Span<byte> data, long bitLength)
    {
        int rem = (int)(bitLength & 7);
        if (rem != 0)
        {
            data[(int)(bitLength >> 3)] &= (byte)(0xFF << (8 - rem));
        }
    }
}
