namespace LoyaltyPortal.Features.Integration.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the worker looks for due messages when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>The first retry waits about this long; each further one twice as long (±20 %), up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A claim lasts this long; a worker that died mid-batch leaves its messages due again after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sent and failed messages (the delivery log, and emails with their addresses) are deleted after this.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(30);

    internal bool IsValid() =>
        PollInterval >= TimeSpan.FromMilliseconds(100) && PollInterval <= TimeSpan.FromMinutes(10) && BatchSize is >= 1 and <= 100
        && RetryBase >= TimeSpan.FromSeconds(1) && RetryCap >= RetryBase && RetryCap <= TimeSpan.FromDays(1)
        && ClaimLease >= TimeSpan.FromMinutes(1) && KeepFor >= TimeSpan.FromDays(1) && KeepFor <= TimeSpan.FromDays(365);

    internal const string InvalidMessage =
        "Outbox settings out of range: PollInterval 0.1 s to 10 min, BatchSize 1 to 100, RetryBase at least 1 s, RetryCap from RetryBase to 1 day, " +
        "ClaimLease at least 1 min, KeepFor 1 to 365 days.";

    /// <summary>The wait before retry number <paramref name="failures"/>: exponential, jittered so receivers that failed together don't retry together.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var exponential = RetryBase.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var seconds = Math.Min(RetryCap.TotalSeconds, exponential) * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryCap.TotalSeconds));
    }
}
