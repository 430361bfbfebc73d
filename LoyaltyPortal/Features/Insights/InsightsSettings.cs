namespace LoyaltyPortal.Features.Insights;

/// <summary>How insights keep up with the ledger, and when per-member insights estimate from a sample instead.</summary>
public sealed class InsightsSettings
{
    public const string Section = "Insights";

    /// <summary>
    /// Up to this many members (not anonymised), spenders vs senders reads every member's ledger and counts exactly.
    /// Past it, a full pass takes seconds, so the counts are estimated from <see cref="SampleMembers"/> members.
    /// </summary>
    public int ExactUpToMembers { get; set; } = 50_000;

    /// <summary>
    /// About how many members the estimate samples. Measured at 1M members: 10,000 put each quadrant's share within
    /// 0.3 points of the exact one and the member count within about 1% (95% bound for a share: about ±1 point),
    /// in about 200 ms; 20,000 halves the variance but takes about twice as long.
    /// </summary>
    public int SampleMembers { get; set; } = 10_000;

    /// <summary>Seconds between refreshes of the insight rollups: how far behind the ledger the charts may be.</summary>
    public int RefreshSeconds { get; set; } = 60;
}
