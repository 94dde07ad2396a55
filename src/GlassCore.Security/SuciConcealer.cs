// TS 33.501 §6.12.2 and Annex C.3/C.4 (UE side): SUPI → SUCI with the null scheme, Profile A or Profile B.
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Security;

/// <summary>Builds SUCIs as a USIM/ME does; used by the UE simulator and `glasscore tools suci conceal`.</summary>
public static class SuciConcealer
{
    /// <summary>
    /// Conceals <paramref name="supi"/> ("imsi-&lt;digits&gt;", or "nai-", "gli-" or "gci-" then &lt;username&gt;@&lt;realm&gt;). The IMSI is split into MCC (3 digits),
    /// MNC (<paramref name="mncDigits"/>) and MSIN. The home network public key is 32 bytes (Profile A) or a compressed or
    /// uncompressed P-256 point (Profile B); unused for the null scheme. Without <paramref name="ephemeralPrivateKey"/>
    /// a fresh ephemeral key is drawn (fixing it is only for test vectors). Bad arguments throw ArgumentException.
    /// </summary>
    public static Suci Conceal(string supi, ProtectionScheme scheme, byte homeNetworkPublicKeyId, ReadOnlySpan<byte> homeNetworkPublicKey,
        string routingIndicator = "0000", int mncDigits = 2, ReadOnlySpan<byte> ephemeralPrivateKey = default)
    {
        ArgumentNullException.ThrowIfNull(supi);
        SupiType type;
        string mcc = "", mnc = "";
        string? realm = null;
        byte[] schemeInput;
        if (supi.StartsWith("imsi-", StringComparison.Ordinal))
        {
            string digits = supi[5..];
            if (mncDigits is not (2 or 3))
            {
                throw new ArgumentOutOfRangeException(nameof(mncDigits), "the MNC has 2 or 3 digits");
            }
            if (!Suci.IsDigits(digits, 3 + mncDigits + 1, 15))
            {
                throw new ArgumentException("an IMSI SUPI is imsi- followed by up to 15 digits", nameof(supi));
            }
            type = SupiType.Imsi;
            mcc = digits[..3];
            mnc = digits.Substring(3, mncDigits);
            schemeInput = Bcd.Encode(digits[(3 + mncDigits)..]);
        }
        else if (supi.StartsWith("nai-", StringComparison.Ordinal) || supi.StartsWith("gli-", StringComparison.Ordinal) || supi.StartsWith("gci-", StringComparison.Ordinal))
        {
            string nai = supi[4..];
            int at = nai.LastIndexOf('@');
            if (at <= 0 || at == nai.Length - 1)
            {
                throw new ArgumentException("a network specific identifier, GLI or GCI SUPI is nai-|gli-|gci-username@realm", nameof(supi));
            }
            type = supi[..4] switch
            {
                "gli-" => SupiType.GlobalLineIdentifier,
                "gci-" => SupiType.GlobalCableIdentifier,
                _ => SupiType.NetworkSpecificIdentifier,
            };
            realm = nai[(at + 1)..];
            schemeInput = Encoding.UTF8.GetBytes(nai[..at]);
        }
        else
        {
            throw new ArgumentException("the SUPI must start with imsi-, nai-, gli- or gci-", nameof(supi));
        }

        byte[] output = scheme switch
        {
            ProtectionScheme.Null => schemeInput,
            ProtectionScheme.ProfileA => ProfileA(homeNetworkPublicKey, ephemeralPrivateKey, schemeInput),
            ProtectionScheme.ProfileB => ProfileB(homeNetworkPublicKey, ephemeralPrivateKey, schemeInput),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unsupported protection scheme"),
        };
        return new Suci(type, mcc, mnc, routingIndicator, scheme, scheme == ProtectionScheme.Null ? (byte)0 : homeNetworkPublicKeyId, output, realm);
    }

    private static byte[] ProfileA(ReadOnlySpan<byte> hnPublic, ReadOnlySpan<byte> ephPrivate, byte[] plaintext)
    {
        if (hnPublic.Length != Ecies.ProfileAKeyLength)
        {
            throw new ArgumentException("the Profile A home network public key is 32 bytes", nameof(hnPublic));
        }
        Span<byte> priv = stackalloc byte[32];
        if (ephPrivate.IsEmpty)
        {
            RandomNumberGenerator.Fill(priv);
        }
        else if (ephPrivate.Length == 32)
        {
            ephPrivate.CopyTo(priv);
        }
        else
        {
            throw new ArgumentException("the ephemeral private key is 32 bytes", nameof(ephPrivate));
        }
        var output = new byte[32 + plaintext.Length + Ecies.MacTagLength];
        Ecies.X25519PublicKey(priv, output.AsSpan(0, 32));
        Span<byte> shared = stackalloc byte[32];
        if (!Ecies.X25519Agreement(priv, hnPublic, shared))
        {
            throw new ArgumentException("the home network public key is of small order", nameof(hnPublic));
        }
        Span<byte> keying = stackalloc byte[64];
        Ecies.DeriveKeys(shared, output.AsSpan(0, 32), keying);
        Ecies.Seal(keying, plaintext, output.AsSpan(32));
        CryptographicOperations.ZeroMemory(priv);
        CryptographicOperations.ZeroMemory(shared);
        CryptographicOperations.ZeroMemory(keying);
        return output;
    }

    private static byte[] ProfileB(ReadOnlySpan<byte> hnPublic, ReadOnlySpan<byte> ephPrivate, byte[] plaintext)
    {
        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        if (!P256.TryDecode(hnPublic, x, y))
        {
            throw new ArgumentException("the Profile B home network public key is not a P-256 point (33 or 65 bytes)", nameof(hnPublic));
        }
        using var hn = ECDiffieHellman.Create(P256.PublicParameters(x, y));
        ECDiffieHellman eph;
        if (ephPrivate.IsEmpty)
        {
            eph = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        }
        else if (ephPrivate.Length == 32)
        {
            try
            {
                eph = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = ephPrivate.ToArray() });
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException("the ephemeral private key is not a valid P-256 scalar", nameof(ephPrivate), e);
            }
        }
        else
        {
            throw new ArgumentException("the ephemeral private key is 32 bytes", nameof(ephPrivate));
        }
        using (eph)
        {
            ECParameters p = eph.ExportParameters(false);
            var output = new byte[Ecies.CompressedPointLength + plaintext.Length + Ecies.MacTagLength];
            P256.Compress(p.Q.X, p.Q.Y, output);
            byte[] shared = eph.DeriveRawSecretAgreement(hn.PublicKey);
            Span<byte> keying = stackalloc byte[64];
            Ecies.DeriveKeys(shared, output.AsSpan(0, Ecies.CompressedPointLength), keying);
            Ecies.Seal(keying, plaintext, output.AsSpan(Ecies.CompressedPointLength));
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(keying);
            return output;
        }
    }
}
