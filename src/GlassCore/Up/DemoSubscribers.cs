// Demo subscribers provisioned by a fresh `glasscore up`: the UERANSIM sample USIMs (design/interop-notes.md) and
// TS 35.208 Milenage test sets, so an unmodified simulator attaches on first start.
using GlassCore.Udr.Storage;

namespace GlassCore.Cli.Up;

internal static class DemoSubscribers
{
    public static IReadOnlyList<SubscriberRecord> All { get; } =
    [
        // UERANSIM open5gs-ue.yaml: PLMN 999/70, SST 1.
        Make("imsi-999700000000001", "465B5CE8B199B49FAA5F0A2EE238A6BC", "E8ED289DEBA952E4283B54E88E6183CA", null),
        Make("imsi-999700000000002", "465B5CE8B199B49FAA5F0A2EE238A6BC", "E8ED289DEBA952E4283B54E88E6183CA", null),
        // UERANSIM free5gc-ue.yaml: PLMN 208/93, SST 1 SD 010203.
        Make("imsi-208930000000001", "8BAF473F2F8FD09487CCCBD7097C6862", "8E27B6AF0E692E750F32667A3B14605D", "010203"),
        Make("imsi-208930000000003", "8BAF473F2F8FD09487CCCBD7097C6862", "8E27B6AF0E692E750F32667A3B14605D", "010203"),
        // TS 35.208 §4.3 test sets 1, 2 and 3 (K, OPc).
        Make("imsi-999700000000101", "465B5CE8B199B49FAA5F0A2EE238A6BC", "CD63CB71954A9F4E48A5994E37A02BAF", null),
        Make("imsi-999700000000102", "FEC86BA6EB707ED08905757B1BB44B8F", "1006020F0A478BF6B699F15C062E42B3", null),
        Make("imsi-999700000000103", "9E5944AEA94B81165C82FBF9F32DB751", "A64A507AE1A2A98BB88EB4210135DC87", null, "EAP_AKA_PRIME"),
    ];

    private static SubscriberRecord Make(string supi, string k, string opc, string? sd, string authMethod = "5G_AKA") => new()
    {
        Supi = supi,
        K = k,
        Opc = opc,
        Amf = "8000",
        Sqn = "000000000020",
        AuthMethod = authMethod,
        Msisdn = "0" + supi[^10..],
        Slices = [new SubscribedSlice { Sst = 1, Sd = sd, Dnns = ["internet"] }],
    };
}
