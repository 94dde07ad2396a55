// `glasscore up` hosting of the UPF (TS 23.501 §6.2.3): N4 on upf.pfcp, N3 GTP-U on upf.n3:2152, N6 on the TUN upf.tun.
using System.Net;
using GlassCore.Upf;
using Microsoft.Extensions.Logging;

namespace GlassCore.Cli.Up;

/// <summary>The `upf:` section of the config.</summary>
internal sealed class UpfConfig
{
    /// <summary>N4 PFCP address:port (upfrig's default is 127.0.0.7:8805).</summary>
    public string Pfcp { get; set; } = "127.0.0.7:8805";
    /// <summary>N3 GTP-U address (port 2152).</summary>
    public string N3 { get; set; } = "127.0.0.7";
    public string Tun { get; set; } = "glasscore0";
    /// <summary>The TUN's address and prefix; the prefix routes the UE pool into the UPF.</summary>
    public string TunAddress { get; set; } = "10.45.0.1/16";
    /// <summary>The TUN's IPv6 address and prefix, routing the UE IPv6 pools into the UPF (in the first /64 of the pool,
    /// which the SMF never allocates); empty: no IPv6 on N6.</summary>
    public string TunIpv6Address { get; set; } = "2001:db8:45::1/48";
    public int Workers { get; set; } = 1;
    /// <summary>false: N4 only, no TUN (for machines without CAP_NET_ADMIN).</summary>
    public bool DataPath { get; set; } = true;
    /// <summary>Batch the TUN reads and writes through io_uring (UpfOptions.TunIoUring); false: one read/write per packet.</summary>
    public bool TunIoUring { get; set; } = true;
    /// <summary>Downlink runs to one gNB as UDP GSO datagrams (UpfOptions.N3Gso); false: one datagram per sendmmsg entry.</summary>
    public bool N3Gso { get; set; } = true;

    public UpfOptions ToOptions()
    {
        if (!IPEndPoint.TryParse(Pfcp, out IPEndPoint? pfcp) || pfcp.Address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ConfigException($"upf.pfcp: '{Pfcp}' is not an IPv4 address:port");
        }
        if (pfcp.Port == 0)
        {
            pfcp.Port = 8805;
        }
        if (!IPAddress.TryParse(N3, out IPAddress? n3) || n3.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ConfigException($"upf.n3: '{N3}' is not an IPv4 address");
        }
        string[] parts = TunAddress.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out IPAddress? tunIp) || !int.TryParse(parts[1], out int prefix) || prefix is < 1 or > 32)
        {
            throw new ConfigException($"upf.tunAddress: '{TunAddress}' is not an IPv4 address/prefix");
        }
        IPAddress? tunIp6 = null;
        int prefix6 = 0;
        if (TunIpv6Address.Length > 0)
        {
            string[] p6 = TunIpv6Address.Split('/');
            if (p6.Length != 2 || !IPAddress.TryParse(p6[0], out tunIp6) || tunIp6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6
                || !int.TryParse(p6[1], out prefix6) || prefix6 is < 1 or > 128)
            {
                throw new ConfigException($"upf.tunIpv6Address: '{TunIpv6Address}' is not an IPv6 address/prefix");
            }
        }
        if (Tun.Length is 0 or > 15)
        {
            throw new ConfigException($"upf.tun: '{Tun}' must be 1 to 15 characters");
        }
        if (Workers is < 1 or > 64)
        {
            throw new ConfigException("upf.workers must be 1 to 64");
        }
        return new UpfOptions { Pfcp = pfcp, N3Address = n3, TunName = Tun, TunAddress = tunIp, TunPrefixLength = prefix, TunIpv6Address = tunIp6, TunIpv6PrefixLength = prefix6, Workers = Workers, EnableDataPath = DataPath, TunIoUring = TunIoUring, N3Gso = N3Gso };
    }
}

/// <summary>Runs the UPF inside `glasscore up`, with its own logger factory (it lives as long as the UPF).</summary>
internal sealed class UpfHost : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly GlassCore.Upf.Upf _upf;

    private UpfHost(ILoggerFactory loggers, GlassCore.Upf.Upf upf)
    {
        _loggers = loggers;
        _upf = upf;
    }

    /// <summary>Starts the UPF; a UPF that cannot start (no CAP_NET_ADMIN, address in use) is reported in the address list,
    /// and the other NFs keep running.</summary>
    public static UpfHost? Start(UpfConfig config, LogLevel level, List<string> addresses)
    {
        UpfOptions options = config.ToOptions();
        ILoggerFactory loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));
        GlassCore.Upf.Upf? upf = null;
        try
        {
            upf = new GlassCore.Upf.Upf(options, loggers);
            upf.Start();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            if (upf is not null)
            {
                upf.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            loggers.Dispose();
            addresses.Add($"UPF   not started: {e.Message}");
            return null;
        }
        addresses.Add($"UPF   pfcp://{options.Pfcp}  (N4)");
        if (options.EnableDataPath)
        {
            addresses.Add($"UPF   gtpu://{options.N3Address}:{UpfOptions.GtpUPort}  (N3), N6 TUN {options.TunName} {config.TunAddress}{(config.TunIpv6Address.Length > 0 ? " " + config.TunIpv6Address : "")}, {options.Workers} worker(s)");
        }
        return new UpfHost(loggers, upf);
    }

    /// <summary>The running UPF (tests look at its PFCP sessions).</summary>
    public GlassCore.Upf.Upf Upf => _upf;

    public async ValueTask DisposeAsync()
    {
        await _upf.DisposeAsync().ConfigureAwait(false);
        _loggers.Dispose();
    }
}
