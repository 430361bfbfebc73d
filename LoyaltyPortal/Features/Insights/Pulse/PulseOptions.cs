namespace LoyaltyPortal.Features.Insights;

/// <summary>How often members are asked the significance pulse.</summary>
public sealed class PulseOptions
{
    public const string Section = "Pulse";

    /// <summary>Days after an answer or a "not now" before the member is asked again.</summary>
    public int IntervalDays { get; set; } = 30;

    /// <summary>
    /// Days after joining before the first ask: "how much would you miss us" means little on day one,
    /// and a new member's home page has enough to take in.
    /// </summary>
    public int NewMemberDays { get; set; } = 7;
}
