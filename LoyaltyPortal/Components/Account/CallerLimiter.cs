using System.Threading.RateLimiting;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// A token bucket per signed-in user for actions taken in an interactive circuit. Circuit events arrive over the
/// open connection, never as HTTP requests, so the app's HTTP rate limiter never sees them; a script driving one
/// circuit could otherwise search or book as fast as the server answers. Idle buckets are dropped by the
/// partitioned limiter, so a large member base costs nothing while quiet.
/// </summary>
public sealed class CallerLimiter(int burst, TimeSpan period) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, burst),
            ReplenishmentPeriod = period > TimeSpan.Zero ? period : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one token from the user's bucket; false when it is empty.</summary>
    public bool TryAcquire(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
