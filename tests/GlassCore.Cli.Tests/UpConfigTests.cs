// TS 29.510 §6.1.6.2.2: each NF of one `glasscore up` registers with the NRF under its own nfInstanceId.
using GlassCore.Cli.Up;

namespace GlassCore.Cli.Tests;

public sealed class UpConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gc-upconfig-").FullName;

    [Fact]
    public void Defaults_EveryNfHasItsOwnInstanceId()
    {
        UpConfig config = UpConfig.Load(null);
        string[] ids = [.. config.Nfs().Select(n => n.Nf.InstanceId)];
        Assert.Contains(config.Amf.InstanceId, ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Load_TwoNfsWithOneInstanceId_ConfigErrorNamesBoth()
    {
        string path = Path.Combine(_dir, "core.yaml");
        File.WriteAllText(path, "amf:\n  instanceId: 8f7a1c4e-0000-4000-8000-000000000004\n");

        var e = Assert.Throws<ConfigException>(() => UpConfig.Load(path));

        Assert.Contains("amf.instanceId", e.Message, StringComparison.Ordinal);
        Assert.Contains("ausf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmfTimers_FromConfig_T3512AndTheReachabilityTimers()
    {
        string path = Path.Combine(_dir, "timers.yaml");
        File.WriteAllText(path, "amf:\n  t3512Seconds: 600\n  implicitDeregistrationSeconds: 30\n");

        var amf = AmfHost.Configuration(UpConfig.Load(path));

        Assert.Equal(TimeSpan.FromMinutes(10), amf.T3512);
        // TS 24.501 §5.3.7: unset, the mobile reachable timer is T3512 + 4 min.
        Assert.Equal(TimeSpan.FromMinutes(14), amf.EffectiveMobileReachableTimer);
        Assert.Equal(TimeSpan.FromSeconds(30), amf.ImplicitDeregistrationTimer);
    }

    [Fact]
    public void AmfTimers_NotPositive_ConfigError()
    {
        string path = Path.Combine(_dir, "zero.yaml");
        File.WriteAllText(path, "amf:\n  mobileReachableSeconds: 0\n");

        var e = Assert.Throws<ConfigException>(() => AmfHost.Configuration(UpConfig.Load(path)));

        Assert.Contains("mobileReachableSeconds", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
