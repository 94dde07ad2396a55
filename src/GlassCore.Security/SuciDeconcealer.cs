// TS 33.501 §6.12.2 and Annex C.3/C.4 (home network side, the SIDF in the UDM): SUCI → SUPI.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Security;

/// <summary>
/// Holds the home network private keys by (protection scheme, home network public key identifier) and de-conceals
/// SUCIs. Every failure is a <see cref="SuciError"/>; nothing a UE sends can make it throw. Thread-safe: Profile B
/// keeps one imported OpenSSL key per thread. Key material never appears in <see cref="ToString"/>.
/// </summary>
public sealed class SuciDeconcealer : IDisposable
{
    private readonly ConcurrentDictionary<(ProtectionScheme, byte), HomeNetworkKey> _keys = new();

    /// <param name="allowNullScheme">Whether null-scheme SUCIs are accepted (TS 33.501 §6.12.2 leaves this to the home network).</param>
    public SuciDeconcealer(bool allowNullScheme = true) => AllowNullScheme = allowNullScheme;

    public bool AllowNullScheme { get; }

    /// <summary>Adds a 32-byte private key (X25519 scalar for Profile A, P-256 scalar for Profile B). Bad keys throw ArgumentException.</summary>
    public void AddKey(ProtectionScheme scheme, byte keyId, ReadOnlySpan<byte> privateKey)
    {
        var key = new HomeNetworkKey(scheme, privateKey);
        if (_keys.TryRemove((scheme, keyId), out HomeNetworkKey? old))
        {
            old.Dispose();
        }
        _keys[(scheme, keyId)] = key;
    }

    /// <summary>The public key to provision in USIMs for a private key: 32 bytes (Profile A) or a compressed point (Profile B).</summary>
    public static byte[] PublicKey(ProtectionScheme scheme, ReadOnlySpan<byte> privateKey)
    {
        using var key = new HomeNetworkKey(scheme, privateKey);
        return key.PublicKey.ToArray();
    }

    public bool TryDeconceal(string suci, out string supi, out SuciError error)
    {
        supi = "";
        return Suci.TryParse(suci, out Suci parsed, out error) && TryDeconceal(parsed, out supi, out error);
    }

    public bool TryDeconceal(Suci suci, out string supi, out SuciError error)
    {
        supi = "";
        if (suci.RoutingIndicator is null)
        {
            error = SuciError.Malformed;
            return false;
        }
        ReadOnlySpan<byte> output = suci.SchemeOutput;
        byte[] plaintext;
        switch (suci.ProtectionScheme)
        {
            case ProtectionScheme.Null:
                if (!AllowNullScheme)
                {
                    error = SuciError.UnsupportedScheme;
                    return false;
                }
                plaintext = output.ToArray();
                break;
            case ProtectionScheme.ProfileA:
            case ProtectionScheme.ProfileB:
                if (!_keys.TryGetValue((suci.ProtectionScheme, suci.HomeNetworkPublicKeyId), out HomeNetworkKey? key))
                {
                    error = SuciError.UnknownKeyId;
                    return false;
                }
                error = key.TryOpen(output, out plaintext);
                if (error != SuciError.None)
                {
                    return false;
                }
                break;
            default:
                error = SuciError.UnsupportedScheme;
                return false;
        }
        return TryBuildSupi(suci, plaintext, out supi, out error);
    }

    private static bool TryBuildSupi(Suci suci, byte[] schemeInput, out string supi, out SuciError error)
    {
        supi = "";
        error = SuciError.InvalidSchemeInput;
        if (suci.SupiType == SupiType.Imsi)
        {
            string? msin = Bcd.Decode(schemeInput);
            if (msin is null || msin.Length == 0 || suci.Mcc.Length + suci.Mnc.Length + msin.Length > 15)
            {
                return false;
            }
            supi = "imsi-" + suci.Mcc + suci.Mnc + msin;
        }
        else
        {
            string username;
            try
            {
                username = new UTF8Encoding(false, true).GetString(schemeInput);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
            if (username.Length == 0 || username.Contains('@', StringComparison.Ordinal) || username.Any(char.IsControl))
            {
                return false;
            }
            supi = "nai-" + username + "@" + suci.Realm;
        }
        error = SuciError.None;
        return true;
    }

    public override string ToString() =>
        "SuciDeconcealer(keys: " + string.Join(", ", _keys.Keys.Select(k => $"{k.Item1}/{k.Item2}")) + ")";

    public void Dispose()
    {
        foreach (HomeNetworkKey key in _keys.Values)
        {
            key.Dispose();
        }
        _keys.Clear();
    }

    private sealed class HomeNetworkKey : IDisposable
    {
        private readonly ProtectionScheme _scheme;
        private readonly byte[] _private;
        private readonly ThreadLocal<ECDiffieHellman>? _p256;

        public HomeNetworkKey(ProtectionScheme scheme, ReadOnlySpan<byte> privateKey)
        {
            if (privateKey.Length != 32)
            {
                throw new ArgumentException("a home network private key is 32 bytes", nameof(privateKey));
            }
            _scheme = scheme;
            _private = privateKey.ToArray();
            switch (scheme)
            {
                case ProtectionScheme.ProfileA:
                    PublicKey = new byte[32];
                    Ecies.X25519PublicKey(_private, PublicKey);
                    break;
                case ProtectionScheme.ProfileB:
                    ECParameters p;
                    try
                    {
                        using var probe = Import(_private);
                        p = probe.ExportParameters(false);
                    }
                    catch (CryptographicException e)
                    {
                        throw new ArgumentException("not a valid P-256 private key", nameof(privateKey), e);
                    }
                    PublicKey = new byte[Ecies.CompressedPointLength];
                    P256.Compress(p.Q.X, p.Q.Y, PublicKey);
                    byte[] d = _private;
                    _p256 = new ThreadLocal<ECDiffieHellman>(() => Import(d), trackAllValues: true);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "keys exist for Profile A and Profile B only");
            }
        }

        public byte[] PublicKey { get; }

        private static ECDiffieHellman Import(byte[] d) =>
            ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });

        public SuciError TryOpen(ReadOnlySpan<byte> output, out byte[] plaintext)
        {
            plaintext = [];
            int keyLength;
            if (_scheme == ProtectionScheme.ProfileA)
            {
                keyLength = Ecies.ProfileAKeyLength;
            }
            else if (output.IsEmpty)
            {
                return SuciError.Truncated;
            }
            else
            {
                // Profile B sends the ephemeral key compressed; an uncompressed one is tolerated (some UEs and
                // free5gc do), with SharedInfo1 still the compressed form.
                keyLength = output[0] == 0x04 ? Ecies.UncompressedPointLength : Ecies.CompressedPointLength;
            }
            if (output.Length < keyLength + 1 + Ecies.MacTagLength)
            {
                return SuciError.Truncated;
            }
            ReadOnlySpan<byte> ephemeral = output[..keyLength];
            ReadOnlySpan<byte> ciphertext = output[keyLength..^Ecies.MacTagLength];
            ReadOnlySpan<byte> tag = output[^Ecies.MacTagLength..];

            Span<byte> shared = stackalloc byte[32];
            Span<byte> sharedInfo = stackalloc byte[Ecies.CompressedPointLength];
            if (_scheme == ProtectionScheme.ProfileA)
            {
                if (!Ecies.X25519Agreement(_private, ephemeral, shared))
                {
                    return SuciError.PointNotOnCurve;
                }
                sharedInfo = sharedInfo[..32];
                ephemeral.CopyTo(sharedInfo);
            }
            else
            {
                Span<byte> x = stackalloc byte[32];
                Span<byte> y = stackalloc byte[32];
                if (!P256.TryDecode(ephemeral, x, y))
                {
                    return SuciError.PointNotOnCurve;
                }
                P256.Compress(x, y, sharedInfo);
                try
                {
                    using var eph = ECDiffieHellman.Create(P256.PublicParameters(x, y));
                    byte[] z = _p256!.Value!.DeriveRawSecretAgreement(eph.PublicKey);
                    z.CopyTo(shared);
                    CryptographicOperations.ZeroMemory(z);
                }
                catch (CryptographicException)
                {
                    return SuciError.PointNotOnCurve;
                }
            }
            Span<byte> keying = stackalloc byte[64];
            Ecies.DeriveKeys(shared, sharedInfo, keying);
            CryptographicOperations.ZeroMemory(shared);
            var pt = new byte[ciphertext.Length];
            bool ok = Ecies.Open(keying, ciphertext, tag, pt);
            CryptographicOperations.ZeroMemory(keying);
            if (!ok)
            {
                return SuciError.MacMismatch;
            }
            plaintext = pt;
            return SuciError.None;
        }

        public override string ToString() => $"HomeNetworkKey({_scheme}, private key hidden)";

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(_private);
            if (_p256 is not null)
            {
                foreach (ECDiffieHellman k in _p256.Values)
                {
                    k.Dispose();
                }
                _p256.Dispose();
            }
        }
    }
}
