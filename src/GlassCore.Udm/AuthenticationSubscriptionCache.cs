// TS 29.503 §5.4.2.2 / TS 33.102 §6.3.2: what the UDM remembers of a subscriber's authentication subscription between
// authentications, so that stepping the SQN is one Nudr_DR operation (the compare-and-set PATCH) instead of a GET and a PATCH.
using System.Collections.Concurrent;

namespace GlassCore.Udm;

/// <summary>
/// K, OPc, AMF, method and the last SQN this UDM wrote, per SUPI, for at most <see cref="Lifetime"/> after they were read
/// from the UDR. The SQN is only ever the "test" value of the UDR's compare-and-set, so a stale entry (another UDM
/// stepped the SQN) costs a 409 and a fresh read, never a reused SQN. K and OPc are "tested" in the same PATCH, so a
/// subscriber re-provisioned since the read also costs a 409 and a fresh read, never a vector made with the old keys.
/// A zero lifetime turns the cache off.
/// </summary>
public sealed class AuthenticationSubscriptionCache(TimeSpan lifetime, TimeProvider? time = null, int capacity = 100_000)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => lifetime;

    public sealed record Entry(byte[] K, byte[] Opc, byte[] Amf, string AuthenticationMethod, ulong Sqn, DateTimeOffset ReadAt);

    public int Count => _entries.Count;

    public Entry? TryGet(string supi)
    {
        if (lifetime <= TimeSpan.Zero || !_entries.TryGetValue(supi, out Entry? e))
        {
            return null;
        }
        if (_time.GetUtcNow() - e.ReadAt >= lifetime)
        {
            _entries.TryRemove(supi, out _);
            return null;
        }
        return e;
    }

    /// <summary>Remembers an entry read (or stepped) now; <paramref name="readAt"/> is when K and OPc came from the UDR.</summary>
    public void Set(string supi, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }
        if (_entries.Count >= capacity && !_entries.ContainsKey(supi))
        {
            // Bounded without bookkeeping per hit: a full cache starts over (the next authentication of each reads again).
            _entries.Clear();
        }
        _entries[supi] = entry;
    }

    public void Forget(string supi) => _entries.TryRemove(supi, out _);

    public DateTimeOffset Now => _time.GetUtcNow();
}
