// TS 29.507 §4.2.2 / §4.2.4 Npcf_AMPolicyControl Create and Delete: an association with no restrictions (no service
// area restrictions, no RFSP index, no UE-AMBR override), which is what TS 29.507 lets a PCF without AM policies answer.
using System.Collections.Concurrent;
using System.Globalization;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Pcf;

public sealed class AmPolicyProcessor
{
    public const string ApiRoot = "/npcf-am-policy-control/v1";
    private readonly ConcurrentDictionary<string, PolicyAssociation> _associations = new(StringComparer.Ordinal);
    private long _next;

    public int Count => _associations.Count;

    public Task<Result<PolicyAssociation>> CreateAsync(PolicyAssociationRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!req.Supi.StartsWith("imsi-", StringComparison.Ordinal) && !req.Supi.StartsWith("nai-", StringComparison.Ordinal))
        {
            return Task.FromResult<Result<PolicyAssociation>>(Problems.MandatoryIeIncorrect("supi must be imsi-… or nai-…", "/supi"));
        }
        if (!Uri.TryCreate(req.NotificationUri, UriKind.Absolute, out _))
        {
            return Task.FromResult<Result<PolicyAssociation>>(Problems.MandatoryIeIncorrect("notificationUri must be an absolute URI", "/notificationUri"));
        }
        string id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        // suppFeat: the features both sides support; this PCF supports none of the optional ones.
        var association = new PolicyAssociation { Request = req, SuppFeat = "0" };
        _associations[id] = association;
        return Task.FromResult(Result<PolicyAssociation>.Created(association, $"{ApiRoot}/policies/{id}"));
    }

    public Task<Result<PolicyAssociation>> GetAsync(string id, CancellationToken ct) =>
        Task.FromResult(_associations.TryGetValue(id, out PolicyAssociation? a) ? Result<PolicyAssociation>.Ok(a) : Problems.ContextNotFound($"no AM policy association {id}"));

    public Task<Result<PolicyAssociation>> DeleteAsync(string id, CancellationToken ct) =>
        Task.FromResult(_associations.TryRemove(id, out _) ? Result<PolicyAssociation>.NoContent() : Problems.ContextNotFound($"no AM policy association {id}"));
}
