// TS 29.510 §5.2.2: the NRF's registry of NF profiles and of NF status subscriptions, in memory (an NF re-registers
// after an NRF restart when its heartbeat gets 404).
using System.Collections.Concurrent;
using GlassCore.Sbi.Models;

namespace GlassCore.Nrf;

public sealed class NfInstanceStore
{
    public sealed record Entry(NFProfile Profile, DateTimeOffset LastHeartbeat);

    private readonly ConcurrentDictionary<string, Entry> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SubscriptionData> _subscriptions = new(StringComparer.Ordinal);

    public bool TryGet(string id, out Entry entry) => _instances.TryGetValue(id, out entry!);

    /// <summary>Stores the profile; returns true when it is new.</summary>
    public bool Put(NFProfile profile, DateTimeOffset now)
    {
        bool isNew = !_instances.ContainsKey(profile.NfInstanceId);
        _instances[profile.NfInstanceId] = new Entry(profile, now);
        return isNew;
    }

    public bool Remove(string id, out Entry entry) => _instances.TryRemove(id, out entry!);

    public IEnumerable<Entry> All => _instances.Values;

    public void AddSubscription(SubscriptionData s) => _subscriptions[s.SubscriptionId!] = s;

    public bool RemoveSubscription(string id) => _subscriptions.TryRemove(id, out _);

    public IEnumerable<SubscriptionData> Subscriptions => _subscriptions.Values;
}
