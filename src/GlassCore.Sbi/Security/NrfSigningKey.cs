// TS 33.501 §13.4.1.2: the NRF signs access tokens; producers hold its public key. ES256 = ECDSA P-256 (RFC 7518 §3.4).
using System.Security.Cryptography;

namespace GlassCore.Sbi.Security;

public static class NrfSigningKey
{
    /// <summary>Loads the NRF's P-256 private key from a PKCS#8 PEM file, creating it (mode 600) and its public PEM beside it when absent.</summary>
    public static ECDsa LoadOrCreate(string privatePemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(privatePemPath);
        var key = ECDsa.Create();
        if (File.Exists(privatePemPath))
        {
            key.ImportFromPem(File.ReadAllText(privatePemPath));
            return key;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(privatePemPath));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        string tmp = privatePemPath + ".tmp";
        var fso = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fso.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a private key: owner only
        }
        using (var f = new FileStream(tmp, fso))
        using (var w = new StreamWriter(f))
        {
            w.Write(key.ExportPkcs8PrivateKeyPem());
        }
        File.Move(tmp, privatePemPath, overwrite: true);
        File.WriteAllText(PublicPemPath(privatePemPath), key.ExportSubjectPublicKeyInfoPem());
        return key;
    }

    public static string PublicPemPath(string privatePemPath) => Path.ChangeExtension(privatePemPath, ".pub.pem");

    /// <summary>Loads a producer's copy of the NRF public key (SubjectPublicKeyInfo PEM).</summary>
    public static ECDsa LoadPublic(string publicPemPath)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(publicPemPath));
        return key;
    }
}
