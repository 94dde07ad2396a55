// TS 33.501 Annex C.3.4 (ECIES for SUCI): the X25519 (RFC 7748) and secp256r1 (SEC 1) agreements through OpenSSL 3's libcrypto.
using System.Runtime.InteropServices;

namespace GlassCore.Security;

/// <summary>
/// Direct calls into libcrypto, the library .NET's own cryptography uses on Linux. .NET has no X25519, and its
/// ECDiffieHellman re-validates an imported public key with a full scalar multiplication (n·Q = O) on every
/// agreement, which for a cofactor-1 curve like P-256 only doubles the work; so the SUCI agreements call the library
/// itself. Null function pointers (libcrypto 3 missing, e.g. on Windows or macOS) make <see cref="IsAvailable"/>
/// false and the callers use the managed implementations instead.
/// </summary>
internal static unsafe class LibCrypto
{
    public const int NidX25519 = 1034;
    public const int NidPrime256V1 = 415;
    public const int PointConversionCompressed = 2;

    private static readonly nint s_handle = Load();

    public static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> EVP_PKEY_new_raw_private_key = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("EVP_PKEY_new_raw_private_key");
    public static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> EVP_PKEY_new_raw_public_key = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("EVP_PKEY_new_raw_public_key");
    public static readonly delegate* unmanaged<nint, byte*, nuint*, int> EVP_PKEY_get_raw_public_key = (delegate* unmanaged<nint, byte*, nuint*, int>)Export("EVP_PKEY_get_raw_public_key");
    public static readonly delegate* unmanaged<nint, void> EVP_PKEY_free = (delegate* unmanaged<nint, void>)Export("EVP_PKEY_free");
    public static readonly delegate* unmanaged<nint, nint, nint> EVP_PKEY_CTX_new = (delegate* unmanaged<nint, nint, nint>)Export("EVP_PKEY_CTX_new");
    public static readonly delegate* unmanaged<nint, void> EVP_PKEY_CTX_free = (delegate* unmanaged<nint, void>)Export("EVP_PKEY_CTX_free");
    public static readonly delegate* unmanaged<nint, int> EVP_PKEY_derive_init = (delegate* unmanaged<nint, int>)Export("EVP_PKEY_derive_init");
    public static readonly delegate* unmanaged<nint, nint, int> EVP_PKEY_derive_set_peer = (delegate* unmanaged<nint, nint, int>)Export("EVP_PKEY_derive_set_peer");
    public static readonly delegate* unmanaged<nint, byte*, nuint*, int> EVP_PKEY_derive = (delegate* unmanaged<nint, byte*, nuint*, int>)Export("EVP_PKEY_derive");

    public static readonly delegate* unmanaged<int, nint> EC_KEY_new_by_curve_name = (delegate* unmanaged<int, nint>)Export("EC_KEY_new_by_curve_name");
    public static readonly delegate* unmanaged<nint, void> EC_KEY_free = (delegate* unmanaged<nint, void>)Export("EC_KEY_free");
    public static readonly delegate* unmanaged<nint, nint> EC_KEY_get0_group = (delegate* unmanaged<nint, nint>)Export("EC_KEY_get0_group");
    public static readonly delegate* unmanaged<nint, nint, int> EC_KEY_set_private_key = (delegate* unmanaged<nint, nint, int>)Export("EC_KEY_set_private_key");
    public static readonly delegate* unmanaged<nint, nint, int> EC_KEY_set_public_key = (delegate* unmanaged<nint, nint, int>)Export("EC_KEY_set_public_key");
    public static readonly delegate* unmanaged<nint, int> EC_KEY_check_key = (delegate* unmanaged<nint, int>)Export("EC_KEY_check_key");
    public static readonly delegate* unmanaged<nint, nint> EC_POINT_new = (delegate* unmanaged<nint, nint>)Export("EC_POINT_new");
    public static readonly delegate* unmanaged<nint, void> EC_POINT_free = (delegate* unmanaged<nint, void>)Export("EC_POINT_free");
    public static readonly delegate* unmanaged<nint, nint, nint, nint, nint, nint, int> EC_POINT_mul = (delegate* unmanaged<nint, nint, nint, nint, nint, nint, int>)Export("EC_POINT_mul");
    public static readonly delegate* unmanaged<nint, nint, byte*, nuint, nint, int> EC_POINT_oct2point = (delegate* unmanaged<nint, nint, byte*, nuint, nint, int>)Export("EC_POINT_oct2point");
    public static readonly delegate* unmanaged<nint, nint, int, byte*, nuint, nint, nuint> EC_POINT_point2oct = (delegate* unmanaged<nint, nint, int, byte*, nuint, nint, nuint>)Export("EC_POINT_point2oct");
    public static readonly delegate* unmanaged<nint, nint, int> EC_POINT_is_at_infinity = (delegate* unmanaged<nint, nint, int>)Export("EC_POINT_is_at_infinity");
    public static readonly delegate* unmanaged<byte*, nuint, nint, nint, nint, int> ECDH_compute_key = (delegate* unmanaged<byte*, nuint, nint, nint, nint, int>)Export("ECDH_compute_key");
    public static readonly delegate* unmanaged<byte*, int, nint, nint> BN_bin2bn = (delegate* unmanaged<byte*, int, nint, nint>)Export("BN_bin2bn");
    public static readonly delegate* unmanaged<nint, void> BN_clear_free = (delegate* unmanaged<nint, void>)Export("BN_clear_free");
    public static readonly delegate* unmanaged<void> ERR_clear_error = (delegate* unmanaged<void>)Export("ERR_clear_error");

    /// <summary>True when libcrypto 3 and every function above were found.</summary>
    public static readonly bool IsAvailable = s_handle != 0
        && EVP_PKEY_new_raw_private_key != null && EVP_PKEY_new_raw_public_key != null && EVP_PKEY_get_raw_public_key != null
        && EVP_PKEY_free != null && EVP_PKEY_CTX_new != null && EVP_PKEY_CTX_free != null && EVP_PKEY_derive_init != null
        && EVP_PKEY_derive_set_peer != null && EVP_PKEY_derive != null && EC_KEY_new_by_curve_name != null && EC_KEY_free != null
        && EC_KEY_get0_group != null && EC_KEY_set_private_key != null && EC_KEY_set_public_key != null && EC_KEY_check_key != null
        && EC_POINT_new != null && EC_POINT_free != null && EC_POINT_mul != null && EC_POINT_oct2point != null
        && EC_POINT_point2oct != null && EC_POINT_is_at_infinity != null && ECDH_compute_key != null && BN_bin2bn != null
        && BN_clear_free != null && ERR_clear_error != null;

    private static nint Load()
    {
        // Only the OpenSSL 3 ABI: the signatures above are those of 3.x.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            if (NativeLibrary.TryLoad("libcrypto.so.3", out nint handle))
            {
                return handle;
            }
        }
        return 0;
    }

    private static nint Export(string name) =>
        s_handle != 0 && NativeLibrary.TryGetExport(s_handle, name, out nint address) ? address : 0;

    /// <summary>Drops what a failed call left in this thread's OpenSSL error queue, so it cannot surface in a later, unrelated call (.NET's own cryptography reads the same queue).</summary>
    public static void ClearErrors() => ERR_clear_error();
}
