// TS 33.501 §6.12.2 / Annex C.3: the home network key pairs the UDM's SIDF uses to de-conceal SUCIs (Profile A:
// X25519, Profile B: P-256). Without configured keys, one pair of each is created in the data dir on first start
// (key id 1 = Profile A, key id 2 = Profile B) and the public keys are printed for the USIM / simulator config.
using System.Globalization;
using System.Security.Cryptography;
using GlassCore.Sbi.Models;
using GlassCore.Security;
using GlassCore.Udm;

namespace GlassCore.Cli.Up;

internal sealed class HomeNetworkKeys : ISuciDeconcealer, IDisposable
{
    internal sealed record Key(int Id, char Profile, byte[] PublicKey);

    private readonly List<Key> _keys = [];
    private readonly SuciDeconcealer _sidf = new(allowNullScheme: true);

    public IReadOnlyList<Key> Keys => _keys;

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
            ProtectionScheme scheme = k.Profile == "A" ? ProtectionScheme.ProfileA : ProtectionScheme.ProfileB;
            try
            {
                hn._sidf.AddKey(scheme, (byte)k.Id, priv);
                hn._keys.Add(new Key(k.Id, k.Profile[0], SuciDeconcealer.PublicKey(scheme, priv)));
            }
            catch (ArgumentException e)
            {
                throw new ConfigException($"udm.homeNetworkKeys id {k.Id}: {e.Message}");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(priv);
            }
        }
        return hn;
    }

    public static void Describe(HomeNetworkKeys keys, List<string> lines)
    {
        foreach (Key k in keys.Keys.OrderBy(k => k.Id))
        {
            lines.Add($"SUCI  Profile {k.Profile} home network public key id {k.Id}: {Convert.ToHexString(k.PublicKey).ToLowerInvariant()}");
        }
    }

    /// <summary>TS 33.501 §6.12.2 SIDF; the failures map to the TS 29.503 generate-auth-data errors.</summary>
    private SidfDeconcealer? _answers;

    public ProblemDetails? TryDeconceal(string suci, out string supi) => (_answers ??= new SidfDeconcealer(_sidf)).TryDeconceal(suci, out supi);

    public void Dispose() => _sidf.Dispose();
}
