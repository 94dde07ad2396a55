// TS 33.501 Annex C.3.4.1 (Profile A, X25519 per RFC 7748) and C.3.4.2 (Profile B, secp256r1 per SEC 1): the home
// network private key, held ready for many agreements.
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GlassCore.Security;

/// <summary>
/// A home network private key prepared once (imported into libcrypto, or kept for the managed code) so each
/// de-concealment only decodes the UE's ephemeral key and runs the agreement. Thread-safe. The key never leaves the
/// object except as its public key.
/// </summary>
internal abstract class EciesPrivateKey : IDisposable
{
    /// <summary>The public key to provision: 32 bytes (Profile A) or a compressed point (Profile B).</summary>
    public abstract ReadOnlySpan<byte> PublicKey { get; }

    /// <summary>
    /// Z of C.3.4 from the UE's ephemeral public key: false when that key is malformed, not a point of the curve, or
    /// (X25519) gives the all-zero secret of a small-order point (RFC 7748 §6.1).
    /// </summary>
    public abstract bool TryAgree(ReadOnlySpan<byte> ephemeralPublicKey, Span<byte> shared32);

    public abstract void Dispose();

    /// <summary>The libcrypto-backed key where libcrypto 3 is present (<paramref name="preferNative"/>), the managed one otherwise. Bad keys throw ArgumentException.</summary>
    public static EciesPrivateKey Create(ProtectionScheme scheme, ReadOnlySpan<byte> privateKey, bool preferNative = true)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a home network private key is 32 bytes", nameof(privateKey));
        }
        bool native = preferNative && LibCrypto.IsAvailable;
        return scheme switch
        {
            ProtectionScheme.ProfileA => native ? new OpenSslX25519Key(privateKey) : new ManagedX25519Key(privateKey),
            ProtectionScheme.ProfileB => native ? new OpenSslP256Key(privateKey) : new ManagedP256Key(privateKey),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "keys exist for Profile A and Profile B only"),
        };
    }

    public override string ToString() => GetType().Name + "(private key hidden)";

    /// <summary>RFC 7748 §6.1: the check for an all-zero output, without a data-dependent branch per byte.</summary>
    protected static bool IsAllZero(ReadOnlySpan<byte> value)
    {
        int acc = 0;
        foreach (byte b in value)
        {
            acc |= b;
        }
        return acc == 0;
    }
}

/// <summary>An owned libcrypto object; the release function frees it, clearing secret material (EVP_PKEY_free and EC_KEY_free do).</summary>
internal sealed unsafe class LibCryptoHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _free;

    public LibCryptoHandle(nint handle, delegate* unmanaged<nint, void> free) : base(0, ownsHandle: true)
    {
        _free = free;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}

/// <summary>X25519 through libcrypto's EVP interface (OpenSSL's own field arithmetic, constant time).</summary>
internal sealed unsafe class OpenSslX25519Key : EciesPrivateKey
{
    private readonly LibCryptoHandle _key;
    private readonly byte[] _public = new byte[32];

    public OpenSslX25519Key(ReadOnlySpan<byte> privateKey)
    {
        nint pkey;
        fixed (byte* p = privateKey)
        {
            pkey = LibCrypto.EVP_PKEY_new_raw_private_key(LibCrypto.NidX25519, 0, p, 32);
        }
        if (pkey == 0)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto refused the X25519 private key");
        }
        _key = new LibCryptoHandle(pkey, LibCrypto.EVP_PKEY_free);
        nuint length = 32;
        fixed (byte* pub = _public)
        {
            if (LibCrypto.EVP_PKEY_get_raw_public_key(pkey, pub, &length) != 1 || length != 32)
            {
                LibCrypto.ClearErrors();
                _key.Dispose();
                throw new CryptographicException("libcrypto gave no X25519 public key");
            }
        }
    }

    public override ReadOnlySpan<byte> PublicKey => _public;

    public override bool TryAgree(ReadOnlySpan<byte> ephemeralPublicKey, Span<byte> shared32)
    {
        if (ephemeralPublicKey.Length != 32 || shared32.Length < 32)
        {
            return false;
        }
        bool added = false;
        nint peer = 0, ctx = 0;
        bool ok = false;
        try
        {
            _key.DangerousAddRef(ref added);
            fixed (byte* pub = ephemeralPublicKey)
            fixed (byte* z = shared32)
            {
                peer = LibCrypto.EVP_PKEY_new_raw_public_key(LibCrypto.NidX25519, 0, pub, 32);
                ctx = peer == 0 ? 0 : LibCrypto.EVP_PKEY_CTX_new(_key.DangerousGetHandle(), 0);
                nuint length = 32;
                // libcrypto itself fails the derivation when the result is all zero; the check below does not rely on it.
                ok = ctx != 0
                    && LibCrypto.EVP_PKEY_derive_init(ctx) == 1
                    && LibCrypto.EVP_PKEY_derive_set_peer(ctx, peer) == 1
                    && LibCrypto.EVP_PKEY_derive(ctx, z, &length) == 1
                    && length == 32;
            }
        }
        finally
        {
            if (ctx != 0)
            {
                LibCrypto.EVP_PKEY_CTX_free(ctx);
            }
            if (peer != 0)
            {
                LibCrypto.EVP_PKEY_free(peer);
            }
            if (added)
            {
                _key.DangerousRelease();
            }
        }
        if (!ok)
        {
            LibCrypto.ClearErrors();
            shared32[..32].Clear();
            return false;
        }
        return !IsAllZero(shared32[..32]);
    }

    public override void Dispose() => _key.Dispose();
}

/// <summary>
/// secp256r1 through libcrypto's EC_KEY/ECDH functions. EC_POINT_oct2point decompresses and rejects points that are
/// not on the curve; the curve's cofactor is 1, so no further subgroup check is needed and none is paid for.
/// </summary>
internal sealed unsafe class OpenSslP256Key : EciesPrivateKey
{
    private readonly LibCryptoHandle _key;
    private readonly nint _group;
    private readonly byte[] _public = new byte[Ecies.CompressedPointLength];

    public OpenSslP256Key(ReadOnlySpan<byte> privateKey)
    {
        nint key = LibCrypto.EC_KEY_new_by_curve_name(LibCrypto.NidPrime256V1);
        if (key == 0)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto has no secp256r1");
        }
        _key = new LibCryptoHandle(key, LibCrypto.EC_KEY_free);
        _group = LibCrypto.EC_KEY_get0_group(key);
        nint d = 0, q = 0;
        try
        {
            fixed (byte* p = privateKey)
            {
                d = LibCrypto.BN_bin2bn(p, 32, 0);
            }
            q = LibCrypto.EC_POINT_new(_group);
            nuint written;
            fixed (byte* pub = _public)
            {
                // EC_KEY_check_key rejects d = 0 (Q at infinity) and d >= n.
                bool ok = d != 0 && q != 0
                    && LibCrypto.EC_KEY_set_private_key(key, d) == 1
                    && LibCrypto.EC_POINT_mul(_group, q, d, 0, 0, 0) == 1
                    && LibCrypto.EC_KEY_set_public_key(key, q) == 1
                    && LibCrypto.EC_KEY_check_key(key) == 1;
                written = ok ? LibCrypto.EC_POINT_point2oct(_group, q, LibCrypto.PointConversionCompressed, pub, (nuint)_public.Length, 0) : 0;
            }
            if (written != (nuint)_public.Length)
            {
                LibCrypto.ClearErrors();
                _key.Dispose();
                throw new ArgumentException("not a valid P-256 private key", nameof(privateKey));
            }
        }
        finally
        {
            if (d != 0)
            {
                LibCrypto.BN_clear_free(d);
            }
            if (q != 0)
            {
                LibCrypto.EC_POINT_free(q);
            }
        }
    }

    public override ReadOnlySpan<byte> PublicKey => _public;

    public override bool TryAgree(ReadOnlySpan<byte> ephemeralPublicKey, Span<byte> shared32)
    {
        bool shapeOk = (ephemeralPublicKey.Length == Ecies.CompressedPointLength && ephemeralPublicKey[0] is 0x02 or 0x03)
            || (ephemeralPublicKey.Length == Ecies.UncompressedPointLength && ephemeralPublicKey[0] == 0x04);
        if (!shapeOk || shared32.Length < 32)
        {
            return false;
        }
        bool added = false;
        nint point = 0;
        bool ok = false;
        try
        {
            _key.DangerousAddRef(ref added);
            point = LibCrypto.EC_POINT_new(_group);
            fixed (byte* pub = ephemeralPublicKey)
            fixed (byte* z = shared32)
            {
                ok = point != 0
                    && LibCrypto.EC_POINT_oct2point(_group, point, pub, (nuint)ephemeralPublicKey.Length, 0) == 1
                    && LibCrypto.EC_POINT_is_at_infinity(_group, point) == 0
                    && LibCrypto.ECDH_compute_key(z, 32, point, _key.DangerousGetHandle(), 0) == 32;
            }
        }
        finally
        {
            if (point != 0)
            {
                LibCrypto.EC_POINT_free(point);
            }
            if (added)
            {
                _key.DangerousRelease();
            }
        }
        if (!ok)
        {
            LibCrypto.ClearErrors();
            shared32[..32].Clear();
        }
        return ok;
    }

    public override void Dispose() => _key.Dispose();
}

/// <summary>X25519 with BouncyCastle, where libcrypto 3 is missing.</summary>
internal sealed class ManagedX25519Key : EciesPrivateKey
{
    private readonly byte[] _private;
    private readonly byte[] _public = new byte[32];

    public ManagedX25519Key(ReadOnlySpan<byte> privateKey)
    {
        _private = privateKey.ToArray();
        X25519.ScalarMultBase(_private, _public);
    }

    public override ReadOnlySpan<byte> PublicKey => _public;

    public override bool TryAgree(ReadOnlySpan<byte> ephemeralPublicKey, Span<byte> shared32) =>
        ephemeralPublicKey.Length == 32 && X25519.CalculateAgreement(_private, ephemeralPublicKey, shared32);

    public override void Dispose() => CryptographicOperations.ZeroMemory(_private);
}

/// <summary>secp256r1 with .NET's ECDiffieHellman (one imported key per thread), where libcrypto 3 is missing.</summary>
internal sealed class ManagedP256Key : EciesPrivateKey
{
    private readonly byte[] _private;
    private readonly byte[] _public = new byte[Ecies.CompressedPointLength];
    private readonly ThreadLocal<ECDiffieHellman> _perThread;

    public ManagedP256Key(ReadOnlySpan<byte> privateKey)
    {
        _private = privateKey.ToArray();
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
        P256.Compress(p.Q.X, p.Q.Y, _public);
        byte[] d = _private;
        _perThread = new ThreadLocal<ECDiffieHellman>(() => Import(d), trackAllValues: true);
    }

    private static ECDiffieHellman Import(byte[] d) =>
        ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });

    public override ReadOnlySpan<byte> PublicKey => _public;

    public override bool TryAgree(ReadOnlySpan<byte> ephemeralPublicKey, Span<byte> shared32)
    {
        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        if (!P256.TryDecode(ephemeralPublicKey, x, y))
        {
            return false;
        }
        try
        {
            using var eph = ECDiffieHellman.Create(P256.PublicParameters(x, y));
            byte[] z = _perThread.Value!.DeriveRawSecretAgreement(eph.PublicKey);
            z.CopyTo(shared32);
            CryptographicOperations.ZeroMemory(z);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        CryptographicOperations.ZeroMemory(_private);
        foreach (ECDiffieHellman k in _perThread.Values)
        {
            k.Dispose();
        }
        _perThread.Dispose();
    }
}
