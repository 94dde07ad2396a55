// The demo subscriber a fresh `glasscore up` provisions (src/GlassCore/Up/DemoSubscribers.cs) and the serving network
// name of the default PLMN 999-70, as the tests of the composed core use them.
namespace GlassCore.Cli.Tests;

internal static class DemoUe
{
    internal const string Supi = "imsi-999700000000001";
    internal const string Snn = "5G:mnc070.mcc999.3gppnetwork.org";
    internal const string K1 = "465B5CE8B199B49FAA5F0A2EE238A6BC";
    internal const string Opc1 = "E8ED289DEBA952E4283B54E88E6183CA";
}
