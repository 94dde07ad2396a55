// Composition of the NRF: one store, the three services, mapped onto an SBI server.
using System.Security.Cryptography;
using GlassCore.Sbi.Security;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Nrf;

public sealed class Nrf
{
    public Nrf(NrfOptions options, ECDsa signingKey, INfStatusNotifier notifier, TimeProvider? time = null)
    {
        Options = options;
        Store = new NfInstanceStore();
        Management = new NfManagementProcessor(Store, options, notifier, time);
        Discovery = new NfDiscoveryProcessor(Store, Management, options);
        Tokens = new AccessTokenProcessor(Store, new AccessTokenIssuer(signingKey, options.NfInstanceId, time), options);
    }

    public NrfOptions Options { get; }
    public NfInstanceStore Store { get; }
    public NfManagementProcessor Management { get; }
    public NfDiscoveryProcessor Discovery { get; }
    public AccessTokenProcessor Tokens { get; }

    public void Map(IEndpointRouteBuilder app) => NrfEndpoints.Map(app, Management, Discovery, Tokens);
}
