// TS 33.501 Annex A: the 5G key hierarchy (A.2 KAUSF, A.3 CK'/IK', A.4 RES*, A.5 HRES*, A.6 KSEAF, A.7 KAMF,
// A.8 algorithm keys, A.9 KgNB/KN3IWF, A.10 NH, A.11 KNG-RAN*, A.13 KAMF') and AUTN of TS 33.102 §6.3.2.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Security;

/// <summary>Algorithm type distinguishers of TS 33.501 Table A.8-1 (P0 of the algorithm key derivation).</summary>
public enum AlgorithmTypeDistinguisher : byte
{
    NNasEnc = 0x01,
    NNasInt = 0x02,
    NRrcEnc = 0x03,
    NRrcInt = 0x04,
    NUpEnc = 0x05,
    NUpInt = 0x06,
}

/// <summary>Access type distinguisher of TS 33.501 A.9 (P1 of the KgNB/KN3IWF derivation).</summary>
public enum AccessTypeDistinguisher : byte
{
    ThreeGppAccess = 0x01,
    NonThreeGppAccess = 0x02,
}

/// <summary>
/// The 5G key derivations, named after the keys. Text inputs (serving network name, SUPI) are ASCII and given as
/// strings or char spans; 256-bit outputs need 32 bytes, the 128-bit ones (RES*, HXRES*, CK', IK', algorithm keys) 16.
/// None allocates.
/// </summary>
public static class KeyHierarchy
{
    public const byte FcKausf = 0x6A;
    public const byte FcResStar = 0x6B;
    public const byte FcKseaf = 0x6C;
    public const byte FcKamf = 0x6D;
    public const byte FcAlgorithmKey = 0x69;
    public const byte FcKgnb = 0x6E;
    public const byte FcNh = 0x6F;
    public const byte FcKngRanStar = 0x70;
    public const byte FcKamfPrime = 0x72;
    public const byte FcCkIkPrime = 0x20;

    private const int MaxText = 256;

    /// <summary>AUTN = SQN xor AK || AMF || MAC-A (16 bytes).</summary>
    public static void Autn(ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> ak, ReadOnlySpan<byte> amf, ReadOnlySpan<byte> macA, Span<byte> autn)
    {
        Milenage.Check(sqn, 6, nameof(sqn));
        Milenage.Check(ak, 6, nameof(ak));
        Milenage.Check(amf, 2, nameof(amf));
        Milenage.Check(macA, 8, nameof(macA));
        Milenage.CheckOut(autn, 16, nameof(autn));
        for (int i = 0; i < 6; i++)
        {
            autn[i] = (byte)(sqn[i] ^ ak[i]);
        }
        amf.CopyTo(autn[6..]);
        macA.CopyTo(autn[8..]);
    }

    /// <summary>RES* / XRES* (A.4): KDF(CK||IK, 0x6B, SN name, RAND, RES), the 128 least significant bits.</summary>
    public static void ResStar(ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, ReadOnlySpan<char> servingNetworkName, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> res, Span<byte> resStar)
    {
        Milenage.CheckOut(resStar, 16, nameof(resStar));
        Milenage.Check(rand, 16, nameof(rand));
        if (res.Length is < 4 or > 16)
        {
            throw new ArgumentException("RES is 4 to 16 bytes", nameof(res));
        }
        Span<byte> key = stackalloc byte[32];
        CkIk(ck, ik, key);
        Span<byte> snn = stackalloc byte[MaxText];
        snn = Ascii(servingNetworkName, snn, nameof(servingNetworkName));
        Span<byte> o = stackalloc byte[32];
        Kdf.Derive(key, FcResStar, o, snn, rand, res);
        o[16..].CopyTo(resStar);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>HRES* / HXRES* (A.5): SHA-256(RAND || (X)RES*), the 128 least significant bits.</summary>
    public static void HxresStar(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> xresStar, Span<byte> hxresStar)
    {
        Milenage.Check(rand, 16, nameof(rand));
        Milenage.Check(xresStar, 16, nameof(xresStar));
        Milenage.CheckOut(hxresStar, 16, nameof(hxresStar));
        Span<byte> s = stackalloc byte[32];
        rand.CopyTo(s);
        xresStar.CopyTo(s[16..]);
        Span<byte> h = stackalloc byte[32];
        SHA256.HashData(s, h);
        h[16..].CopyTo(hxresStar);
    }

    /// <summary>KAUSF for 5G AKA (A.2): KDF(CK||IK, 0x6A, SN name, SQN xor AK).</summary>
    public static void Kausf(ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, ReadOnlySpan<char> servingNetworkName, ReadOnlySpan<byte> sqnXorAk, Span<byte> kausf)
    {
        Milenage.Check(sqnXorAk, 6, nameof(sqnXorAk));
        Span<byte> key = stackalloc byte[32];
        CkIk(ck, ik, key);
        Span<byte> snn = stackalloc byte[MaxText];
        snn = Ascii(servingNetworkName, snn, nameof(servingNetworkName));
        Kdf.Derive(key, FcKausf, kausf, snn, sqnXorAk);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>
    /// CK' and IK' for EAP-AKA' (A.3, with the TS 33.402 A.2 KDF): KDF(CK||IK, 0x20, access network identity,
    /// SQN xor AK); CK' is the first 128 bits, IK' the last. In 5G the access network identity is the serving
    /// network name.
    /// </summary>
    public static void CkIkPrime(ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, ReadOnlySpan<char> accessNetworkIdentity, ReadOnlySpan<byte> sqnXorAk, Span<byte> ckPrime, Span<byte> ikPrime)
    {
        Milenage.Check(sqnXorAk, 6, nameof(sqnXorAk));
        Milenage.CheckOut(ckPrime, 16, nameof(ckPrime));
        Milenage.CheckOut(ikPrime, 16, nameof(ikPrime));
        Span<byte> key = stackalloc byte[32];
        CkIk(ck, ik, key);
        Span<byte> ani = stackalloc byte[MaxText];
        ani = Ascii(accessNetworkIdentity, ani, nameof(accessNetworkIdentity));
        Span<byte> o = stackalloc byte[32];
        Kdf.Derive(key, FcCkIkPrime, o, ani, sqnXorAk);
        o[..16].CopyTo(ckPrime);
        o[16..].CopyTo(ikPrime);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(o);
    }

    /// <summary>KSEAF (A.6): KDF(KAUSF, 0x6C, SN name).</summary>
    public static void Kseaf(ReadOnlySpan<byte> kausf, ReadOnlySpan<char> servingNetworkName, Span<byte> kseaf)
    {
        Milenage.Check(kausf, 32, nameof(kausf));
        Span<byte> snn = stackalloc byte[MaxText];
        snn = Ascii(servingNetworkName, snn, nameof(servingNetworkName));
        Kdf.Derive(kausf, FcKseaf, kseaf, snn);
    }

    /// <summary>
    /// KAMF (A.7.1): KDF(KSEAF, 0x6D, SUPI, ABBA). For an IMSI SUPI P0 is the IMSI digit string, for an NAI the NAI
    /// (TS 23.003 §2.2A): a leading "imsi-" or "nai-" type prefix is removed here, so both "imsi-001010000000001"
    /// and "001010000000001" give the same key.
    /// </summary>
    public static void Kamf(ReadOnlySpan<byte> kseaf, ReadOnlySpan<char> supi, ReadOnlySpan<byte> abba, Span<byte> kamf)
    {
        Milenage.Check(kseaf, 32, nameof(kseaf));
        if (abba.Length < 2)
        {
            throw new ArgumentException("ABBA is at least 2 bytes (0x0000 initially)", nameof(abba));
        }
        Span<byte> p0 = stackalloc byte[MaxText];
        p0 = Ascii(SupiValue(supi), p0, nameof(supi));
        Kdf.Derive(kseaf, FcKamf, kamf, p0, abba);
    }

    /// <summary>The SUPI value without its "imsi-"/"nai-" type prefix (TS 23.003 §2.2A).</summary>
    public static ReadOnlySpan<char> SupiValue(ReadOnlySpan<char> supi)
    {
        if (supi.StartsWith("imsi-", StringComparison.OrdinalIgnoreCase))
        {
            return supi[5..];
        }
        if (supi.StartsWith("nai-", StringComparison.OrdinalIgnoreCase))
        {
            return supi[4..];
        }
        return supi;
    }

    /// <summary>
    /// KNASint/KNASenc (from KAMF) and KRRCint/enc, KUPint/enc (from KgNB) (A.8): KDF(key, 0x69, distinguisher,
    /// algorithm identity), the 128 least significant bits.
    /// </summary>
    public static void AlgorithmKey(ReadOnlySpan<byte> key, AlgorithmTypeDistinguisher distinguisher, byte algorithmId, Span<byte> output)
    {
        Milenage.Check(key, 32, nameof(key));
        Milenage.CheckOut(output, 16, nameof(output));
        ReadOnlySpan<byte> p0 = [(byte)distinguisher];
        ReadOnlySpan<byte> p1 = [algorithmId];
        Span<byte> o = stackalloc byte[32];
        Kdf.Derive(key, FcAlgorithmKey, o, p0, p1);
        o[16..].CopyTo(output);
        CryptographicOperations.ZeroMemory(o);
    }

    /// <summary>KgNB (A.9): KDF(KAMF, 0x6E, uplink NAS COUNT, 0x01).</summary>
    public static void Kgnb(ReadOnlySpan<byte> kamf, uint uplinkNasCount, Span<byte> kgnb) =>
        KgnbOrKn3iwf(kamf, uplinkNasCount, AccessTypeDistinguisher.ThreeGppAccess, kgnb);

    /// <summary>KN3IWF (A.9): KDF(KAMF, 0x6E, uplink NAS COUNT, 0x02).</summary>
    public static void Kn3iwf(ReadOnlySpan<byte> kamf, uint uplinkNasCount, Span<byte> kn3iwf) =>
        KgnbOrKn3iwf(kamf, uplinkNasCount, AccessTypeDistinguisher.NonThreeGppAccess, kn3iwf);

    public static void KgnbOrKn3iwf(ReadOnlySpan<byte> kamf, uint uplinkNasCount, AccessTypeDistinguisher accessType, Span<byte> output)
    {
        Milenage.Check(kamf, 32, nameof(kamf));
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, uplinkNasCount);
        ReadOnlySpan<byte> p1 = [(byte)accessType];
        Kdf.Derive(kamf, FcKgnb, output, count, p1);
    }

    /// <summary>NH (A.10): KDF(KAMF, 0x6F, SYNC-input), SYNC-input being the initial KgNB or the previous NH.</summary>
    public static void Nh(ReadOnlySpan<byte> kamf, ReadOnlySpan<byte> syncInput, Span<byte> nh)
    {
        Milenage.Check(kamf, 32, nameof(kamf));
        Milenage.Check(syncInput, 32, nameof(syncInput));
        Kdf.Derive(kamf, FcNh, nh, syncInput);
    }

    /// <summary>
    /// KNG-RAN* for the target cell (A.11): KDF(KgNB or NH, 0x70, PCI (2 bytes), ARFCN-DL (3 bytes)). ARFCN-DL is
    /// encoded on 3 bytes as the clause's L1 = 0x0003 says (some implementations use 2 bytes when it fits).
    /// </summary>
    public static void KngRanStar(ReadOnlySpan<byte> kgnbOrNh, ushort pci, uint arfcnDl, Span<byte> output)
    {
        Milenage.Check(kgnbOrNh, 32, nameof(kgnbOrNh));
        if (arfcnDl > 0xFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(arfcnDl), "ARFCN-DL has 3 bytes");
        }
        Span<byte> p0 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(p0, pci);
        Span<byte> p1 = [(byte)(arfcnDl >> 16), (byte)(arfcnDl >> 8), (byte)arfcnDl];
        Kdf.Derive(kgnbOrNh, FcKngRanStar, output, p0, p1);
    }

    /// <summary>
    /// KAMF' for horizontal derivation at mobility (A.13): KDF(KAMF, 0x72, DIRECTION, COUNT); DIRECTION 0x00 with
    /// the uplink NAS COUNT of the Registration Request (idle mobility), 0x01 with the downlink NAS COUNT (handover).
    /// </summary>
    public static void KamfPrime(ReadOnlySpan<byte> kamf, byte direction, uint count, Span<byte> kamfPrime)
    {
        Milenage.Check(kamf, 32, nameof(kamf));
        if (direction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), "DIRECTION is 0x00 (idle mobility) or 0x01 (handover)");
        }
        ReadOnlySpan<byte> p0 = [direction];
        Span<byte> p1 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(p1, count);
        Kdf.Derive(kamf, FcKamfPrime, kamfPrime, p0, p1);
    }

    private static void CkIk(ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, Span<byte> key)
    {
        Milenage.Check(ck, 16, nameof(ck));
        Milenage.Check(ik, 16, nameof(ik));
        ck.CopyTo(key);
        ik.CopyTo(key[16..]);
    }

    internal static Span<byte> Ascii(ReadOnlySpan<char> text, Span<byte> buffer, string name)
    {
        if (text.Length > buffer.Length)
        {
            throw new ArgumentException($"{name} is longer than {buffer.Length} characters", name);
        }
        if (!System.Text.Ascii.IsValid(text))
        {
            throw new ArgumentException($"{name} must be ASCII", name);
        }
        int n = Encoding.ASCII.GetBytes(text, buffer);
        return buffer[..n];
    }
}
