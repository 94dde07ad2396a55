// The one YAML config of `glasscore up` (every member optional: no file at all gives a working single-process core).
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GlassCore.Cli.Up;

internal sealed class ConfigException(string message) : Exception(message);

internal sealed partial class UpConfig
{
    /// <summary>Where the SQLite file and the NRF signing key live.</summary>
    public string DataDir { get; set; } = Environment.GetEnvironmentVariable("GLASSCORE_DATA") ?? "data";
    public string LogLevel { get; set; } = "warning";
    public PlmnConfig Plmn { get; set; } = new();
    public SbiConfig Sbi { get; set; } = new();
    public NfConfig Nrf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000001" };
    public UdrConfig Udr { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000002" };
    public UdmConfig Udm { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000003" };
    public NfConfig Ausf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000004" };
    /// <summary>The AMF: N2 and its NAS/NGAP settings (Up/AmfHost.cs).</summary>
    public AmfUpConfig Amf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000005" };
    public UpfConfig Upf { get; set; } = new();
    /// <summary>Provision the demo subscribers when the store is empty.</summary>
    public bool DemoSubscribers { get; set; } = true;

    internal sealed class PlmnConfig
    {
        public string Mcc { get; set; } = "999";
        public string Mnc { get; set; } = "70";
    }

    internal sealed class SbiConfig
    {
        /// <summary>Default listen URI of every NF (http = h2c prior knowledge; https = TLS).</summary>
        public string Listen { get; set; } = "http://127.0.0.1:7777";
        /// <summary>The NRF the NFs register with (defaults to the NRF's listen URI).</summary>
        public string? NrfUri { get; set; }
        /// <summary>OAuth2 access tokens (TS 33.501 §13.4.1): on by default; false for lab interop.</summary>
        public bool Oauth2 { get; set; } = true;
        /// <summary>The NRF public key (PEM) for producers running without the NRF in their process.</summary>
        public string? NrfPublicKey { get; set; }
        public string? TlsCertificate { get; set; }
        public string? TlsKey { get; set; }
        public string? TlsClientCa { get; set; }
        /// <summary>The CA (PEM) the NFs trust for peers' server certificates (default: tlsClientCa, else the system's).</summary>
        public string? TlsCa { get; set; }
        public double RequestTimeoutSeconds { get; set; } = 10;
        public int MaxRetries { get; set; } = 2;
    }

    internal class NfConfig
    {
        public string? Listen { get; set; }
        public string InstanceId { get; set; } = Guid.NewGuid().ToString();
    }

    internal sealed class UdrConfig : NfConfig
    {
        /// <summary>sqlite (default) or postgres.</summary>
        public string Storage { get; set; } = "sqlite";
        /// <summary>SQLite file; relative to dataDir.</summary>
        public string SqlitePath { get; set; } = "glasscore.db";
        public string? PostgresConnectionString { get; set; }
        /// <summary>64 hex digits: encrypt K and OPc at rest with AES-256-GCM.</summary>
        public string? SecretKey { get; set; }
    }

    internal sealed class UdmConfig : NfConfig
    {
        /// <summary>Home network private keys for SUCI de-concealment; defaults are created in dataDir on first start.</summary>
        public List<HomeNetworkKeyConfig> HomeNetworkKeys { get; set; } = [];
        /// <summary>
        /// Seconds the UDM reuses a subscriber's K, OPc and last SQN read from the UDR, so an authentication steps the
        /// SQN with one UDR request instead of two; 0 (the default) reads the UDR every time, which measured as fast with
        /// the UDR in the same process (see docs/sbi.md).
        /// </summary>
        public int AuthenticationSubscriptionCacheSeconds { get; set; }
    }

    internal sealed class HomeNetworkKeyConfig
    {
        public int Id { get; set; }
        /// <summary>A (X25519) or B (P-256).</summary>
        public string Profile { get; set; } = "A";
        public string PrivateKey { get; set; } = "";
    }

    public static UpConfig Load(string? path)
    {
        if (path is null)
        {
            return new UpConfig().Validated();
        }
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file {path} does not exist");
        }
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            using var reader = new StreamReader(path);
            UpConfig? c = deserializer.Deserialize<UpConfig>(reader);
            return (c ?? new UpConfig()).Validated();
        }
        catch (YamlException e)
        {
            string inner = e.InnerException?.Message is string m ? ": " + m : "";
            throw new ConfigException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}{inner}");
        }
    }

    public UpConfig Validated()
    {
        CheckUri(Sbi.Listen, "sbi.listen");
        // TS 29.510 §6.1.6.2.2: the NRF keys profiles (and access tokens) by nfInstanceId; two NFs sharing one
        // would replace each other's profile, and the first would then be refused tokens.
        var instanceIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, NfConfig nf) in Nfs())
        {
            if (!instanceIds.TryAdd(nf.InstanceId, name))
            {
                throw new ConfigException($"{name}.instanceId: '{nf.InstanceId}' is already the instanceId of {instanceIds[nf.InstanceId]}");
            }
            if (nf.Listen is not null)
            {
                CheckUri(nf.Listen, name + ".listen");
            }
            if (!Guid.TryParse(nf.InstanceId, out _))
            {
                throw new ConfigException($"{name}.instanceId: '{nf.InstanceId}' is not a UUID");
            }
        }
        if (Sbi.NrfUri is not null)
        {
            CheckUri(Sbi.NrfUri, "sbi.nrfUri");
        }
        if (Plmn.Mcc.Length != 3 || !Plmn.Mcc.All(char.IsAsciiDigit) || Plmn.Mnc.Length is < 2 or > 3 || !Plmn.Mnc.All(char.IsAsciiDigit))
        {
            throw new ConfigException("plmn: mcc is 3 digits and mnc 2 or 3 digits");
        }
        ValidateSessions();
        if (Udr.Storage is not ("sqlite" or "postgres"))
        {
            throw new ConfigException($"udr.storage: '{Udr.Storage}' must be sqlite or postgres");
        }
        if (Udr.Storage == "postgres" && string.IsNullOrEmpty(Udr.PostgresConnectionString))
        {
            throw new ConfigException("udr.postgresConnectionString is required when udr.storage is postgres");
        }
        if (Udm.AuthenticationSubscriptionCacheSeconds is < 0 or > 86_400)
        {
            throw new ConfigException("udm.authenticationSubscriptionCacheSeconds must be 0 (off) to 86400");
        }
        if (Udr.SecretKey is not null && (Udr.SecretKey.Length != 64 || !Udr.SecretKey.All(Uri.IsHexDigit)))
        {
            throw new ConfigException("udr.secretKey must be 64 hex digits (a 256-bit AES key)");
        }
        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(LogLevel, ignoreCase: true, out _))
        {
            throw new ConfigException($"logLevel: '{LogLevel}' is not one of trace, debug, information, warning, error, critical, none");
        }
        return this;
    }

    public IEnumerable<(string Name, NfConfig Nf)> Nfs()
    {
        yield return ("nrf", Nrf);
        yield return ("udr", Udr);
        yield return ("udm", Udm);
        yield return ("ausf", Ausf);
        yield return ("amf", Amf);
        yield return ("smf", Smf);
        yield return ("pcf", Pcf);
        yield return ("nssf", Nssf);
    }

    public Uri ListenOf(NfConfig nf) => new(nf.Listen ?? Sbi.Listen);

    public Uri NrfUri => new(Sbi.NrfUri ?? Nrf.Listen ?? Sbi.Listen);

    private static void CheckUri(string value, string name)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? u) || u.Scheme is not ("http" or "https") || u.Host.Length == 0)
        {
            throw new ConfigException($"{name}: '{value}' must be an http:// or https:// URI with a host");
        }
    }

    public string DataPath(string file) => Path.IsPathRooted(file) ? file : Path.Combine(DataDir, file);
}
