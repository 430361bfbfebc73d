using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Components.Account;

public sealed class AccountEmailThrottleOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Account emails (reset, confirmation, email change, claim) one address gets per hour, whoever asks.</summary>
    public int EmailsPerAddressPerHour { get; set; } = 3;
}

/// <summary>
/// Caps the account emails sent to one address. The per-client limit on the form posts stops one client flooding;
/// this stops many clients (or one behind many addresses) flooding one inbox. Kept in memory: a restart forgets it,
/// which costs at most one more window's worth of emails.
/// </summary>
public sealed class AccountEmailThrottle(IOptions<AccountEmailThrottleOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    /// <summary>Takes one email's allowance for <paramref name="address"/>; false when the address has had its share this hour.</summary>
    public bool TryAcquire(string address)
    {
        var now = clock.GetUtcNow();
        if (counters.Count > PruneAbove) Prune(now);
        var counter = counters.GetOrAdd(address.Trim().ToUpperInvariant(), _ => new Counter());
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }
            if (counter.Count >= options.Value.EmailsPerAddressPerHour) return false;
            counter.Count++;
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in counters)
        {
            if (now - counter.WindowStart >= Window) counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;
        public int Count { get; set; }
    }
}
