// TS 29.504 Nudr_DataRepository, subscription data (TS 29.505): the operations the UDM uses.
using System.Globalization;
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Udr.Storage;

namespace GlassCore.Udr;

public sealed class DataRepositoryProcessor(SubscriberStore store)
{
    internal const string AuthStatusKind = "auth-status";
    internal const string Amf3GppKind = "amf-3gpp-access";
    internal const string SdmSubscriptionKind = "sdm-subscription";

    private static ProblemDetails? BadUeId(string ueId) =>
        ueId.StartsWith("imsi-", StringComparison.Ordinal) ? null : Problems.MandatoryIeIncorrect("ueId must be a SUPI (imsi-...)", "ueId");

    private async Task<Result<StoredSubscriber>> FindAsync(string ueId, CancellationToken ct)
    {
        if (BadUeId(ueId) is ProblemDetails bad)
        {
            return bad;
        }
        StoredSubscriber? s = await store.GetAsync(ueId, ct).ConfigureAwait(false);
        return s is null ? Problems.UserNotFound("no subscriber " + ueId) : Result<StoredSubscriber>.Ok(s);
    }

    public async Task<Result<AuthenticationSubscription>> GetAuthenticationSubscriptionAsync(string ueId, CancellationToken ct)
    {
        Result<StoredSubscriber> s = await FindAsync(ueId, ct).ConfigureAwait(false);
        return s.IsOk ? Result<AuthenticationSubscription>.Ok(SubscriptionDataMapper.AuthenticationSubscription(s.Value!)) : s.Problem!;
    }

    /// <summary>
    /// TS 29.504 §5.2.2.2.? PATCH authentication-subscription. GlassCore allows the SQN only: "replace /sequenceNumber/sqn"
    /// (unconditional, e.g. after re-synchronisation) or, preceded by "test /sequenceNumber/sqn", an atomic
    /// compare-and-set: 409 when the SQN moved on meanwhile, so the UDM retries with the fresh value. "test" of
    /// /encPermanentKey and /encOpcKey lets a UDM that remembered K and OPc learn (409) that the subscriber was
    /// re-provisioned since it read them.
    /// </summary>
    public async Task<Result<AuthenticationSubscription>> PatchAuthenticationSubscriptionAsync(string ueId, List<PatchItem> patch, CancellationToken ct)
    {
        long? expected = null;
        long? next = null;
        string? testK = null;
        string? testOpc = null;
        foreach (PatchItem p in patch)
        {
            if (p.Op == "test" && p.Path is "/encPermanentKey" or "/encOpcKey")
            {
                if (p.Value is not JsonElement kv || kv.ValueKind != JsonValueKind.String || kv.GetString() is not { Length: 32 } keyHex)
                {
                    return Problems.MandatoryIeIncorrect("a tested key must be 32 hex digits", p.Path);
                }
                if (p.Path == "/encPermanentKey")
                {
                    testK = keyHex;
                }
                else
                {
                    testOpc = keyHex;
                }
                continue;
            }
            if (p.Path != "/sequenceNumber/sqn" || p.Op is not ("test" or "replace"))
            {
                return Problems.ModificationNotAllowed($"only test/replace of /sequenceNumber/sqn may be patched, not {p.Op} {p.Path}");
            }
            if (p.Value is not JsonElement v || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: 12 } hex
                || !long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long sqn))
            {
                return Problems.MandatoryIeIncorrect("sqn must be 12 hex digits", "/sequenceNumber/sqn");
            }
            if (p.Op == "test")
            {
                expected = sqn;
            }
            else
            {
                next = sqn;
            }
        }
        if (next is null)
        {
            return Problems.MandatoryIeMissing("a replace of /sequenceNumber/sqn is required");
        }
        if (testK is not null || testOpc is not null)
        {
            // Not in the SQN's compare-and-set transaction: a re-provisioning racing this very request can still let
            // one authentication use the old keys, and that one then fails at the UE and is retried.
            Result<StoredSubscriber> current = await FindAsync(ueId, ct).ConfigureAwait(false);
            if (!current.IsOk)
            {
                return current.Problem!;
            }
            if (!KeyMatches(current.Value!.K, testK) || !KeyMatches(current.Value!.Opc, testOpc))
            {
                return Problems.Make(409, "MODIFICATION_NOT_ALLOWED", "test failed: the keys changed meanwhile", testK is null ? "/encOpcKey" : "/encPermanentKey");
            }
        }
        SqnUpdate u = expected is long e
            ? await store.CompareAndSetSqnAsync(ueId, e, next.Value, ct).ConfigureAwait(false)
            : await store.SetSqnAsync(ueId, next.Value, ct).ConfigureAwait(false);
        return u switch
        {
            SqnUpdate.Updated => Result<AuthenticationSubscription>.NoContent(),
            SqnUpdate.NotFound => Problems.UserNotFound("no subscriber " + ueId),
            _ => Problems.Make(409, "MODIFICATION_NOT_ALLOWED", "test failed: the SQN changed meanwhile", "/sequenceNumber/sqn"),
        };
    }

    private static bool KeyMatches(byte[] stored, string? testedHex)
    {
        if (testedHex is null)
        {
            return true;
        }
        Span<byte> tested = stackalloc byte[16];
        return Convert.FromHexString(testedHex, tested, out _, out int written) == System.Buffers.OperationStatus.Done && written == 16
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(stored, tested);
    }

    public async Task<Result<AuthEvent>> PutAuthenticationStatusAsync(string ueId, AuthEvent evt, CancellationToken ct)
    {
        if (BadUeId(ueId) is ProblemDetails bad)
        {
            return bad;
        }
        ContextPut put = await store.PutContextAsync(ueId, AuthStatusKind, "", JsonSerializer.Serialize(evt, SbiJsonContext.Default.AuthEvent), ct).ConfigureAwait(false);
        return put == ContextPut.NoSubscriber ? Problems.UserNotFound("no subscriber " + ueId) : Result<AuthEvent>.NoContent();
    }

    public Task<Result<AuthEvent>> GetAuthenticationStatusAsync(string ueId, CancellationToken ct) =>
        GetContextAsync(ueId, AuthStatusKind, "", SbiJsonContext.Default.AuthEvent, ct);

    public async Task<Result<AccessAndMobilitySubscriptionData>> GetAmDataAsync(string ueId, CancellationToken ct)
    {
        Result<StoredSubscriber> s = await FindAsync(ueId, ct).ConfigureAwait(false);
        return s.IsOk ? Result<AccessAndMobilitySubscriptionData>.Ok(SubscriptionDataMapper.AmData(s.Value!)) : s.Problem!;
    }

    public async Task<Result<SmfSelectionSubscriptionData>> GetSmfSelectionDataAsync(string ueId, CancellationToken ct)
    {
        Result<StoredSubscriber> s = await FindAsync(ueId, ct).ConfigureAwait(false);
        return s.IsOk ? Result<SmfSelectionSubscriptionData>.Ok(SubscriptionDataMapper.SmfSelectionData(s.Value!)) : s.Problem!;
    }

    public async Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string ueId, Snssai? snssai, string? dnn, CancellationToken ct)
    {
        Result<StoredSubscriber> s = await FindAsync(ueId, ct).ConfigureAwait(false);
        return s.IsOk ? Result<List<SessionManagementSubscriptionData>>.Ok(SubscriptionDataMapper.SmData(s.Value!, snssai, dnn)) : s.Problem!;
    }

    /// <summary>TS 29.504 amf-3gpp-access PUT: 201 when created, 204 when replaced.</summary>
    public async Task<Result<Amf3GppAccessRegistration>> PutAmf3GppAccessAsync(string ueId, Amf3GppAccessRegistration reg, CancellationToken ct)
    {
        if (BadUeId(ueId) is ProblemDetails bad)
        {
            return bad;
        }
        ContextPut put = await store.PutContextAsync(ueId, Amf3GppKind, "", JsonSerializer.Serialize(reg, SbiJsonContext.Default.Amf3GppAccessRegistration), ct).ConfigureAwait(false);
        return put switch
        {
            ContextPut.NoSubscriber => Problems.UserNotFound("no subscriber " + ueId),
            ContextPut.Created => Result<Amf3GppAccessRegistration>.Created(reg, $"/nudr-dr/v2/subscription-data/{ueId}/context-data/amf-3gpp-access"),
            _ => Result<Amf3GppAccessRegistration>.NoContent(),
        };
    }

    public Task<Result<Amf3GppAccessRegistration>> GetAmf3GppAccessAsync(string ueId, CancellationToken ct) =>
        GetContextAsync(ueId, Amf3GppKind, "", SbiJsonContext.Default.Amf3GppAccessRegistration, ct);

    public async Task<Result<SdmSubscription>> PostSdmSubscriptionAsync(string ueId, SdmSubscription sub, CancellationToken ct)
    {
        if (BadUeId(ueId) is ProblemDetails bad)
        {
            return bad;
        }
        sub.SubscriptionId ??= Guid.NewGuid().ToString("N");
        ContextPut put = await store.PutContextAsync(ueId, SdmSubscriptionKind, sub.SubscriptionId, JsonSerializer.Serialize(sub, SbiJsonContext.Default.SdmSubscription), ct).ConfigureAwait(false);
        if (put == ContextPut.NoSubscriber)
        {
            return Problems.UserNotFound("no subscriber " + ueId);
        }
        return Result<SdmSubscription>.Created(sub, $"/nudr-dr/v2/subscription-data/{ueId}/context-data/sdm-subscriptions/{sub.SubscriptionId}");
    }

    public async Task<Result<SdmSubscription>> DeleteSdmSubscriptionAsync(string ueId, string subsId, CancellationToken ct) =>
        await store.DeleteContextAsync(ueId, SdmSubscriptionKind, subsId, ct).ConfigureAwait(false)
            ? Result<SdmSubscription>.NoContent()
            : Problems.SubscriptionNotFound("no SDM subscription " + subsId);

    private async Task<Result<T>> GetContextAsync<T>(string ueId, string kind, string id, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken ct)
        where T : class
    {
        Result<StoredSubscriber> s = await FindAsync(ueId, ct).ConfigureAwait(false);
        if (!s.IsOk)
        {
            return s.Problem!;
        }
        string? json = await store.GetContextAsync(ueId, kind, id, ct).ConfigureAwait(false);
        return json is null ? Problems.DataNotFound($"no {kind} for {ueId}") : Result<T>.Ok(JsonSerializer.Deserialize(json, info)!);
    }
}
