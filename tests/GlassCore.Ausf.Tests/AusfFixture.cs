// The home network (UDR, UDM, AUSF over HTTP/2 with tokens) with the subscribers the AUSF tests authenticate: the
// credentials of the demo subscribers a fresh `glasscore up` provisions, and one EAP-AKA' subscriber.
using GlassCore.TestSupport;

namespace GlassCore.Ausf.Tests;

public sealed class AusfFixture : IAsyncLifetime
{
    internal const string K1 = "465B5CE8B199B49FAA5F0A2EE238A6BC", Opc1 = "E8ED289DEBA952E4283B54E88E6183CA";

    public HomeNetwork Hn { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Hn.InitializeAsync();
        Assert.True(await Hn.ProvisionAsync("imsi-999700000000001", K1, Opc1));
        Assert.True(await Hn.ProvisionAsync("imsi-999700000000002", K1, Opc1));
        Assert.True(await Hn.ProvisionAsync("imsi-208930000000003", "8BAF473F2F8FD09487CCCBD7097C6862", "8E27B6AF0E692E750F32667A3B14605D"));
        Assert.True(await Hn.ProvisionAsync("imsi-999700000000101", "465B5CE8B199B49FAA5F0A2EE238A6BC", "CD63CB71954A9F4E48A5994E37A02BAF"));
        Assert.True(await Hn.ProvisionAsync("imsi-999700000000103", "9E5944AEA94B81165C82FBF9F32DB751", "A64A507AE1A2A98BB88EB4210135DC87", authMethod: "EAP_AKA_PRIME"));
    }

    public ValueTask DisposeAsync() => Hn.DisposeAsync();
}

[CollectionDefinition("ausf")]
public sealed class AusfCollection : ICollectionFixture<AusfFixture>;
