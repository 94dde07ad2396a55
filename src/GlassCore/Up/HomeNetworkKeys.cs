// TS 33.501 §6.12.2 / Annex C.3: the home network key pairs the UDM's SIDF uses to de-conceal SUCIs (Profile A:
// X25519, Profile B: P-256). Without configured keys, one pair of each is created in the data dir on first start
// (key id 1 = Profile A, key id 2 = Profile B) and the public keys are printed for the USIM / simulator config.
using System.Globalization;
using System.Security.Cryptography;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Udm;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GlassCore.Cli.Up;

internal sealed class HomeNetworkKeys : ISuciDeconcealer
{
    internal sealed record Key(int Id, char Profile, byte[] PrivateKey, byte[] PublicKey);

    private readonly Dictionary<int, Key> _keys = [];

    public IReadOnlyCollection<Key> Keys => _keys.Values;

    public static HomeNetworkKeys LoadOrCreate(UpConfig config)
    {
        var hn = new HomeNetworkKeys();
        List<UpConfig.HomeNetworkKeyConfig> configured = config.Udm.HomeNetworkKeys;
        if (configured.Count == 0)
        {
            string path = config.DataPath("hn-keys.txt");
            if (!File.Exists(path))
            {
                var lines = new List<string> { "# id profile private-key-hex (TS 33.501 Annex C home network keys; keep this file secret)" };
                byte[] a = new byte[32];
                RandomNumberGenerator.Fill(a);
                lines.Add("1 A " + Convert.ToHexString(a));
                using ECDiffieHellman b = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
                lines.Add("2 B " + Convert.ToHexString(b.ExportParameters(true).D!));
                File.WriteAllLines(path, lines);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            foreach (string line in File.ReadAllLines(path))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 3 && !line.StartsWith('#'))
                {
                    configured.Add(new UpConfig.HomeNetworkKeyConfig { Id = int.Parse(f[0], CultureInfo.InvariantCulture), Profile = f[1], PrivateKey = f[2] });
                }
            }
        }
        foreach (UpConfig.HomeNetworkKeyConfig k in configured)
        {
            if (k.Id is < 0 or > 255 || k.Profile is not ("A" or "B") || k.PrivateKey.Length != 64 || !k.PrivateKey.All(Uri.IsHexDigit))
            {
                throw new ConfigException($"udm.homeNetworkKeys id {k.Id}: id 0-255, profile A or B, privateKey 64 hex digits");
            }
            byte[] priv = Convert.FromHexString(k.PrivateKey);
            hn._keys[k.Id] = new Key(k.Id, k.Profile[0], priv, k.Profile == "A" ? X25519Public(priv) : P256Public(priv));
        }
        return hn;
    }

    internal static byte[] X25519Public(byte[] priv) => new X25519PrivateKeyParameters(priv, 0).GeneratePublicKey().GetEncoded();

    internal static byte[] P256Public(byte[] priv)
    {
        using ECDiffieHellman e = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = priv });
        ECPoint q = e.ExportParameters(false).Q;
        // Compressed point (TS 33.501 Annex C.3.4.2 uses the compressed form for Profile B).
        byte[] pub = new byte[33];
        pub[0] = (byte)(0x02 | (q.Y![^1] & 1));
        q.X!.CopyTo(pub, 1);
        return pub;
    }

    public static void Describe(HomeNetworkKeys keys, List<string> lines)
    {
        foreach (Key k in keys.Keys.OrderBy(k => k.Id))
        {
            lines.Add($"SUCI  Profile {k.Profile} home network public key id {k.Id}: {Convert.ToHexString(k.PublicKey).ToLowerInvariant()}");
        }
    }

    public ProblemDetails? TryDeconceal(string suci, out string supi)
    {
        supi = "";
        string[] f = suci.Split('-');
        if (!int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out int keyId) || !_keys.TryGetValue(keyId, out Key? key))
        {
            // No such home network key: the SUCI cannot be de-concealed, so the UE cannot be authenticated.
            return Problems.Make(403, "AUTHENTICATION_REJECTED", "unknown home network public key id " + f[6]);
        }
        if ((f[5] == "1" && key.Profile != 'A') || (f[5] == "2" && key.Profile != 'B'))
        {
            return Problems.Make(403, "AUTHENTICATION_REJECTED", $"key id {keyId} is not a Profile {(f[5] == "1" ? 'A' : 'B')} key");
        }
        return Problems.Make(501, "UNSUPPORTED_PROTECTION_SCHEME", "ECIES de-concealment is not in this build yet");
    }
}
