// TS 24.501 §5.4.4.2 / §8.2.19 and TS 24.008 §10.5.3.5a/§10.5.3.8/§10.5.3.9/§10.5.3.12: the network name and time in
// Configuration Update Command, checked against tshark's dissector (an independent reading) and the simulated UE's.
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Ngap;
using GlassCore.Asn1;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Amf.Tests;

public sealed class NetworkInformationTests
{
    private const string Dlt152 = "uat:user_dlts:\"User 5 (DLT=152)\",\"ngap\",\"0\",\"\",\"0\",\"\"";

    private static AmfConfiguration Config(string? full, string? shortName, TimeZoneInfo? zone) => new()
    {
        Plmn = N1Harness.Plmn,
        TaiList = [new Tai(N1Harness.Plmn, 1)],
        SupportedNssai = [new SNssaiValue(1)],
        NetworkFullName = full,
        NetworkShortName = shortName,
        TimeZone = zone,
    };

    private static ConfigurationUpdateCommand Command(AmfConfiguration config, DateTimeOffset now) =>
        GmmBuild.WithNetworkInformation(GmmBuild.ConfigurationUpdateCommand(new FiveGGuti(config.Plmn, 1, 1, 0, 0x01020304), config.TaiList, config.SupportedNssai), config, now);

    [Theory]
    [InlineData("GlassCore")]
    [InlineData("GlassCore 5G Network")]
    [InlineData("Seven77")]
    [InlineData("ab")]
    [InlineData("Netz Überall")]
    public void NetworkName_RoundTrips(string name)
    {
        byte[] v = NetworkName.Encode(name);
        Assert.Equal(0x80, v[0] & 0x80);
        Assert.True(NetworkName.TryDecode(v, out string back));
        Assert.Equal(name, back);
    }

    [Fact]
    public void NetworkName_Gsm7_PacksSeptets()
    {
        // "hello" packed as in every SMS textbook example: E8 32 9B FD 06; 35 bits, so 5 spare bits in the last octet.
        Assert.Equal(new byte[] { 0x85, 0xE8, 0x32, 0x9B, 0xFD, 0x06 }, NetworkName.Encode("hello"));
        // Outside the GSM default alphabet: UCS2.
        Assert.Equal(new byte[] { 0x90, 0x00, 0xDC }, NetworkName.Encode("Ü"));
    }

    [Theory]
    [InlineData(0, 0x00)]
    [InlineData(60, 0x40)]
    [InlineData(120, 0x80)]
    [InlineData(330, 0x22)]
    [InlineData(-300, 0x0A)]
    [InlineData(-210, 0x49)]
    public void TimeZone_QuartersOfAnHour_SemiOctetsSwapped_SignInBit4(int minutes, int octet)
    {
        Assert.Equal((byte)octet, NetworkName.TimeZone(TimeSpan.FromMinutes(minutes)));
        Assert.Equal(TimeSpan.FromMinutes(minutes), NetworkName.TimeZoneOffset((byte)octet));
    }

    [Fact]
    public void ConfigurationUpdateCommand_WithoutConfiguredNames_CarriesNone()
    {
        var cuc = Command(Config(null, null, null), DateTimeOffset.UtcNow);
        Assert.Null(cuc.FullNameForNetwork);
        Assert.Null(cuc.ShortNameForNetwork);
        Assert.Null(cuc.LocalTimeZone);
        Assert.Null(cuc.UniversalTimeAndLocalTimeZone);
    }

    [Fact]
    public void ConfigurationUpdateCommand_NamesAndTime_TsharkReadsThem()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var summer = new DateTimeOffset(2026, 7, 1, 12, 34, 56, TimeSpan.Zero);
        var config = Config("GlassCore 5G", "GlassCore", berlin);
        var cuc = Command(config, summer);

        // The NAS decoder reads back what was built.
        byte[] nas = cuc.ToArray();
        Assert.True(NasMessage.TryDecode(nas, out var decoded, out _));
        var back = Assert.IsType<ConfigurationUpdateCommand>(decoded);
        Assert.True(NetworkName.TryDecode(back.FullNameForNetwork!.Value.Value.Span, out string full));
        Assert.Equal("GlassCore 5G", full);
        Assert.Equal(TimeSpan.FromHours(2), NetworkName.TimeZoneOffset(back.LocalTimeZone!.Value.Octet));
        Assert.True(NetworkName.TryReadUniversalTime(back.UniversalTimeAndLocalTimeZone!.Value.Value.Span, out var utc, out var offset));
        Assert.Equal(summer, utc);
        Assert.Equal(TimeSpan.FromHours(2), offset);
        Assert.Equal(new byte[] { 1 }, back.NetworkDaylightSavingTime!.Value.Value.ToArray());

        string pcap = Tshark.TempPcap(Per.Encode(NgapBuild.DownlinkNasTransport(7, 9, nas)), 152);
        try
        {
            string output = Tshark.Run(["-r", pcap, "-o", Dlt152, "-Y", "nas-5gs", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|", "-E", "separator=/t",
                "-e", "_ws.malformed", "-e", "nas_5gs.mm.message_type", "-e", "gsm_a.dtap.text_string", "-e", "gsm_a.dtap.timezone", "-e", "gsm_a.dtap.time_zone_time", "-e", "gsm_a.dtap.dst_adjustment"]);
            string[] row = output.Trim('\n').Split('\t');
            Assert.True(row[0].Length == 0, "tshark reports a malformed packet: " + output);
            Assert.Equal("0x54", row[1]);
            Assert.Equal(["GlassCore 5G", "GlassCore"], row[2].Split('|'));
            // tshark holds the octet with its semi-octets swapped back: 0x08 is 08 quarters of an hour, sign positive (+2:00).
            Assert.Equal(["0x08", "0x08"], row[3].Split('|'));
            Assert.Contains("12:34:56", row[4], StringComparison.Ordinal);
            Assert.Equal("1", row[5].Split('|')[^1]);
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
