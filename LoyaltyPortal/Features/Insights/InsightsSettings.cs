namespace LoyaltyPortal.Features.Insights;

/// <summary>When per-member insights stop reading every member and estimate from a sample instead.</summary>
public sealed class InsightsSettings
{
    public const string Section = "Insights";

    /// <summary>
    /// Up to this many members (not anonymised), spenders vs senders reads every member's ledger and counts exactly.
    /// Past it, a full pass takes seconds, so the counts are estimated from <see cref="SampleMembers"/> members.
    /// </summary>
    public int ExactUpToMembers { get; set; } = 50_000;

    /// <summary>
    /// About how many members the estimate samples. 20,000 keeps a quadrant's share within about ±1 point
    /// (95% confidence) and the query well inside half a second on a million members.
    /// </summary>
    public int SampleMembers { get; set; } = 20_000;
}
