// `glasscore up` hosting of the session-management NFs: the SMF (with its N4 client), the PCF and the NSSF.
using System.Net;
using GlassCore.Nssf;
using GlassCore.Pcf;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Smf;
using GlassCore.Smf.Consumers;
using GlassCore.Smf.N4;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GlassCore.Cli.Up;

internal sealed partial class CoreHost
{
    public PduSessionProcessor? Smf { get; private set; }

    /// <summary>The UPF this process runs, if any.</summary>
    public GlassCore.Upf.Upf? Upf => _upf?.Upf;

    private sealed class AsyncDisposer(IAsyncDisposable inner) : IDisposable
    {
        public void Dispose() => inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task StartSessionNfsAsync(UpConfig config, IReadOnlyCollection<string> nfs, SbiClientOptions clientOptions, bool oauth,
        Func<UpConfig.NfConfig, Group> groupOf, Action<Group, string, string, string[]> protect, Func<string, UpConfig.NfConfig, NrfClient> nrfClientFor,
        List<(NrfClient Client, NFProfile Profile)> profiles, ILogger log, CancellationToken ct)
    {
        if (nfs.Contains("pcf"))
        {
            var sm = new SmPolicyProcessor(new PcfOptions { InstanceId = config.Pcf.InstanceId, SessionPolicies = config.Pcf.SessionPolicies });
            var am = new AmPolicyProcessor();
            Group g = groupOf(config.Pcf);
            g.Maps.Add(app => PcfEndpoints.Map(app, sm, am));
            protect(g, "PCF", config.Pcf.InstanceId, [PcfEndpoints.SmServiceName, PcfEndpoints.AmServiceName]);
            profiles.Add((nrfClientFor("PCF", config.Pcf), Profile(config, "PCF", config.Pcf, PcfEndpoints.SmServiceName, PcfEndpoints.AmServiceName)));
            Addresses.AddRange(Urls(config.ListenOf(config.Pcf), "PCF", SmPolicyProcessor.ApiRoot, AmPolicyProcessor.ApiRoot));
        }
        if (nfs.Contains("nssf"))
        {
            var nssf = new NsSelectionProcessor(new NssfOptions
            {
                InstanceId = config.Nssf.InstanceId,
                Slices = config.Nssf.Slices,
                NrfUri = new Uri(config.NrfUri, "nnrf-nfm/v1/nf-instances").ToString(),
            });
            Group g = groupOf(config.Nssf);
            g.Maps.Add(app => NssfEndpoints.Map(app, nssf));
            protect(g, "NSSF", config.Nssf.InstanceId, [NssfEndpoints.ServiceName]);
            profiles.Add((nrfClientFor("NSSF", config.Nssf), Profile(config, "NSSF", config.Nssf, NssfEndpoints.ServiceName)));
            Addresses.AddRange(Urls(config.ListenOf(config.Nssf), "NSSF", NsSelectionProcessor.ApiRoot));
        }
        if (nfs.Contains("smf"))
        {
            NrfClient nrfc = nrfClientFor(NfTypes.Smf, config.Smf);
            var sbi = new SbiClient(_http!, clientOptions, oauth ? nrfc : null);
            Uri listen = config.ListenOf(config.Smf);
            var options = new SmfOptions
            {
                InstanceId = config.Smf.InstanceId,
                PfcpLocal = IPEndPoint.Parse(config.Smf.PfcpListen),
                Dnns = config.Smf.Dnns,
                Upfs = config.Smf.Upfs,
                UsageReportPeriodSeconds = config.Smf.UsageReportPeriodSeconds,
                CallbackRoot = $"{listen.Scheme}://{listen.Authority}",
            };
            var n4 = new N4Client(options, log);
            _disposables.Add(new AsyncDisposer(n4));
            var udm = new UdmSdmClient(sbi, (supi, c) => nrfc.ResolveServiceAsync(NfTypes.Udm, "nudm-sdm", supi, c));
            ISmPolicyClient? pcf = nfs.Contains("pcf") || config.Sbi.NrfUri is not null
                ? new PcfSmPolicyClient(sbi, c => nrfc.ResolveServiceAsync("PCF", PcfEndpoints.SmServiceName, null, c))
                : null;
            var amf = new AmfCommunicationClient(_http!, oauth ? nrfc : null, (supi, c) => nrfc.ResolveServiceAsync(NfTypes.Amf, "namf-comm", supi, c),
                clientOptions.RequestTimeout);
            var smf = new PduSessionProcessor(options, n4, udm, pcf, amf, log);
            Smf = smf;
            n4.Start();
            // Associations are set up in the background: a UPF that starts later is associated on first use.
            _ = Task.Run(() => n4.AssociateAllAsync(CancellationToken.None), CancellationToken.None);
            Group g = groupOf(config.Smf);
            g.Maps.Add(app => SmfEndpoints.Map(app, smf, log));
            protect(g, NfTypes.Smf, config.Smf.InstanceId, [SmfEndpoints.ServiceName]);
            profiles.Add((nrfc, Profile(config, NfTypes.Smf, config.Smf, SmfEndpoints.ServiceName)));
            Addresses.AddRange(Urls(listen, "SMF", PduSessionProcessor.ApiRoot));
            Addresses.Add($"SMF   PFCP (N4) on {n4.LocalEndPoint}, UPFs {string.Join(", ", options.Upfs.Select(u => $"{u.Address}:{u.Port}"))}");
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
