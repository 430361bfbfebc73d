using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Features.Progress;

public sealed record TierBadge(int Id, string Name, string Colour);

/// <summary>
/// The member's tier card. <see cref="Percent"/> runs from zero to the next tier's threshold, so a head start shows
/// as a partly filled ring (endowed progress). <see cref="VisitsToGo"/> puts a near goal in visits ("2 visits to go").
/// </summary>
public sealed record TierProgress(
    TierBadge Held, TierBadge? Next, int NextThreshold, int Points, int ToGo, int Percent, int? VisitsToGo,
    DateTime? DropsAt, int PointsToKeep, bool LapseWarning, TierBadge? DropsTo, string? Unlocks)
{
}

public sealed record AchievementProgress(
    int Id, string Name, string Description, string Badge, int Count, int Target, int? WindowDays, DateTime? EarnedAt, bool Pinned)
{
    public bool Earned => EarnedAt is not null || Count >= Target;
    public int Percent => Earned ? 100 : 100 * Math.Min(Count, Target) / Math.Max(1, Target);
}

public sealed record ProfileStep(string Label, bool Done);

public sealed record MyProgress(
    int MemberId, string PreferredName, string MemberCode, DateTime JoinedAt,
    TierProgress Tier, IReadOnlyList<AchievementProgress> Achievements,
    int VisitsThisYear, int PurchasesThisYear, int AdvocacyThisYear,
    IReadOnlyList<ProfileStep> ProfileSteps, int ProfilePoints, IReadOnlyList<ActivityLine> RecentActivity)
{
    public int ProfilePercent => ProfileSteps.Count == 0 ? 100 : 100 * ProfileSteps.Count(s => s.Done) / ProfileSteps.Count;
    public AchievementProgress? PinnedGoal => Achievements.FirstOrDefault(a => a.Pinned);
}

/// <summary>A concrete way to earn points now, e.g. "Saturday run club: +40, 4 seats left".</summary>
public sealed record ProgressSuggestion(string Title, int Points, string Detail, string Link, string Icon);

/// <summary>One activity that counts toward the member's tier in the current window.</summary>
public sealed record CountingActivity(long Id, Data.ActivityType Type, DateTime OccurredAt, string? StoreName, decimal? Amount, string? Description, int Points, DateTime AgesOutAt);

public sealed record TierExplanation(TierProgress Tier, int WindowMonths, int GraceDays, DateTime WindowStart, int TotalCounting, IReadOnlyList<CountingActivity> Activities);
