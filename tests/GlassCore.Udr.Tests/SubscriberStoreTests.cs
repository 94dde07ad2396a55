// The UDR store on both backends: versioned migrations, CRUD, batch import, K/OPc encryption at rest (AES-256-GCM),
// and the atomic SQN compare-and-set under 1,000 concurrent increments of 100 subscribers.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using GlassCore.Security;
using GlassCore.Udr.Storage;

namespace GlassCore.Udr.Tests;

public sealed class SubscriberStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreFactory.Backends), MemberType = typeof(StoreFactory))]
    public async Task Migrations_ReachLatestVersion_AndReopenIsIdempotent(string backend)
    {
        var (store, cleanup) = await StoreFactory.OpenAsync(backend);
        try
        {
            Assert.Equal(2, await store.SchemaVersionAsync(Ct));
            Assert.Equal(0, await store.CountAsync(Ct));
        }
        finally
        {
            await cleanup();
        }
    }

    [Theory]
    [MemberData(nameof(StoreFactory.Backends), MemberType = typeof(StoreFactory))]
    public async Task Crud_AddGetUpdateListDelete(string backend)
    {
        var (store, cleanup) = await StoreFactory.OpenAsync(backend);
        try
        {
            SubscriberRecord r = StoreFactory.Record("imsi-001010000000001");
            Assert.True(await store.AddAsync(r, Ct));
            Assert.False(await store.AddAsync(r, Ct));
            StoredSubscriber? s = await store.GetAsync(r.Supi, Ct);
            Assert.NotNull(s);
            Assert.Equal(Convert.FromHexString(r.K), s.K);
            Assert.Equal(0x20, s.Sqn);
            Assert.Equal(["internet", "ims"], s.Profile.Slices[0].Dnns);
            r.Msisdn = "999";
            r.Sqn = "0000000000FF";
            Assert.True(await store.UpdateAsync(r, Ct));
            Assert.Equal(0xFF, (await store.GetAsync(r.Supi, Ct))!.Sqn);
            Assert.Equal("999", (await store.GetAsync(r.Supi, Ct))!.Profile.Msisdn);
            Assert.False(await store.UpdateAsync(StoreFactory.Record("imsi-001019999999999"), Ct));
            Assert.Single(await store.ListAsync(0, 10, Ct));
            Assert.Equal(ContextPut.Created, await store.PutContextAsync(r.Supi, "amf-3gpp-access", "", "{\"a\":1}", Ct));
            Assert.Equal(ContextPut.Replaced, await store.PutContextAsync(r.Supi, "amf-3gpp-access", "", "{\"a\":2}", Ct));
            Assert.Equal(ContextPut.NoSubscriber, await store.PutContextAsync("imsi-999700000000404", "amf-3gpp-access", "", "{\"a\":3}", Ct));
            Assert.Equal("{\"a\":2}", await store.GetContextAsync(r.Supi, "amf-3gpp-access", "", Ct));
            Assert.True(await store.DeleteAsync(r.Supi, Ct));
            Assert.Null(await store.GetAsync(r.Supi, Ct));
            Assert.Null(await store.GetContextAsync(r.Supi, "amf-3gpp-access", "", Ct));
            Assert.False(await store.DeleteAsync(r.Supi, Ct));
        }
        finally
        {
            await cleanup();
        }
    }

    [Theory]
    [MemberData(nameof(StoreFactory.Backends), MemberType = typeof(StoreFactory))]
    public async Task ImportBatch_UpsertsThousandsInOneTransaction(string backend)
    {
        var (store, cleanup) = await StoreFactory.OpenAsync(backend);
        try
        {
            var batch = Enumerable.Range(0, 5000).Select(i => StoreFactory.Record($"imsi-00101{i:D10}")).ToList();
            Assert.Equal(5000, await store.ImportBatchAsync(batch, Ct));
            batch[42].Sqn = "000000000400";
            await store.ImportBatchAsync(batch[40..50], Ct);
            Assert.Equal(5000, await store.CountAsync(Ct));
            Assert.Equal(0x400, (await store.GetAsync(batch[42].Supi, Ct))!.Sqn);
            // A bad record is refused before anything is written.
            var bad = new List<SubscriberRecord> { StoreFactory.Record("imsi-001020000000001"), StoreFactory.Record("imsi-0010x") };
            await Assert.ThrowsAsync<FormatException>(() => store.ImportBatchAsync(bad, Ct));
            Assert.Null(await store.GetAsync("imsi-001020000000001", Ct));
        }
        finally
        {
            await cleanup();
        }
    }

    [Theory]
    [MemberData(nameof(StoreFactory.Backends), MemberType = typeof(StoreFactory))]
    public async Task SecretsEncryptedAtRest_WrongOrMissingKeyCannotRead(string backend)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        var (store, cleanup) = await StoreFactory.OpenAsync(backend, key);
        try
        {
            SubscriberRecord r = StoreFactory.Record("imsi-001010000000077");
            await store.AddAsync(r, Ct);
            Assert.Equal(Convert.FromHexString(r.K), (await store.GetAsync(r.Supi, Ct))!.K);
        }
        finally
        {
            await cleanup();
        }
        // The cipher binds ciphertext to key and SUPI.
        using var right = new SecretCipher(key);
        using var wrong = new SecretCipher(RandomNumberGenerator.GetBytes(32));
        using var none = new SecretCipher(null);
        byte[] k = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        byte[] stored = right.Protect("imsi-001010000000077", k);
        Assert.Equal(12 + 16 + 16, stored.Length);
        Assert.False(stored.AsSpan().IndexOf(k) >= 0, "K must not appear in the stored bytes");
        Assert.Equal(k, right.Unprotect("imsi-001010000000077", stored, encrypted: true));
        Assert.ThrowsAny<CryptographicException>(() => wrong.Unprotect("imsi-001010000000077", stored, encrypted: true));
        Assert.ThrowsAny<CryptographicException>(() => right.Unprotect("imsi-001010000000078", stored, encrypted: true));
        Assert.ThrowsAny<CryptographicException>(() => none.Unprotect("imsi-001010000000077", stored, encrypted: true));
    }

    [Theory]
    [MemberData(nameof(StoreFactory.Backends), MemberType = typeof(StoreFactory))]
    public async Task ThousandConcurrentSqnSteps_HundredSubscribers_NoReuse_NoLostIncrement(string backend)
    {
        var (store, cleanup) = await StoreFactory.OpenAsync(backend);
        try
        {
            const int Subscribers = 100, PerSubscriber = 10;
            var policy = new SqnFreshnessPolicy();
            var records = Enumerable.Range(0, Subscribers).Select(i => StoreFactory.Record($"imsi-00103{i:D10}")).ToList();
            await store.ImportBatchAsync(records, Ct);
            var handedOut = new ConcurrentDictionary<string, ConcurrentBag<long>>();
            // The UDM's read-step-CAS loop, 1,000 at once with no coordination but the store's atomic UPDATE.
            await Task.WhenAll(Enumerable.Range(0, Subscribers * PerSubscriber).Select(n => Task.Run(async () =>
            {
                string supi = records[n % Subscribers].Supi;
                while (true)
                {
                    long current = (await store.GetAsync(supi, Ct))!.Sqn;
                    long next = (long)policy.Next((ulong)current);
                    SqnUpdate u = await store.CompareAndSetSqnAsync(supi, current, next, Ct);
                    if (u == SqnUpdate.Updated)
                    {
                        handedOut.GetOrAdd(supi, _ => []).Add(next);
                        return;
                    }
                    Assert.Equal(SqnUpdate.Conflict, u);
                }
            }, Ct)));
            foreach (SubscriberRecord r in records)
            {
                long[] got = [.. handedOut[r.Supi].Order()];
                Assert.Equal(PerSubscriber, got.Distinct().Count());
                ulong expect = 0x20;
                foreach (long g in got)
                {
                    expect = policy.Next(expect);
                    Assert.Equal((long)expect, g);
                }
                Assert.Equal((long)expect, (await store.GetAsync(r.Supi, Ct))!.Sqn);
            }
            Assert.Equal(SqnUpdate.NotFound, await store.CompareAndSetSqnAsync("imsi-001039999999999", 1, 2, Ct));
        }
        finally
        {
            await cleanup();
        }
    }
}
