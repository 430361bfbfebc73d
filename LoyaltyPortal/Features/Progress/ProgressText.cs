using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Progress;

/// <summary>The texts of My progress, tiers and achievements (ProgressText.resx and its languages).</summary>
public sealed class ProgressText;

public static class ProgressTextExtensions
{
    /// <summary>What the tier ring says to a screen reader, and what the card says beside it.</summary>
    public static string TierSummary(this IStringLocalizer<ProgressText> text, TierProgress tier) => tier.Next is null
        ? text["{0} points. You are in our top tier, {1}.", tier.Points, tier.Held.Name]
        : text["{0} of {1} points to {2}, {3}%. {4} to go.", tier.Points, tier.NextThreshold, tier.Next.Name, tier.Percent, tier.ToGo];

    /// <summary>The tier ring's name.</summary>
    public static string TierRingLabel(this IStringLocalizer<ProgressText> text, TierProgress tier) => tier.Next is null
        ? text["{0} tier", tier.Held.Name]
        : text["Progress to {0}", tier.Next.Name];
}
