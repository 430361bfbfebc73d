using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// A goal made visible: do <see cref="TargetCount"/> activities of one type, optionally all within
/// <see cref="WindowDays"/> days ("attend 3 events", "bring a friend", "5 visits in a month").
/// </summary>
public sealed class Achievement
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>A key of <see cref="AchievementBadges"/>.</summary>
    public string Badge { get; set; } = AchievementBadges.Default;

    public ActivityType ActivityType { get; set; }
    public int TargetCount { get; set; } = 1;

    /// <summary>All <see cref="TargetCount"/> activities must fall within this many days; null means any time.</summary>
    public int? WindowDays { get; set; }

    /// <summary>Retired achievements stay earned by those who have them but are no longer offered.</summary>
    public bool IsRetired { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A member's earned badge; written in the same save as the activity that earned it.</summary>
public sealed class MemberAchievement
{
    public int MemberId { get; set; }
    public int AchievementId { get; set; }
    public DateTime EarnedAt { get; set; }
}

/// <summary>The one goal a member chose to keep in front of them.</summary>
public sealed class PinnedGoal
{
    public int MemberId { get; set; }
    public int AchievementId { get; set; }
}

/// <summary>The achievements a new programme starts with; managers change them later.</summary>
public static class StarterAchievements
{
    public static IEnumerable<Achievement> All(DateTime now) =>
    [
        new() { Name = "Regular", Description = "Visit a store 4 times in 30 days.", Badge = "storefront", ActivityType = ActivityType.Visit, TargetCount = 4, WindowDays = 30, CreatedAt = now },
        new() { Name = "Event-goer", Description = "Attend 3 events.", Badge = "event", ActivityType = ActivityType.EventAttended, TargetCount = 3, CreatedAt = now },
        new() { Name = "Tester", Description = "Complete a trial and tell us how it went.", Badge = "science", ActivityType = ActivityType.TrialCompleted, TargetCount = 1, CreatedAt = now },
        new() { Name = "Bring a friend", Description = "Bring a guest to an event.", Badge = "friends", ActivityType = ActivityType.GuestBrought, TargetCount = 1, CreatedAt = now },
        new() { Name = "Voice", Description = "Give feedback on 3 experiences within 90 days.", Badge = "chat", ActivityType = ActivityType.FeedbackGiven, TargetCount = 3, WindowDays = 90, CreatedAt = now },
    ];
}

/// <summary>When an achievement's rule is met, from the activity times alone; shared by the ledger and the page.</summary>
public static class AchievementRule
{
    /// <summary>The first instant <paramref name="target"/> activities fell within the window, or null if never.</summary>
    /// <param name="times">Times of the member's activities of the achievement's type, any order.</param>
    public static DateTime? FirstMetAt(IEnumerable<DateTime> times, int target, int? windowDays)
    {
        var sorted = times.Order().ToList();
        if (target < 1) target = 1;
        for (var i = target - 1; i < sorted.Count; i++)
        {
            // The activity target-1 places back must be inside the window ending at this one.
            if (windowDays is not { } days || sorted[i - target + 1] > sorted[i].AddDays(-days)) return sorted[i];
        }
        return null;
    }

    /// <summary>Activities counting toward the rule now: all of them, or those in the window ending now.</summary>
    public static int CountNow(IEnumerable<DateTime> times, int? windowDays, DateTime now) =>
        windowDays is { } days ? times.Count(t => t > now.AddDays(-days) && t <= now) : times.Count(t => t <= now);
}
