// TS 33.501 §6.12.2 and Annex C.3/C.4 (home network side, the SIDF in the UDM): SUCI → SUPI.
using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Security;

/// <summary>
/// Holds the home network private keys by (protection scheme, home network public key identifier) and de-conceals
/// SUCIs. Every failure is a <see cref="SuciError"/>; nothing a UE sends can make it throw. Thread-safe: each key is
/// prepared once (<see cref="EciesPrivateKey"/>) and shared by all threads. Key material never appears in <see cref="ToString"/>.
/// </summary>
public sealed class SuciDeconcealer : IDisposable
{
    private readonly ConcurrentDictionary<(ProtectionScheme, byte), HomeNetworkKey> _keys = new();
    private readonly bool _preferNative;

    /// <param name="allowNullScheme">Whether null-scheme SUCIs are accepted (TS 33.501 §6.12.2 leaves this to the home network).</param>
    public SuciDeconcealer(bool allowNullScheme = true) : this(allowNullScheme, preferNative: true)
    {
    }

    /// <param name="preferNative">False forces the managed agreements (BouncyCastle X25519, .NET ECDH) even where libcrypto is present; tests compare the two.</param>
    internal SuciDeconcealer(bool allowNullScheme, bool preferNative)
    {
        AllowNullScheme = allowNullScheme;
        _preferNative = preferNative;
    }

    public bool AllowNullScheme { get; }

    /// <summary>Adds a 32-byte private key (X25519 scalar for Profile A, P-256 scalar for Profile B). Bad keys throw ArgumentException.</summary>
    public void AddKey(ProtectionScheme scheme, byte keyId, ReadOnlySpan<byte> privateKey)
    {
        var key = new HomeNetworkKey(scheme, privateKey, _preferNative);
        if (_keys.TryRemove((scheme, keyId), out HomeNetworkKey? old))
        {
            old.Dispose();
        }
        _keys[(scheme, keyId)] = key;
    }

    /// <summary>The public key to provision in USIMs for a private key: 32 bytes (Profile A) or a compressed point (Profile B).</summary>
    public static byte[] PublicKey(ProtectionScheme scheme, ReadOnlySpan<byte> privateKey)
    {
        using var key = new HomeNetworkKey(scheme, privateKey, preferNative: true);
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
        switch (suci.ProtectionScheme)
        {
            case ProtectionScheme.Null:
                if (!AllowNullScheme)
                {
                    error = SuciError.UnsupportedScheme;
                    return false;
                }
                return TryBuildSupi(suci, output, out supi, out error);
            case ProtectionScheme.ProfileA:
            case ProtectionScheme.ProfileB:
                if (!_keys.TryGetValue((suci.ProtectionScheme, suci.HomeNetworkPublicKeyId), out HomeNetworkKey? key))
                {
                    error = SuciError.UnknownKeyId;
                    return false;
                }
                // The plaintext is an MSIN (at most 5 bytes) or a username; only an unusually long username leaves the stack.
                byte[]? rented = output.Length > 256 ? ArrayPool<byte>.Shared.Rent(output.Length) : null;
                Span<byte> plaintext = rented ?? stackalloc byte[256];
                try
                {
                    error = key.TryOpen(output, plaintext, out int length);
                    return error == SuciError.None && TryBuildSupi(suci, plaintext[..length], out supi, out error);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(plaintext);
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
            default:
                error = SuciError.UnsupportedScheme;
                return false;
        }
    }

    private static bool TryBuildSupi(Suci suci, ReadOnlySpan<byte> schemeInput, out string supi, out SuciError error)
    {
        supi = "";
        error = SuciError.InvalidSchemeInput;
        if (suci.SupiType == SupiType.Imsi)
        {
            // "imsi-" + MCC + MNC + MSIN, built on the stack so the SUPI string is the only allocation.
            Span<char> chars = stackalloc char[5 + 6 + 16];
            "imsi-".CopyTo(chars);
            suci.Mcc.CopyTo(chars[5..]);
            suci.Mnc.CopyTo(chars[(5 + suci.Mcc.Length)..]);
            int prefix = 5 + suci.Mcc.Length + suci.Mnc.Length;
            if (schemeInput.Length == 0 || schemeInput.Length > 8
                || !Bcd.TryDecode(schemeInput, chars[prefix..], out int digits)
                || digits == 0 || prefix - 5 + digits > 15)
            {
                return false;
            }
            supi = new string(chars[..(prefix + digits)]);
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
            string prefix = suci.SupiType switch
            {
                SupiType.GlobalLineIdentifier => "gli-",
                SupiType.GlobalCableIdentifier => "gci-",
                _ => "nai-",
            };
            supi = prefix + username + "@" + suci.Realm;
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

    private sealed class HomeNetworkKey(ProtectionScheme scheme, ReadOnlySpan<byte> privateKey, bool preferNative) : IDisposable
    {
        private readonly EciesPrivateKey _key = EciesPrivateKey.Create(scheme, privateKey, preferNative);

        public ReadOnlySpan<byte> PublicKey => _key.PublicKey;

        /// <summary>C.3.4: splits the scheme output, agrees Z, checks the tag and decrypts into <paramref name="plaintext"/>.</summary>
        public SuciError TryOpen(ReadOnlySpan<byte> output, Span<byte> plaintext, out int length)
        {
            length = 0;
            int keyLength;
            if (scheme == ProtectionScheme.ProfileA)
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
            if (!_key.TryAgree(ephemeral, shared))
            {
                return SuciError.PointNotOnCurve;
            }
            Span<byte> sharedInfo = stackalloc byte[Ecies.CompressedPointLength];
            if (scheme == ProtectionScheme.ProfileA)
            {
                sharedInfo = sharedInfo[..32];
                ephemeral.CopyTo(sharedInfo);
            }
            else if (keyLength == Ecies.UncompressedPointLength)
            {
                // The point was validated by the agreement; its compressed form is the parity of Y and X.
                P256.Compress(ephemeral.Slice(1, 32), ephemeral.Slice(33, 32), sharedInfo);
            }
            else
            {
                ephemeral.CopyTo(sharedInfo);
            }
            Span<byte> keying = stackalloc byte[64];
            Ecies.DeriveKeys(shared, sharedInfo, keying);
            CryptographicOperations.ZeroMemory(shared);
            bool ok = Ecies.Open(keying, ciphertext, tag, plaintext);
            CryptographicOperations.ZeroMemory(keying);
            if (!ok)
            {
                return SuciError.MacMismatch;
            }
            length = ciphertext.Length;
            return SuciError.None;
        }

        public override string ToString() => $"HomeNetworkKey({scheme}, private key hidden)";

        public void Dispose() => _key.Dispose();
    }
}
