// TS 33.102 Annex C: the home network hands out each SQN once. 1,000 concurrent authentications (AUSF → UDM → UDR
// over HTTP/2) of 100 subscribers: every AUTN carries a distinct SQN, and each subscriber's SQN advanced exactly
// once per authentication (no lost update).
using System.Collections.Concurrent;
using GlassCore.Security;
using GlassCore.TestSupport;
using GlassCore.Udr.Storage;

namespace GlassCore.Udm.Tests;

public sealed class SqnConcurrencyTests
{
    [Theory]
    [InlineData(0)] // the UDM reads the UDR for every authentication
    [InlineData(30)] // the UDM reuses what it read: one compare-and-set PATCH per authentication
    public async Task ThousandConcurrentAuthentications_HundredSubscribers_NoSqnReused_NoIncrementLost(int cacheSeconds)
    {
        await using var hn = new HomeNetwork { CacheLifetime = TimeSpan.FromSeconds(cacheSeconds) };
        await hn.InitializeAsync();
        const int Subscribers = 100, PerSubscriber = 10;
        const string K = "000102030405060708090A0B0C0D0E0F", Opc = "0F0E0D0C0B0A09080706050403020100";
        var records = Enumerable.Range(0, Subscribers).Select(i => new SubscriberRecord { Supi = $"imsi-00101{i:D10}", K = K, Opc = Opc, Sqn = "000000000020" }).ToList();
        await hn.Store.ImportBatchAsync(records, TestContext.Current.CancellationToken);
        string token = hn.Token("AUSF", "nausf-auth");
        var seen = new ConcurrentDictionary<string, ConcurrentBag<ulong>>();
        var tasks = new List<Task>();
        for (int n = 0; n < Subscribers * PerSubscriber; n++)
        {
            string supi = records[n % Subscribers].Supi;
            tasks.Add(Task.Run(async () =>
            {
                var (st, text, _) = await hn.Send(HttpMethod.Post, "/nausf-auth/v1/ue-authentications",
                    $"{{\"supiOrSuci\":\"{supi}\",\"servingNetworkName\":\"{HomeNetwork.Snn}\"}}", token);
                Assert.True(st == 201, text);
                var av = SbiTestHost.Json(text).GetProperty("5gAuthData");
                UeResult ue = UeSim.Answer(K, Opc, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, HomeNetwork.Snn);
                Assert.True(ue.MacOk);
                seen.GetOrAdd(supi, _ => []).Add(ue.Sqn);
            }, TestContext.Current.CancellationToken));
        }
        await Task.WhenAll(tasks);

        var policy = new SqnFreshnessPolicy();
        foreach (SubscriberRecord r in records)
        {
            ulong[] sqns = [.. seen[r.Supi].Order()];
            Assert.Equal(PerSubscriber, sqns.Length);
            Assert.Equal(PerSubscriber, sqns.Distinct().Count());
            // Exactly the next PerSubscriber SQNs after the provisioned one, none skipped, none repeated.
            ulong expected = 0x20;
            foreach (ulong s in sqns)
            {
                expected = policy.Next(expected);
                Assert.Equal(expected, s);
            }
            StoredSubscriber? stored = await hn.Store.GetAsync(r.Supi, TestContext.Current.CancellationToken);
            Assert.Equal((long)expected, stored!.Sqn);
        }
    }
}
