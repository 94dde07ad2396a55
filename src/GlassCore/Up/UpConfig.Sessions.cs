// The `smf`, `pcf` and `nssf` sections of the `glasscore up` config (TS 23.501 §5.6, §5.15; TS 23.503 §6.3).
using System.Net;
using GlassCore.Nssf;
using GlassCore.Pcf;
using GlassCore.Smf;

namespace GlassCore.Cli.Up;

internal sealed partial class UpConfig
{
    public SmfConfig Smf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000006" };
    public PcfConfig Pcf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000007" };
    public NssfConfig Nssf { get; set; } = new() { InstanceId = "8f7a1c4e-0000-4000-8000-000000000008" };

    internal sealed class SmfConfig : NfConfig
    {
        /// <summary>The SMF's PFCP address:port (N4).</summary>
        public string PfcpListen { get; set; } = "127.0.0.1:8806";
        public List<DnnSliceOptions> Dnns { get; set; } =
        [
            new() { Dnn = "internet", Sst = 1, Ipv4Pool = "10.45.0.0/16", Ipv6Pool = "2001:db8:45::/48" },
            new() { Dnn = "internet", Sst = 1, Sd = "010203", Ipv4Pool = "10.46.0.0/16", Ipv6Pool = "2001:db8:46::/48" },
        ];
        public List<UpfOptions> Upfs { get; set; } = [new()];
        public uint UsageReportPeriodSeconds { get; set; } = 60;
    }

    internal sealed class PcfConfig : NfConfig
    {
        public List<SessionPolicyOptions> SessionPolicies { get; set; } =
        [
            new() { Dnn = "*", Sst = 1 },
            new() { Dnn = "*", Sst = 1, Sd = "010203" },
        ];
    }

    internal sealed class NssfConfig : NfConfig
    {
        public List<SupportedSliceOptions> Slices { get; set; } = [new() { Sst = 1 }, new() { Sst = 1, Sd = "010203", NsiId = "2" }];
    }

    private void ValidateSessions()
    {
        if (!IPEndPoint.TryParse(Smf.PfcpListen, out _))
        {
            throw new ConfigException($"smf.pfcpListen: '{Smf.PfcpListen}' is not address:port");
        }
        foreach (DnnSliceOptions d in Smf.Dnns)
        {
            try
            {
                _ = DnnSlice.From(d);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException(e.Message);
            }
        }
        foreach (UpfOptions u in Smf.Upfs)
        {
            if (!IPAddress.TryParse(u.Address, out _) || u.Port is < 1 or > 65535)
            {
                throw new ConfigException($"smf.upfs: '{u.Address}:{u.Port}' is not an address and port");
            }
        }
    }
}
