// K and OPc at rest (TS 33.501 §5.8 asks the UDR to protect long-term keys): AES-256-GCM, a fresh 12-byte nonce per
// value, the SUPI as associated data so a ciphertext cannot be moved to another subscriber's row.
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Udr.Storage;

public sealed class SecretCipher : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly AesGcm? _aes;

    /// <param name="key">32-byte key, or null to store secrets in clear.</param>
    public SecretCipher(byte[]? key)
    {
        if (key is not null)
        {
            if (key.Length != 32)
            {
                throw new ArgumentException("the storage secret key must be 32 bytes (64 hex digits)", nameof(key));
            }
            _aes = new AesGcm(key, TagSize);
        }
    }

    public bool Enabled => _aes is not null;

    public byte[] Protect(string supi, ReadOnlySpan<byte> secret)
    {
        if (_aes is null)
        {
            return secret.ToArray();
        }
        byte[] output = new byte[NonceSize + secret.Length + TagSize];
        Span<byte> nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, secret, output.AsSpan(NonceSize, secret.Length), output.AsSpan(NonceSize + secret.Length), Encoding.UTF8.GetBytes(supi));
        return output;
    }

    /// <summary>Reverses <see cref="Protect"/>; throws <see cref="CryptographicException"/> for a wrong key or a tampered value.</summary>
    public byte[] Unprotect(string supi, byte[] stored, bool encrypted)
    {
        if (!encrypted)
        {
            return stored;
        }
        if (_aes is null)
        {
            throw new CryptographicException("subscriber secrets are encrypted but no storage secret key is configured");
        }
        if (stored.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("encrypted secret too short");
        }
        byte[] plain = new byte[stored.Length - NonceSize - TagSize];
        _aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize, plain.Length), stored.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(supi));
        return plain;
    }

    public void Dispose() => _aes?.Dispose();
}
