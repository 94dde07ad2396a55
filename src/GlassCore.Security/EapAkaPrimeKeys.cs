// RFC 9048 §3.3 (EAP-AKA' key derivation, PRF') and TS 33.501 §6.1.3.1 (KAUSF = first 256 bits of EMSK).
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Security;

/// <summary>
/// MK = PRF'(IK'||CK', "EAP-AKA'" || Identity) with PRF'(K, S) = T1 | T2 | ..., T1 = HMAC-SHA-256(K, S | 0x01),
/// Tn = HMAC-SHA-256(K, Tn-1 | S | n). MK is split into K_encr (128 bits), K_aut (256), K_re (256), MSK (512) and
/// EMSK (512): 1664 bits in all.
/// </summary>
public static class EapAkaPrimeKeys
{
    public const int KEncrLength = 16;
    public const int KAutLength = 32;
    public const int KReLength = 32;
    public const int MskLength = 64;
    public const int EmskLength = 64;
    public const int MkLength = KEncrLength + KAutLength + KReLength + MskLength + EmskLength;

    private static ReadOnlySpan<byte> Label => "EAP-AKA'"u8;

    /// <summary>Writes MK (208 bytes) in the order K_encr | K_aut | K_re | MSK | EMSK.</summary>
    public static void DeriveMk(ReadOnlySpan<byte> ckPrime, ReadOnlySpan<byte> ikPrime, ReadOnlySpan<byte> identity, Span<byte> mk)
    {
        Milenage.Check(ckPrime, 16, nameof(ckPrime));
        Milenage.Check(ikPrime, 16, nameof(ikPrime));
        Milenage.CheckOut(mk, MkLength, nameof(mk));
        if (identity.Length > 1024)
        {
            throw new ArgumentException("identity is longer than 1024 bytes", nameof(identity));
        }
        Span<byte> key = stackalloc byte[32];
        ikPrime.CopyTo(key);
        ckPrime.CopyTo(key[16..]);
        int sLength = Label.Length + identity.Length;
        // Block n input: T(n-1) (32 bytes, absent for n = 1) | S | n.
        Span<byte> input = stackalloc byte[32 + sLength + 1];
        Span<byte> t = stackalloc byte[32];
        int written = 0;
        for (int n = 1; written < MkLength; n++)
        {
            int at = 0;
            if (n > 1)
            {
                t.CopyTo(input);
                at = 32;
            }
            Label.CopyTo(input[at..]);
            identity.CopyTo(input[(at + Label.Length)..]);
            input[at + sLength] = (byte)n;
            HMACSHA256.HashData(key, input[..(at + sLength + 1)], t);
            int take = Math.Min(32, MkLength - written);
            t[..take].CopyTo(mk[written..]);
            written += take;
        }
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(t);
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>The five keys from CK', IK' and the EAP identity (the SUPI or SUCI text as sent in EAP-Response/Identity).</summary>
    public static void Derive(ReadOnlySpan<byte> ckPrime, ReadOnlySpan<byte> ikPrime, ReadOnlySpan<byte> identity, Span<byte> kEncr, Span<byte> kAut, Span<byte> kRe, Span<byte> msk, Span<byte> emsk)
    {
        Milenage.CheckOut(kEncr, KEncrLength, nameof(kEncr));
        Milenage.CheckOut(kAut, KAutLength, nameof(kAut));
        Milenage.CheckOut(kRe, KReLength, nameof(kRe));
        Milenage.CheckOut(msk, MskLength, nameof(msk));
        Milenage.CheckOut(emsk, EmskLength, nameof(emsk));
        Span<byte> mk = stackalloc byte[MkLength];
        DeriveMk(ckPrime, ikPrime, identity, mk);
        mk[..16].CopyTo(kEncr);
        mk.Slice(16, 32).CopyTo(kAut);
        mk.Slice(48, 32).CopyTo(kRe);
        mk.Slice(80, 64).CopyTo(msk);
        mk.Slice(144, 64).CopyTo(emsk);
        CryptographicOperations.ZeroMemory(mk);
    }

    /// <summary>Text identity overload (ASCII/UTF-8 bytes of the NAI).</summary>
    public static void Derive(ReadOnlySpan<byte> ckPrime, ReadOnlySpan<byte> ikPrime, string identity, Span<byte> kEncr, Span<byte> kAut, Span<byte> kRe, Span<byte> msk, Span<byte> emsk)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Derive(ckPrime, ikPrime, Encoding.UTF8.GetBytes(identity), kEncr, kAut, kRe, msk, emsk);
    }

    /// <summary>KAUSF for EAP-AKA' (TS 33.501 §6.1.3.1): the most significant 256 bits of EMSK.</summary>
    public static void Kausf(ReadOnlySpan<byte> emsk, Span<byte> kausf)
    {
        Milenage.Check(emsk, EmskLength, nameof(emsk));
        Milenage.CheckOut(kausf, 32, nameof(kausf));
        emsk[..32].CopyTo(kausf);
    }
}
