using System.Collections.Concurrent;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Keeps spenders vs senders for a filter for a few minutes. It reads each member's ledger (every member, or a sample
/// of thousands on a large programme), and the figures for past weeks barely move,
/// so a manager flicking between filters, a second tab, or a colleague pays for one computation, not one each.
/// </summary>
public sealed class InsightsResultCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<object, Entry> entries = new();

    private sealed class Entry(Func<Task<object>> compute, DateTimeOffset expiresAt)
    {
        // Lazy, so two requests racing for the same key start one computation between them.
        public Lazy<Task<object>> Result { get; } = new(compute);
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }

    /// <summary>
    /// The cached answer for <paramref name="key"/> (a record, compared by value), or a new one. The computation runs
    /// with the first asker's token: when that asker gives up, a later asker starts afresh instead of failing.
    /// </summary>
    public async Task<T> GetOrAddAsync<T>(object key, Func<CancellationToken, Task<T>> compute, CancellationToken ct) where T : class
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var now = clock.GetUtcNow();
            var fresh = new Entry(async () => await compute(ct), now + Lifetime);
            var entry = entries.AddOrUpdate(key, fresh, (_, old) => old.ExpiresAt > now ? old : fresh);
            if (ReferenceEquals(entry, fresh) && entries.Count > MaxEntries) Trim(now);
            try
            {
                return (T)await entry.Result.Value.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Another asker's load was cancelled under us: forget it and compute with our own token.
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
            catch
            {
                // Failures are not kept: the next asker tries again.
                entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }

    /// <summary>Forgets every answer, so the next request computes afresh (benchmarks time the cold case with it).</summary>
    public void Clear() => entries.Clear();

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now) entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }
}
