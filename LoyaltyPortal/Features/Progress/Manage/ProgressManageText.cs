using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Progress;

/// <summary>The texts of the manager's progress setup: rules, tiers, achievements, settings (ProgressManageText.resx and its languages).</summary>
public sealed class ProgressManageText;

public static class ProgressManageWords
{
    /// <summary>A badge's name, for the picker's buttons and screen readers.</summary>
    public static string Badge(this IStringLocalizer<ProgressManageText> text, string key) =>
        AchievementBadges.All.TryGetValue(key, out var badge) ? text[badge.Label] : text[AchievementBadges.All[AchievementBadges.Default].Label];
}
