// TS 29.512 §4.2.2-§4.2.5 Npcf_SMPolicyControl Create/Update/Delete: one session rule per PDU session carrying the
// authorized session AMBR and default QoS of the configured policy for its DNN and slice (else the subscribed values).
using System.Collections.Concurrent;
using System.Globalization;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Pcf;

public sealed class SmPolicyProcessor(PcfOptions options)
{
    public const string ApiRoot = "/npcf-smpolicycontrol/v1";
    private static readonly string[] s_pduTypes = ["IPV4", "IPV6", "IPV4V6", "UNSTRUCTURED", "ETHERNET"];
    private readonly ConcurrentDictionary<string, SmPolicyContextData> _policies = new(StringComparer.Ordinal);
    private long _next;

    public int Count => _policies.Count;

    public Task<Result<SmPolicyDecision>> CreateAsync(SmPolicyContextData ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Supi.StartsWith("imsi-", StringComparison.Ordinal) && !ctx.Supi.StartsWith("nai-", StringComparison.Ordinal))
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.Make(400, "USER_UNKNOWN", "supi must be imsi-… or nai-…", "/supi"));
        }
        if (ctx.PduSessionId is < 0 or > 255)
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.MandatoryIeIncorrect("pduSessionId is 0..255", "/pduSessionId"));
        }
        if (!s_pduTypes.Contains(ctx.PduSessionType))
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.MandatoryIeIncorrect($"unknown pduSessionType {ctx.PduSessionType}", "/pduSessionType"));
        }
        if (string.IsNullOrEmpty(ctx.Dnn))
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.MandatoryIeIncorrect("dnn is empty", "/dnn"));
        }
        if (!Uri.TryCreate(ctx.NotificationUri, UriKind.Absolute, out _))
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.MandatoryIeIncorrect("notificationUri must be an absolute URI", "/notificationUri"));
        }
        string id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _policies[id] = ctx;
        return Task.FromResult(Result<SmPolicyDecision>.Created(Decide(ctx), $"{ApiRoot}/sm-policies/{id}"));
    }

    public Task<Result<SmPolicyDecision>> UpdateAsync(string id, SmPolicyUpdateContextData update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!_policies.TryGetValue(id, out SmPolicyContextData? ctx))
        {
            return Task.FromResult<Result<SmPolicyDecision>>(Problems.ContextNotFound($"no SM policy association {id}"));
        }
        // The subscription may have changed (TS 29.512 §4.2.4.2): decide again with the new subscribed values.
        if (update.SubsSessAmbr is not null)
        {
            ctx.SubsSessAmbr = update.SubsSessAmbr;
        }
        if (update.SubsDefQos is not null)
        {
            ctx.SubsDefQos = update.SubsDefQos;
        }
        ctx.Ipv4Address = update.Ipv4Address ?? ctx.Ipv4Address;
        ctx.Ipv6AddressPrefix = update.Ipv6AddressPrefix ?? ctx.Ipv6AddressPrefix;
        return Task.FromResult(Result<SmPolicyDecision>.Ok(Decide(ctx)));
    }

    public Task<Result<SmPolicyDecision>> DeleteAsync(string id, SmPolicyDeleteData _, CancellationToken ct) =>
        Task.FromResult(_policies.TryRemove(id, out SmPolicyContextData? __)
            ? Result<SmPolicyDecision>.NoContent()
            : Problems.ContextNotFound($"no SM policy association {id}"));

    internal SmPolicyDecision Decide(SmPolicyContextData ctx)
    {
        SessionPolicyOptions? p = options.SessionPolicies.FirstOrDefault(x =>
            (x.Dnn == "*" || string.Equals(x.Dnn, ctx.Dnn, StringComparison.OrdinalIgnoreCase)) && x.Sst == ctx.SliceInfo.Sst
            && string.Equals(x.Sd ?? "", ctx.SliceInfo.Sd ?? "", StringComparison.OrdinalIgnoreCase));
        Ambr? ambr = p?.SessionAmbrUplink is not null && p.SessionAmbrDownlink is not null
            ? new Ambr { Uplink = p.SessionAmbrUplink, Downlink = p.SessionAmbrDownlink }
            : ctx.SubsSessAmbr;
        AuthorizedDefaultQos qos = p is not null
            ? new AuthorizedDefaultQos
            {
                FiveQi = p.FiveQi,
                PriorityLevel = p.ArpPriorityLevel,
                Arp = new Arp { PriorityLevel = p.ArpPriorityLevel, PreemptCap = p.PreemptCap, PreemptVuln = p.PreemptVuln },
            }
            : new AuthorizedDefaultQos
            {
                FiveQi = ctx.SubsDefQos?.FiveQi ?? 9,
                PriorityLevel = ctx.SubsDefQos?.PriorityLevel,
                Arp = ctx.SubsDefQos?.Arp ?? new Arp { PriorityLevel = 8, PreemptCap = "NOT_PREEMPT", PreemptVuln = "PREEMPTABLE" },
            };
        var rule = new SessionRule { SessRuleId = "sessRule1", AuthSessAmbr = ambr, AuthDefQos = qos };
        return new SmPolicyDecision
        {
            SessRules = new Dictionary<string, SessionRule>(StringComparer.Ordinal) { [rule.SessRuleId] = rule },
            PolicyCtrlReqTriggers = ["PLMN_CH", "RES_MO_RE", "AC_TY_CH", "UE_IP_CH", "PS_DA_OFF", "DEF_QOS_CH", "SE_AMBR_CH"],
        };
    }
}
