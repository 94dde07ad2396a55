// TS 29.502 §5.2.2.2-§5.2.2.4 (Create/Update/Release SM Context) with the 5GSM procedures of TS 24.501 §6.3-§6.4 and the
// SMF steps of TS 23.502 §4.3.2.2.1 (establishment), §4.3.3.2 (modification), §4.3.4.2 (release): subscription check,
// policy, address allocation, N4 session, N1 and N2 SM information. Processors take typed models, never an HttpContext.
using System.Collections.Concurrent;
using System.Net;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Pfcp;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf.Consumers;
using GlassCore.Smf.Gsm;
using GlassCore.Smf.N2;
using GlassCore.Smf.N4;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Smf;

public sealed partial class PduSessionProcessor
{
    public const string ApiRoot = "/nsmf-pdusession/v1";
    private const string N1Id = "n1msg";
    private const string N2Id = "n2msg";

    private readonly SmfOptions _options;
    private readonly List<DnnSlice> _dnns;
    private readonly N4Client _n4;
    private readonly ISmSubscriptionSource _udm;
    private readonly ISmPolicyClient? _pcf;
    private readonly INamfCommunication _amf;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, SmContext> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Supi, byte Psi), SmContext> _bySession = new();
    private readonly ConcurrentDictionary<ulong, SmContext> _bySeid = new();
    private long _nextRef;
    private long _nextSeid;

    public PduSessionProcessor(SmfOptions options, N4Client n4, ISmSubscriptionSource udm, ISmPolicyClient? pcf, INamfCommunication amf, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(n4);
        _options = options;
        _dnns = [.. options.Dnns.Select(DnnSlice.From)];
        _n4 = n4;
        _udm = udm;
        _pcf = pcf;
        _amf = amf;
        _log = log ?? NullLogger.Instance;
        n4.OnSessionReport = OnSessionReportAsync;
    }

    /// <summary>Usage reports received from the UPFs (periodic, and the final ones of deleted sessions), for charging.</summary>
    public ConcurrentQueue<ChargingRecord> ChargingRecords { get; } = new();

    public int Count => _contexts.Count;

    public SmContext? Find(string smContextRef) => _contexts.TryGetValue(smContextRef, out SmContext? c) ? c : null;

    /// <summary>The SM context of a UE's PDU session, if there is one.</summary>
    public SmContext? Find(string supi, byte pduSessionId) => _bySession.TryGetValue((supi, pduSessionId), out SmContext? c) ? c : null;

    // ---- Create SM Context (TS 29.502 §5.2.2.2, TS 23.502 §4.3.2.2.1) -------------------------------------------------

    public async Task<SmfReply<SmContextCreatedData>> CreateAsync(SbiMessage<SmContextCreateData> message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        SmContextCreateData d = message.Json;
        if (d.Supi is null)
        {
            return SmfReply<SmContextCreatedData>.Fail(Problems.MandatoryIeMissing("supi is required (no emergency sessions)", "/supi"));
        }
        if (d.PduSessionId is not (>= 1 and <= 15))
        {
            return SmfReply<SmContextCreatedData>.Fail(Problems.MandatoryIeIncorrect("pduSessionId must be 1..15", "/pduSessionId"));
        }
        byte[]? n1 = message.Binary(d.N1SmMsg);
        if (n1 is null)
        {
            return SmfReply<SmContextCreatedData>.Fail(Problems.MandatoryIeMissing("n1SmMsg (PDU session establishment request) is missing", "/n1SmMsg"));
        }
        if (!NasMessage.TryDecode(n1, out NasMessage? nas, out NasError nasError) || nas is not PduSessionEstablishmentRequest request)
        {
            string why = nas is null ? nasError.ToString() : $"{nas.GetType().Name} is not a PDU session establishment request";
            return SmfReply<SmContextCreatedData>.Fail(Problems.Make(403, "N1_SM_ERROR", "n1SmMsg: " + why));
        }
        byte psi = (byte)d.PduSessionId.Value;
        byte pti = request.ProcedureTransactionId;
        if (request.PduSessionId != psi)
        {
            return Reject(psi, pti, FiveGsmCauses.InvalidPduSessionIdentity, Problems.Make(403, "N1_SM_ERROR", "the PDU session ID of the N1 message differs from pduSessionId"));
        }
        // §6.4.1.3: a request without DNN gets the subscribed default; the AMF fills it in (TS 23.502 §4.3.2.2.1 step 2),
        // so one still missing here is #27.
        string? dnn = d.Dnn ?? d.SelectedDnn;
        if (string.IsNullOrEmpty(dnn))
        {
            return Reject(psi, pti, FiveGsmCauses.MissingOrUnknownDnn, Problems.Make(403, "DNN_NOT_SUPPORTED", "no DNN"));
        }
        if (d.SNssai is null)
        {
            return SmfReply<SmContextCreatedData>.Fail(Problems.MandatoryIeMissing("sNssai is required", "/sNssai"));
        }
        DnnSlice? served = _dnns.FirstOrDefault(x => x.Matches(dnn, d.SNssai));
        if (served is null)
        {
            bool dnnKnown = _dnns.Any(x => string.Equals(x.Options.Dnn, dnn, StringComparison.OrdinalIgnoreCase));
            return Reject(psi, pti, dnnKnown ? FiveGsmCauses.MissingOrUnknownDnnInASlice : FiveGsmCauses.MissingOrUnknownDnn,
                Problems.Make(403, "DNN_NOT_SUPPORTED", $"DNN {dnn} is not served{(dnnKnown ? " in this slice" : "")}"));
        }

        // Subscription (Nudm_SDM sm-data for the slice and DNN).
        Result<List<SessionManagementSubscriptionData>> sm = await _udm.GetSmDataAsync(d.Supi, d.SNssai, dnn, ct).ConfigureAwait(false);
        if (!sm.IsOk)
        {
            bool unknownUser = sm.Problem!.Status == 404;
            return Reject(psi, pti, unknownUser ? FiveGsmCauses.RequestedServiceOptionNotSubscribed : FiveGsmCauses.NetworkFailure,
                unknownUser ? Problems.Make(403, "SUBSCRIPTION_DENIED", "no session management subscription") : Problems.Make(504, "UDM_UNREACHABLE", sm.Problem.Detail ?? "UDM failed"));
        }
        SessionManagementSubscriptionData? sliceData = sm.Value!.FirstOrDefault(s => s.SingleNssai.Matches(d.SNssai));
        if (sliceData is null)
        {
            return Reject(psi, pti, FiveGsmCauses.RequestedServiceOptionNotSubscribed, Problems.Make(403, "SNSSAI_DENIED", "the S-NSSAI is not subscribed"));
        }
        DnnConfiguration? dnnConfig = sliceData.DnnConfigurations?.FirstOrDefault(kv => string.Equals(kv.Key, dnn, StringComparison.OrdinalIgnoreCase)).Value;
        if (dnnConfig is null)
        {
            return Reject(psi, pti, FiveGsmCauses.RequestedServiceOptionNotSubscribed, Problems.Make(403, "DNN_DENIED", $"DNN {dnn} is not subscribed in this slice"));
        }

        // PDU session type (§6.4.1.3: IPv4v6 requested but one family allowed → that family with cause #50/#51).
        byte requested = request.PduSessionType?.Value ?? PduSessionTypeValues.Ipv4v6;
        bool v4Allowed = served.Ipv4 is not null && Allowed(dnnConfig, "IPV4");
        bool v6Allowed = served.Ipv6 is not null && Allowed(dnnConfig, "IPV6");
        byte selected;
        byte? acceptCause = null;
        switch (requested)
        {
            case PduSessionTypeValues.Ipv4 when v4Allowed:
                selected = PduSessionTypeValues.Ipv4;
                break;
            case PduSessionTypeValues.Ipv6 when v6Allowed:
                selected = PduSessionTypeValues.Ipv6;
                break;
            case PduSessionTypeValues.Ipv4v6 when v4Allowed && v6Allowed:
                selected = PduSessionTypeValues.Ipv4v6;
                break;
            case PduSessionTypeValues.Ipv4v6 when v4Allowed:
                selected = PduSessionTypeValues.Ipv4;
                acceptCause = FiveGsmCauses.PduSessionTypeIpv4OnlyAllowed;
                break;
            case PduSessionTypeValues.Ipv4v6 when v6Allowed:
                selected = PduSessionTypeValues.Ipv6;
                acceptCause = FiveGsmCauses.PduSessionTypeIpv6OnlyAllowed;
                break;
            case PduSessionTypeValues.Ipv4 when v6Allowed:
                return Reject(psi, pti, FiveGsmCauses.PduSessionTypeIpv6OnlyAllowed, Problems.Make(403, "PDUTYPE_DENIED", "IPv4 is not allowed for this DNN"));
            case PduSessionTypeValues.Ipv6 when v4Allowed:
                return Reject(psi, pti, FiveGsmCauses.PduSessionTypeIpv4OnlyAllowed, Problems.Make(403, "PDUTYPE_DENIED", "IPv6 is not allowed for this DNN"));
            default:
                return Reject(psi, pti, FiveGsmCauses.UnknownPduSessionType, Problems.Make(403, "PDUTYPE_DENIED", $"PDU session type {requested} is not supported"));
        }
        // SSC mode 1 only (TS 23.501 §5.6.9.2): a request for another mode is #68.
        if (request.SscMode is HalfOctet ssc && ssc.Value is not (0 or 1))
        {
            return Reject(psi, pti, FiveGsmCauses.NotSupportedSscMode, Problems.Make(403, "SSC_DENIED", $"SSC mode {ssc.Value} is not supported"));
        }

        // A new establishment for a PDU session ID in use replaces the old session (TS 23.502 §4.3.2.2.1 step 3).
        if (_bySession.TryGetValue((d.Supi, psi), out SmContext? old))
        {
            await ReleaseLocallyAsync(old, ct).ConfigureAwait(false);
        }

        var ctx = new SmContext(Interlocked.Increment(ref _nextRef).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Supi, psi)
        {
            Dnn = served.Options.Dnn,
            Snssai = d.SNssai,
            Gpsi = d.Gpsi,
            AnType = d.AnType,
            ServingNfId = d.ServingNfId,
            SmContextStatusUri = d.SmContextStatusUri,
            Pti = pti,
            PduSessionType = selected,
            Pools = served,
            CpSeid = (ulong)Interlocked.Increment(ref _nextSeid),
        };
        ApplySubscribedQos(ctx, dnnConfig);

        // Addresses.
        if (selected is PduSessionTypeValues.Ipv4 or PduSessionTypeValues.Ipv4v6)
        {
            ctx.Ipv4 = served.Ipv4!.Allocate();
        }
        if (selected is PduSessionTypeValues.Ipv6 or PduSessionTypeValues.Ipv4v6)
        {
            ctx.Ipv6Prefix = served.Ipv6!.Allocate();
            // TS 23.501 §5.8.2.2.2: the interface identifier the UE uses for its link-local address; any value unique on the link.
            ctx.InterfaceIdentifier = (ulong)ctx.CpSeid | 0x0200_0000_0000_0000UL;
        }
        if ((selected != PduSessionTypeValues.Ipv6 && ctx.Ipv4 is null) || (selected != PduSessionTypeValues.Ipv4 && ctx.Ipv6Prefix is null))
        {
            ReleaseAddresses(ctx);
            return Reject(psi, pti, FiveGsmCauses.InsufficientResources, Problems.Make(500, "INSUFFICIENT_RESOURCES_SLICE_DNN", "the address pool is exhausted"));
        }

        // Policy (Npcf_SMPolicyControl); without a PCF the subscribed values are the local policy (TS 23.503 §6.3).
        if (_pcf is not null)
        {
            Result<SmPolicyDecision> policy = await _pcf.CreateAsync(new SmPolicyContextData
            {
                Supi = d.Supi,
                PduSessionId = psi,
                PduSessionType = PduSessionTypeValues.ToSbi(selected),
                Dnn = ctx.Dnn,
                SliceInfo = d.SNssai,
                NotificationUri = $"{_options.CallbackRoot.TrimEnd('/')}/nsmf-callback/v1/sm-policy-notify/{ctx.Ref}",
                AccessType = d.AnType,
                RatType = d.RatType,
                ServingNetwork = d.ServingNetwork,
                Ipv4Address = ctx.Ipv4?.ToString(),
                Ipv6AddressPrefix = ctx.Ipv6Prefix is null ? null : ctx.Ipv6Prefix + "/64",
                SubsSessAmbr = dnnConfig.SessionAmbr,
                SubsDefQos = dnnConfig.FiveGQosProfile,
            }, ct).ConfigureAwait(false);
            if (!policy.IsOk)
            {
                ReleaseAddresses(ctx);
                bool denied = policy.Problem!.Status == 403;
                return Reject(psi, pti, denied ? FiveGsmCauses.UserAuthenticationOrAuthorizationFailed : FiveGsmCauses.NetworkFailure,
                    Problems.Make(denied ? 403 : 504, denied ? "SUBSCRIPTION_DENIED" : "PCF_UNREACHABLE", "SM policy: " + policy.Problem.Detail));
            }
            ctx.PolicyUri = policy.Location;
            ApplyPolicy(ctx, policy.Value!);
        }

        // N4 session on a UPF chosen by DNN and slice.
        UpfPeer? upf = await _n4.SelectAsync(ctx.Dnn, ctx.Snssai.Sst, ctx.Snssai.Sd, ct).ConfigureAwait(false);
        if (upf is null)
        {
            await UndoAsync(ctx, ct).ConfigureAwait(false);
            return Reject(psi, pti, FiveGsmCauses.InsufficientResources, Problems.Make(500, "INSUFFICIENT_RESOURCES_SLICE_DNN", "no UPF available for the DNN and slice"));
        }
        ctx.Upf = upf;
        try
        {
            _bySeid[ctx.CpSeid] = ctx;
            (ulong upSeid, FTeid ul) = await _n4.EstablishAsync(upf, PfcpRules.Establishment(RulesOf(ctx)), ct).ConfigureAwait(false);
            ctx.UpSeid = upSeid;
            ctx.UlTunnel = new GtpTunnelEndpoint(ul.IPv4!, ul.Teid);
        }
        catch (N4Exception e)
        {
            _bySeid.TryRemove(ctx.CpSeid, out _);
            await UndoAsync(ctx, ct).ConfigureAwait(false);
            LogN4Failed(_log, ctx.Supi, psi, e.Message);
            return Reject(psi, pti, FiveGsmCauses.InsufficientResources, Problems.Make(500, "SYSTEM_FAILURE", "N4 session establishment failed: " + e.Message));
        }

        ctx.N1Accept = GsmBuild.EstablishmentAccept(psi, pti, new AcceptContents(selected, ctx.SscMode, ctx.Ipv4, ctx.InterfaceIdentifier,
            ctx.AmbrUplinkBps, ctx.AmbrDownlinkBps, ctx.Qfi, ctx.FiveQi, ctx.Dnn, ToNas(ctx.Snssai), acceptCause, Pco(request, served, selected)));
        ctx.N2SetupRequest = SetupRequestTransfer(ctx);
        ctx.State = SmContextState.ActivePending;
        _contexts[ctx.Ref] = ctx;
        _bySession[(ctx.Supi, psi)] = ctx;

        var created = new SmContextCreatedData { PduSessionId = psi, SNssai = ctx.Snssai, UpCnxState = UpCnxStates.Activating };
        return new SmfReply<SmContextCreatedData>
        {
            Status = 201,
            Body = created,
            Location = $"{ApiRoot}/sm-contexts/{ctx.Ref}",
            After = c => TransferAcceptAsync(ctx, c),
        };
    }

    private static bool Allowed(DnnConfiguration c, string type) =>
        string.Equals(c.PduSessionTypes.DefaultSessionType, type, StringComparison.OrdinalIgnoreCase)
        || (c.PduSessionTypes.AllowedSessionTypes?.Contains(type, StringComparer.OrdinalIgnoreCase) ?? false);

    private static void ApplySubscribedQos(SmContext ctx, DnnConfiguration c)
    {
        ctx.AmbrUplinkBps = GlassCore.Sbi.Models.BitRates.Parse(c.SessionAmbr?.Uplink) ?? 1_000_000_000;
        ctx.AmbrDownlinkBps = GlassCore.Sbi.Models.BitRates.Parse(c.SessionAmbr?.Downlink) ?? 1_000_000_000;
        if (c.FiveGQosProfile is SubscribedDefaultQos q)
        {
            ctx.FiveQi = q.FiveQi;
            ctx.ArpPriority = q.Arp.PriorityLevel;
            ctx.PreemptionCapable = q.Arp.PreemptCap == "MAY_PREEMPT";
            ctx.Preemptable = q.Arp.PreemptVuln == "PREEMPTABLE";
        }
    }

    /// <summary>TS 29.512 §4.2.2: the session rule's authorized session AMBR and default QoS override the subscription.</summary>
    private static void ApplyPolicy(SmContext ctx, SmPolicyDecision decision)
    {
        SessionRule? rule = decision.SessRules?.Values.FirstOrDefault();
        if (rule?.AuthSessAmbr is Ambr a)
        {
            ctx.AmbrUplinkBps = GlassCore.Sbi.Models.BitRates.Parse(a.Uplink) ?? ctx.AmbrUplinkBps;
            ctx.AmbrDownlinkBps = GlassCore.Sbi.Models.BitRates.Parse(a.Downlink) ?? ctx.AmbrDownlinkBps;
        }
        if (rule?.AuthDefQos is AuthorizedDefaultQos q)
        {
            ctx.FiveQi = q.FiveQi ?? ctx.FiveQi;
            if (q.Arp is Arp arp)
            {
                ctx.ArpPriority = arp.PriorityLevel;
                ctx.PreemptionCapable = arp.PreemptCap == "MAY_PREEMPT";
                ctx.Preemptable = arp.PreemptVuln == "PREEMPTABLE";
            }
        }
    }

    private SessionRulesInput RulesOf(SmContext ctx) => new(ctx.CpSeid, _n4.CpAddress, _n4.CpNodeId, ctx.Dnn, ctx.PduSessionType,
        ctx.Ipv4, ctx.Ipv6Prefix, ctx.Qfi, ctx.AmbrUplinkBps, ctx.AmbrDownlinkBps, _options.UsageReportPeriodSeconds);

    private static byte[] SetupRequestTransfer(SmContext ctx) => N2SmInfo.SetupRequestTransfer(ctx.UlTunnel, ctx.PduSessionType, ctx.Qfi, ctx.FiveQi,
        ctx.ArpPriority, ctx.PreemptionCapable, ctx.Preemptable, ctx.AmbrUplinkBps, ctx.AmbrDownlinkBps);

    private static SNssaiValue ToNas(Snssai s) =>
        new((byte)s.Sst, s.Sd is null ? null : Convert.ToUInt32(s.Sd, 16));

    /// <summary>TS 24.501 §6.4.1.3 / TS 24.008 §10.5.6.3: answer the ePCO containers the UE asked for (DNS, MTU).</summary>
    private static List<PcoContainer> Pco(PduSessionEstablishmentRequest request, DnnSlice served, byte selected)
    {
        var answer = new List<PcoContainer>();
        if (request.ExtendedProtocolConfigurationOptions is not ExtendedProtocolConfigurationOptions epco)
        {
            return answer;
        }
        foreach (PcoContainer c in epco.Containers())
        {
            switch (c.Identifier)
            {
                case PcoContainer.DnsServerIpv4Address when selected != PduSessionTypeValues.Ipv6:
                    answer.AddRange(served.Dns.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                        .Select(a => new PcoContainer(PcoContainer.DnsServerIpv4Address, a.GetAddressBytes())));
                    break;
                case PcoContainer.DnsServerIpv6Address when selected != PduSessionTypeValues.Ipv4:
                    answer.AddRange(served.Dns.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                        .Select(a => new PcoContainer(PcoContainer.DnsServerIpv6Address, a.GetAddressBytes())));
                    break;
                case PcoContainer.Ipv4LinkMtu:
                    answer.Add(new PcoContainer(PcoContainer.Ipv4LinkMtu, new[] { (byte)(served.Options.Mtu >> 8), (byte)served.Options.Mtu }));
                    break;
                default:
                    break;
            }
        }
        return answer;
    }

    private static SmfReply<SmContextCreatedData> Reject(byte psi, byte pti, byte cause, ProblemDetails problem) =>
        SmfReply<SmContextCreatedData>.Fail(problem, [new BinaryPart(N1Id, SbiMultipart.NasMediaType, GsmBuild.EstablishmentReject(psi, pti, cause))],
            n1: new RefToBinaryData { ContentId = N1Id });

    /// <summary>Step 11: the accept and the N2 PDU session resource setup request go to the AMF.</summary>
    private async Task TransferAcceptAsync(SmContext ctx, CancellationToken ct)
    {
        Result<N1N2MessageTransferRspData> r = await TransferAsync(ctx, ctx.N1Accept, ctx.N2SetupRequest, N2SmInfoTypes.PduResSetupReq, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            LogTransferFailed(_log, ctx.Supi, ctx.PduSessionId, r.Problem!.Detail ?? r.Problem.Cause ?? "?");
        }
    }

    private Task<Result<N1N2MessageTransferRspData>> TransferAsync(SmContext ctx, byte[]? n1, byte[]? n2, string? n2Type, CancellationToken ct,
        string? failureNotifyUri = null)
    {
        var parts = new List<BinaryPart>();
        var data = new N1N2MessageTransferReqData { PduSessionId = ctx.PduSessionId, NfId = _options.InstanceId, N1n2FailureTxfNotifURI = failureNotifyUri };
        if (n1 is not null)
        {
            parts.Add(new BinaryPart(N1Id, SbiMultipart.NasMediaType, n1));
            data.N1MessageContainer = new N1MessageContainer { N1MessageClass = "SM", N1MessageContent = new RefToBinaryData { ContentId = N1Id } };
        }
        if (n2 is not null)
        {
            parts.Add(new BinaryPart(N2Id, SbiMultipart.NgapMediaType, n2));
            data.N2InfoContainer = new N2InfoContainer
            {
                N2InformationClass = "SM",
                SmInfo = new N2SmInformation
                {
                    PduSessionId = ctx.PduSessionId,
                    SNssai = ctx.Snssai,
                    N2InfoContent = new N2InfoContent { NgapIeType = n2Type, NgapData = new RefToBinaryData { ContentId = N2Id } },
                },
            };
        }
        return _amf.N1N2MessageTransferAsync(ctx.Supi, data, parts, ct);
    }

    // ---- Update SM Context (TS 29.502 §5.2.2.3) ---------------------------------------------------------------------

    public async Task<SmfReply<SmContextUpdatedData>> UpdateAsync(string smContextRef, SbiMessage<SmContextUpdateData> message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_contexts.TryGetValue(smContextRef, out SmContext? ctx))
        {
            return SmfReply<SmContextUpdatedData>.Fail(Problems.ContextNotFound($"no SM context {smContextRef}"));
        }
        SmContextUpdateData d = message.Json;
        byte[]? n1 = message.Binary(d.N1SmMsg);
        byte[]? n2 = message.Binary(d.N2SmInfo);
        if (d.N1SmMsg is not null && n1 is null)
        {
            return SmfReply<SmContextUpdatedData>.Fail(Problems.MandatoryIeIncorrect("n1SmMsg names no binary part", "/n1SmMsg"));
        }
        if (d.N2SmInfo is not null && (n2 is null || d.N2SmInfoType is null))
        {
            return SmfReply<SmContextUpdatedData>.Fail(Problems.MandatoryIeIncorrect("n2SmInfo needs its binary part and n2SmInfoType", "/n2SmInfo"));
        }
        await ctx.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (ctx.State == SmContextState.Released)
            {
                return SmfReply<SmContextUpdatedData>.Fail(Problems.ContextNotFound($"SM context {smContextRef} is released"));
            }
            if (n2 is not null)
            {
                return await OnN2Async(ctx, d.N2SmInfoType!, n2, ct).ConfigureAwait(false);
            }
            if (n1 is not null)
            {
                return await OnN1Async(ctx, n1, ct).ConfigureAwait(false);
            }
            if (d.UpCnxState is string up)
            {
                return await OnUpCnxStateAsync(ctx, up, ct).ConfigureAwait(false);
            }
            return SmfReply<SmContextUpdatedData>.Ok(null);
        }
        finally
        {
            ctx.Lock.Release();
        }
    }

    private async Task<SmfReply<SmContextUpdatedData>> OnN2Async(SmContext ctx, string type, byte[] n2, CancellationToken ct)
    {
        switch (type)
        {
            case N2SmInfoTypes.PduResSetupRsp:
                if (!N2SmInfo.TryReadSetupResponseTransfer(n2, out GtpTunnelEndpoint dl, out string? error))
                {
                    return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(400, "INVALID_MSG_FORMAT", "N2 SM information: " + error));
                }
                try
                {
                    await _n4.ModifyAsync(ctx.Upf!, PfcpRules.ActivateDownlink(ctx.UpSeid, ctx.Dnn, dl), ct).ConfigureAwait(false);
                }
                catch (N4Exception e)
                {
                    return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(500, "SYSTEM_FAILURE", "N4 modification failed: " + e.Message));
                }
                ctx.DlTunnel = dl;
                ctx.UpCnxState = UpCnxStates.Activated;
                if (ctx.State == SmContextState.ActivePending)
                {
                    // Not when a release overtook the setup response: that release is still under way.
                    ctx.State = SmContextState.Active;
                }
                return SmfReply<SmContextUpdatedData>.Ok(new SmContextUpdatedData { UpCnxState = UpCnxStates.Activated });
            case N2SmInfoTypes.PduResSetupFail:
                // TS 23.502 §4.3.2.2.1 step 15: the RAN could not set the session up; it stays without user plane.
                ctx.UpCnxState = UpCnxStates.Deactivated;
                if (ctx.State == SmContextState.ActivePending)
                {
                    ctx.State = SmContextState.Active;
                }
                return SmfReply<SmContextUpdatedData>.Ok(new SmContextUpdatedData { UpCnxState = UpCnxStates.Deactivated });
            case N2SmInfoTypes.PduResModRsp:
                // TS 23.502 §4.3.3.2 step 4-6: the RAN applied the new QoS; a DL tunnel it moved goes to the UPF.
                if (!N2SmInfo.TryReadModifyResponseTransfer(n2, out GtpTunnelEndpoint? moved, out int failedFlows, out string? modError))
                {
                    return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(400, "INVALID_MSG_FORMAT", "N2 SM information: " + modError));
                }
                if (moved is GtpTunnelEndpoint newDl && newDl != ctx.DlTunnel)
                {
                    try
                    {
                        await _n4.ModifyAsync(ctx.Upf!, PfcpRules.ActivateDownlink(ctx.UpSeid, ctx.Dnn, newDl), ct).ConfigureAwait(false);
                    }
                    catch (N4Exception e)
                    {
                        return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(500, "SYSTEM_FAILURE", "N4 modification failed: " + e.Message));
                    }
                    ctx.DlTunnel = newDl;
                }
                if (failedFlows > 0)
                {
                    LogModificationFailedInRan(_log, ctx.Supi, ctx.PduSessionId, $"{failedFlows} QoS flow(s) not modified");
                }
                ctx.N2ModificationsConfirmed++;
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case N2SmInfoTypes.PduResModFail:
                // §8.2.3.3: the RAN kept the old QoS; the session stays as it is.
                LogModificationFailedInRan(_log, ctx.Supi, ctx.PduSessionId, N2SmInfo.ModifyUnsuccessfulCause(n2) ?? "undecodable unsuccessful transfer");
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case N2SmInfoTypes.PduResRelRsp:
                ctx.N2ReleaseReceived = true;
                await CompleteReleaseIfDoneAsync(ctx, ct).ConfigureAwait(false);
                return SmfReply<SmContextUpdatedData>.Ok(null);
            default:
                return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(403, "N2_SM_ERROR", $"n2SmInfoType {type} is not handled"));
        }
    }

    private async Task<SmfReply<SmContextUpdatedData>> OnN1Async(SmContext ctx, byte[] n1, CancellationToken ct)
    {
        if (!NasMessage.TryDecode(n1, out NasMessage? nas, out NasError error) || nas is not FiveGsmMessage gsm)
        {
            return N1Reply(GsmBuild.Status(ctx.PduSessionId, 0, nas is null ? error.Cause : FiveGsmCauses.MessageTypeNonExistent));
        }
        if (gsm.PduSessionId != ctx.PduSessionId)
        {
            return N1Reply(GsmBuild.Status(ctx.PduSessionId, gsm.ProcedureTransactionId, FiveGsmCauses.InvalidPduSessionIdentity));
        }
        switch (gsm)
        {
            case PduSessionReleaseRequest rel:
                // §6.4.3 UE-requested release: release command, N2 release command; the N4 session goes once both sides confirm.
                ctx.Pti = rel.ProcedureTransactionId;
                ctx.N2ReleaseReceived = !RanHasSession(ctx);
                ctx.State = SmContextState.ReleasePending;
                ctx.ReleaseCompleteReceived = false;
                return new SmfReply<SmContextUpdatedData>
                {
                    Status = 200,
                    Body = new SmContextUpdatedData
                    {
                        N1SmMsg = new RefToBinaryData { ContentId = N1Id },
                        N2SmInfo = ctx.N2ReleaseReceived ? null : new RefToBinaryData { ContentId = N2Id },
                        N2SmInfoType = ctx.N2ReleaseReceived ? null : N2SmInfoTypes.PduResRelCmd,
                    },
                    Parts = ctx.N2ReleaseReceived
                        ? [new BinaryPart(N1Id, SbiMultipart.NasMediaType, GsmBuild.ReleaseCommand(ctx.PduSessionId, ctx.Pti, FiveGsmCauses.RegularDeactivation))]
                        : [new BinaryPart(N1Id, SbiMultipart.NasMediaType, GsmBuild.ReleaseCommand(ctx.PduSessionId, ctx.Pti, FiveGsmCauses.RegularDeactivation)),
                           new BinaryPart(N2Id, SbiMultipart.NgapMediaType, N2SmInfo.ReleaseCommandTransfer())],
                };
            case PduSessionReleaseComplete:
                if (ctx.State != SmContextState.ReleasePending)
                {
                    return N1Reply(GsmBuild.Status(ctx.PduSessionId, gsm.ProcedureTransactionId, FiveGsmCauses.MessageTypeNotCompatibleWithProtocolState));
                }
                ctx.ReleaseCompleteReceived = true;
                await CompleteReleaseIfDoneAsync(ctx, ct).ConfigureAwait(false);
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case PduSessionModificationRequest mod:
                // §6.4.2 UE-requested modification (TS 23.502 §4.3.3.2 step 1a-3b): re-authorize the current session AMBR and
                // default QoS flow (no PCC rules to add); the RAN gets them too when the user plane is up.
                // TS 24.501 §6.1.3.3: the SMF is in PDU SESSION ACTIVE once it has sent the establishment accept, so a
                // request that overtakes the gNB's setup response is served, not refused with #98.
                if (ctx.State is not (SmContextState.Active or SmContextState.ActivePending))
                {
                    return N1Reply(GsmBuild.ModificationReject(ctx.PduSessionId, mod.ProcedureTransactionId, FiveGsmCauses.MessageTypeNotCompatibleWithProtocolState));
                }
                ctx.ModificationPending = true;
                return ModificationReply(ctx, GsmBuild.ModificationCommand(ctx.PduSessionId, mod.ProcedureTransactionId, ctx.AmbrUplinkBps, ctx.AmbrDownlinkBps, ctx.Qfi));
            case PduSessionModificationComplete:
                // TS 23.502 §4.3.3.2 step 8-10: the UE applied the command; the N4 rules were updated before it was sent.
                if (!ctx.ModificationPending)
                {
                    return N1Reply(GsmBuild.Status(ctx.PduSessionId, gsm.ProcedureTransactionId, FiveGsmCauses.MessageTypeNotCompatibleWithProtocolState));
                }
                ctx.ModificationPending = false;
                ctx.ModificationsCompleted++;
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case PduSessionModificationCommandReject reject:
                ctx.ModificationPending = false;
                LogModificationRejected(_log, ctx.Supi, ctx.PduSessionId, reject.Cause.Octet);
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case FiveGsmStatus:
                return SmfReply<SmContextUpdatedData>.Ok(null);
            case PduSessionEstablishmentRequest est:
                return N1Reply(GsmBuild.EstablishmentReject(ctx.PduSessionId, est.ProcedureTransactionId, FiveGsmCauses.MessageTypeNotCompatibleWithProtocolState));
            default:
                return N1Reply(GsmBuild.Status(ctx.PduSessionId, gsm.ProcedureTransactionId, FiveGsmCauses.MessageTypeNotCompatibleWithProtocolState));
        }
    }

    /// <summary>The modification command, with the PDU Session Resource Modify Request Transfer when the user plane is
    /// set up in the RAN (TS 23.502 §4.3.3.2 step 3b); without one the RAN learns the new values at the next setup.</summary>
    private static SmfReply<SmContextUpdatedData> ModificationReply(SmContext ctx, byte[] n1)
    {
        if (!RanHasSession(ctx))
        {
            return N1Reply(n1);
        }
        return new()
        {
            Status = 200,
            Body = new SmContextUpdatedData
            {
                N1SmMsg = new RefToBinaryData { ContentId = N1Id },
                N2SmInfo = new RefToBinaryData { ContentId = N2Id },
                N2SmInfoType = N2SmInfoTypes.PduResModReq,
            },
            Parts = [new BinaryPart(N1Id, SbiMultipart.NasMediaType, n1), new BinaryPart(N2Id, SbiMultipart.NgapMediaType, ModifyRequestTransfer(ctx))],
        };
    }

    /// <summary>Whether an N2 modify request can go to the RAN: the user plane is up there, or the setup request is on its
    /// way (NGAP keeps a UE's messages in order, so the modify arrives after the setup).</summary>
    private static bool RanHasSession(SmContext ctx) =>
        ctx.UpCnxState == UpCnxStates.Activated || (ctx.State == SmContextState.ActivePending && ctx.UpCnxState == UpCnxStates.Activating);

    private static byte[] ModifyRequestTransfer(SmContext ctx) => N2SmInfo.ModifyRequestTransfer(ctx.Qfi, ctx.FiveQi, ctx.ArpPriority, ctx.PreemptionCapable,
        ctx.Preemptable, ctx.AmbrUplinkBps, ctx.AmbrDownlinkBps);

    private static SmfReply<SmContextUpdatedData> N1Reply(byte[] n1) => new()
    {
        Status = 200,
        Body = new SmContextUpdatedData { N1SmMsg = new RefToBinaryData { ContentId = N1Id } },
        Parts = [new BinaryPart(N1Id, SbiMultipart.NasMediaType, n1)],
    };

    private async Task<SmfReply<SmContextUpdatedData>> OnUpCnxStateAsync(SmContext ctx, string state, CancellationToken ct)
    {
        switch (state)
        {
            case UpCnxStates.Deactivated when ctx.State == SmContextState.ReleasePending:
                // The AN went while the RAN's release response was awaited: the RAN resources are gone with it.
                ctx.UpCnxState = UpCnxStates.Deactivated;
                ctx.DlTunnel = null;
                ctx.N2ReleaseReceived = true;
                await CompleteReleaseIfDoneAsync(ctx, ct).ConfigureAwait(false);
                return SmfReply<SmContextUpdatedData>.Ok(new SmContextUpdatedData { UpCnxState = UpCnxStates.Deactivated });
            case UpCnxStates.Deactivated:
                // TS 23.502 §4.2.6 AN release: DL data is buffered and reported (the SMF then pages through the AMF).
                try
                {
                    await _n4.ModifyAsync(ctx.Upf!, PfcpRules.DeactivateDownlink(ctx.UpSeid), ct).ConfigureAwait(false);
                }
                catch (N4Exception e)
                {
                    return SmfReply<SmContextUpdatedData>.Fail(Problems.Make(500, "SYSTEM_FAILURE", "N4 modification failed: " + e.Message));
                }
                ctx.UpCnxState = UpCnxStates.Deactivated;
                ctx.DlTunnel = null;
                return SmfReply<SmContextUpdatedData>.Ok(new SmContextUpdatedData { UpCnxState = UpCnxStates.Deactivated });
            case UpCnxStates.Activating:
                // TS 23.502 §4.2.3.2 service request: the N2 setup request again, the same UL tunnel.
                ctx.UpCnxState = UpCnxStates.Activating;
                return new SmfReply<SmContextUpdatedData>
                {
                    Status = 200,
                    Body = new SmContextUpdatedData
                    {
                        UpCnxState = UpCnxStates.Activating,
                        N2SmInfo = new RefToBinaryData { ContentId = N2Id },
                        N2SmInfoType = N2SmInfoTypes.PduResSetupReq,
                    },
                    Parts = [new BinaryPart(N2Id, SbiMultipart.NgapMediaType, SetupRequestTransfer(ctx))],
                };
            default:
                return SmfReply<SmContextUpdatedData>.Fail(Problems.MandatoryIeIncorrect($"upCnxState {state} cannot be requested", "/upCnxState"));
        }
    }

    private async Task CompleteReleaseIfDoneAsync(SmContext ctx, CancellationToken ct)
    {
        if (ctx.ReleaseCompleteReceived && ctx.N2ReleaseReceived)
        {
            await ReleaseLocallyAsync(ctx, ct, locked: true).ConfigureAwait(false);
            if (ctx.NetworkRequestedRelease)
            {
                // TS 23.502 §4.3.4.2 step 11: the SMF tells the AMF the context is gone (after the reply, off the lock).
                NotifyReleasedLater(ctx, null);
            }
        }
    }

    /// <summary>TS 29.502 §5.2.2.5.2: SmContextStatusNotify (RELEASED) to the AMF's smContextStatusUri, without holding up the caller.</summary>
    private void NotifyReleasedLater(SmContext ctx, string? cause)
    {
        if (ctx.SmContextStatusUri is not string uri)
        {
            return;
        }
        var notification = new SmContextStatusNotification { StatusInfo = new StatusInfo { ResourceStatus = "RELEASED", Cause = cause } };
        _ = Task.Run(async () =>
        {
            if (!await _amf.SmContextStatusNotifyAsync(uri, notification, CancellationToken.None).ConfigureAwait(false))
            {
                LogStatusNotifyFailed(_log, ctx.Supi, ctx.PduSessionId, uri);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// The SMF releases a context on its own (management, or a UE it cannot reach, TS 23.502 §4.3.4.2 step 3a): the N4
    /// session, policy and addresses go at once, and the AMF is told with SmContextStatusNotify so that it drops its
    /// routing context. False if there is no such context.
    /// </summary>
    public async Task<bool> ReleaseLocallyAndNotifyAsync(string smContextRef, string? cause, CancellationToken ct)
    {
        if (!_contexts.TryGetValue(smContextRef, out SmContext? ctx))
        {
            return false;
        }
        await ReleaseLocallyAsync(ctx, ct).ConfigureAwait(false);
        NotifyReleasedLater(ctx, cause);
        return true;
    }

    // ---- Release SM Context (TS 29.502 §5.2.2.4) ----------------------------------------------------------------------

    public async Task<SmfReply<SmContextUpdatedData>> ReleaseAsync(string smContextRef, CancellationToken ct)
    {
        if (!_contexts.TryGetValue(smContextRef, out SmContext? ctx))
        {
            return SmfReply<SmContextUpdatedData>.Fail(Problems.ContextNotFound($"no SM context {smContextRef}"));
        }
        await ReleaseLocallyAsync(ctx, ct).ConfigureAwait(false);
        return SmfReply<SmContextUpdatedData>.Ok(null);
    }

    /// <summary>§6.3.3 network-requested release: release command and N2 release command through N1N2MessageTransfer; the
    /// context goes when the UE's release complete and the gNB's release response come back through Update SM Context.</summary>
    public async Task<Result<N1N2MessageTransferRspData>> ReleaseNetworkRequestedAsync(string smContextRef, byte cause, CancellationToken ct)
    {
        if (!_contexts.TryGetValue(smContextRef, out SmContext? ctx))
        {
            return Problems.ContextNotFound($"no SM context {smContextRef}");
        }
        await ctx.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            bool withN2 = RanHasSession(ctx);
            ctx.State = SmContextState.ReleasePending;
            ctx.Pti = 0;
            ctx.ReleaseCompleteReceived = false;
            ctx.NetworkRequestedRelease = true;
            ctx.N2ReleaseReceived = !withN2;
            Result<N1N2MessageTransferRspData> r = await TransferAsync(ctx, GsmBuild.ReleaseCommand(ctx.PduSessionId, 0, cause), withN2 ? N2SmInfo.ReleaseCommandTransfer() : null,
                withN2 ? N2SmInfoTypes.PduResRelCmd : null, ct).ConfigureAwait(false);
            if (!r.IsOk && r.Problem!.Status is 404 or 504)
            {
                // TS 23.502 §4.3.4.2 step 3a: the UE is not reachable (or no longer known): release locally and tell the AMF.
                await ReleaseLocallyAsync(ctx, ct, locked: true).ConfigureAwait(false);
                NotifyReleasedLater(ctx, null);
            }
            return r;
        }
        finally
        {
            ctx.Lock.Release();
        }
    }

    /// <summary>§6.3.2 network-requested modification: a new session AMBR to the UPF's QER, to the UE and to the RAN.</summary>
    public async Task<Result<N1N2MessageTransferRspData>> ModifyAmbrNetworkRequestedAsync(string smContextRef, ulong uplinkBps, ulong downlinkBps, CancellationToken ct)
    {
        if (!_contexts.TryGetValue(smContextRef, out SmContext? ctx))
        {
            return Problems.ContextNotFound($"no SM context {smContextRef}");
        }
        await ctx.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            try
            {
                await _n4.ModifyAsync(ctx.Upf!, PfcpRules.UpdateAmbr(ctx.UpSeid, uplinkBps, downlinkBps), ct).ConfigureAwait(false);
            }
            catch (N4Exception e)
            {
                return Problems.Make(500, "SYSTEM_FAILURE", "N4 modification failed: " + e.Message);
            }
            ctx.AmbrUplinkBps = uplinkBps;
            ctx.AmbrDownlinkBps = downlinkBps;
            ctx.ModificationPending = true;
            // TS 23.502 §4.3.3.2 step 3a: N1 command and, with the user plane up, the N2 modify request to the RAN.
            bool withN2 = RanHasSession(ctx);
            return await TransferAsync(ctx, GsmBuild.ModificationCommand(ctx.PduSessionId, 0, uplinkBps, downlinkBps, ctx.Qfi),
                withN2 ? ModifyRequestTransfer(ctx) : null, withN2 ? N2SmInfoTypes.PduResModReq : null, ct).ConfigureAwait(false);
        }
        finally
        {
            ctx.Lock.Release();
        }
    }

    private async Task ReleaseLocallyAsync(SmContext ctx, CancellationToken ct, bool locked = false)
    {
        if (!locked)
        {
            await ctx.Lock.WaitAsync(ct).ConfigureAwait(false);
        }
        try
        {
            if (ctx.State == SmContextState.Released)
            {
                return;
            }
            ctx.State = SmContextState.Released;
            _contexts.TryRemove(ctx.Ref, out _);
            _bySession.TryRemove(new KeyValuePair<(string, byte), SmContext>((ctx.Supi, ctx.PduSessionId), ctx));
            await UndoAsync(ctx, ct).ConfigureAwait(false);
        }
        finally
        {
            if (!locked)
            {
                ctx.Lock.Release();
            }
        }
    }

    /// <summary>Gives back what a session holds: N4 session (keeping its final usage), policy association, addresses.</summary>
    private async Task UndoAsync(SmContext ctx, CancellationToken ct)
    {
        if (ctx.Upf is not null && ctx.UpSeid != 0)
        {
            try
            {
                foreach (UsageReport u in await _n4.DeleteAsync(ctx.Upf, ctx.UpSeid, ct).ConfigureAwait(false))
                {
                    Record(ctx, u, "deletion");
                }
            }
            catch (N4Exception e)
            {
                LogN4Failed(_log, ctx.Supi, ctx.PduSessionId, e.Message);
            }
            ctx.UpSeid = 0;
        }
        _bySeid.TryRemove(ctx.CpSeid, out _);
        if (_pcf is not null && ctx.PolicyUri is string policy)
        {
            await _pcf.DeleteAsync(policy, ct).ConfigureAwait(false);
            ctx.PolicyUri = null;
        }
        ReleaseAddresses(ctx);
    }

    private static void ReleaseAddresses(SmContext ctx)
    {
        if (ctx.Ipv4 is not null)
        {
            ctx.Pools?.Ipv4?.Release(ctx.Ipv4);
            ctx.Ipv4 = null;
        }
        if (ctx.Ipv6Prefix is not null)
        {
            ctx.Pools?.Ipv6?.Release(ctx.Ipv6Prefix);
            ctx.Ipv6Prefix = null;
        }
    }

    // ---- N4 reports (TS 29.244 §7.5.8) ---------------------------------------------------------------------------

    private async ValueTask<(PfcpCause Cause, ulong UpSeid)> OnSessionReportAsync(ulong cpSeid, SessionReportRequest report, CancellationToken ct)
    {
        if (!_bySeid.TryGetValue(cpSeid, out SmContext? ctx))
        {
            return (PfcpCause.SessionContextNotFound, 0);
        }
        foreach (UsageReport u in report.UsageReports)
        {
            Record(ctx, u, "report");
        }
        if (report.ReportType?.DownlinkDataReport == true && ctx.UpCnxState == UpCnxStates.Deactivated)
        {
            // TS 23.502 §4.2.3.3 network-triggered service request: N2 setup request via the AMF, which pages the UE.
            ctx.UpCnxState = UpCnxStates.Activating;
            // The AMF tells the callback when paging gets no answer (TS 29.518 §5.2.2.3.1, n1n2FailureTxfNotifURI).
            string failureUri = $"{_options.CallbackRoot.TrimEnd('/')}{N1N2FailureCallbackRoot}/{ctx.Ref}";
            _ = Task.Run(async () =>
            {
                Result<N1N2MessageTransferRspData> r = await TransferAsync(ctx, null, SetupRequestTransfer(ctx), N2SmInfoTypes.PduResSetupReq, CancellationToken.None,
                    failureUri).ConfigureAwait(false);
                if (!r.IsOk)
                {
                    LogTransferFailed(_log, ctx.Supi, ctx.PduSessionId, r.Problem!.Detail ?? "?");
                    // The AMF did not take it (UE not reachable, not registered): as if paging had failed.
                    await ReactivationFailedAsync(ctx, CancellationToken.None).ConfigureAwait(false);
                }
            }, CancellationToken.None);
        }
        await Task.CompletedTask.ConfigureAwait(false);
        return (PfcpCause.RequestAccepted, ctx.UpSeid);
    }

    /// <summary>The callback path for N1N2 transfer failure notifications, under the SMF's callback root.</summary>
    public const string N1N2FailureCallbackRoot = "/nsmf-callback/v1/n1n2-failure";

    /// <summary>
    /// TS 29.518 §5.2.2.3.1 callback: the AMF could not deliver the N1N2 transfer of a network-triggered service request
    /// (paging got no answer, UE_NOT_RESPONDING). False when no SM context has this reference (404).
    /// </summary>
    public async Task<bool> OnN1N2TransferFailureAsync(string smContextRef, N1N2MsgTxfrFailureNotification notification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (Find(smContextRef) is not SmContext ctx)
        {
            return false;
        }
        LogTransferFailureNotified(_log, ctx.Supi, ctx.PduSessionId, notification.Cause);
        await ReactivationFailedAsync(ctx, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// TS 23.502 §4.2.3.3 step 4c (the UE did not answer): the session goes back to deactivated and the UPF discards
    /// what it buffered (PFCPSMReq-Flags DROBU, TS 29.244 §8.2.80) but keeps buffering and notifying with BUFF+NOCP, so
    /// the next downlink packet is reported again and paging starts over.
    /// </summary>
    private async Task ReactivationFailedAsync(SmContext ctx, CancellationToken ct)
    {
        if (ctx.UpCnxState != UpCnxStates.Activating || ctx.Upf is null)
        {
            // A service request of the UE's own got in first, or the session is going.
            return;
        }
        ctx.UpCnxState = UpCnxStates.Deactivated;
        ctx.PagingFailures++;
        SessionModificationRequest discard = PfcpRules.DeactivateDownlink(ctx.UpSeid);
        discard.Flags = new PfcpFlagsIe(PfcpIeType.PfcpsmReqFlags, [0x01]);
        try
        {
            await _n4.ModifyAsync(ctx.Upf, discard, ct).ConfigureAwait(false);
        }
        catch (N4Exception e)
        {
            LogN4Failed(_log, ctx.Supi, ctx.PduSessionId, "discarding the buffered downlink: " + e.Message);
        }
    }

    private void Record(SmContext ctx, UsageReport u, string why)
    {
        Volume? v = u.VolumeMeasurement;
        ChargingRecords.Enqueue(new ChargingRecord(ctx.Supi, ctx.PduSessionId, ctx.Dnn, u.UrrId?.Value ?? 0, v?.Uplink ?? 0, v?.Downlink ?? 0,
            u.DurationMeasurement?.Value ?? 0, why, DateTimeOffset.UtcNow));
        while (ChargingRecords.Count > 100_000 && ChargingRecords.TryDequeue(out _))
        {
            // Bounded: a collector that never drains must not grow the SMF without limit.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SmContextStatusNotify for {Supi} PDU session {Psi} to {Uri} was not taken")]
    private static partial void LogStatusNotifyFailed(ILogger log, string supi, byte psi, string uri);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Supi} rejected the modification of PDU session {Psi}: 5GSM cause #{Cause}")]
    private static partial void LogModificationRejected(ILogger log, string supi, byte psi, byte cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The RAN did not modify {Supi} PDU session {Psi}: {Reason}")]
    private static partial void LogModificationFailedInRan(ILogger log, string supi, byte psi, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "N4 failure for {Supi} PDU session {Psi}: {Reason}")]
    private static partial void LogN4Failed(ILogger log, string supi, byte psi, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The AMF could not reach {Supi} for PDU session {Psi} ({Cause}): buffered downlink discarded")]
    private static partial void LogTransferFailureNotified(ILogger log, string supi, byte psi, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "N1N2MessageTransfer for {Supi} PDU session {Psi} failed: {Reason}")]
    private static partial void LogTransferFailed(ILogger log, string supi, byte psi, string reason);
}
