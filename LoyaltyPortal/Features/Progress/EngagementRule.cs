using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Progress;

public enum CapPeriod
{
    None = 0,
    Day = 1,
    Week = 2,
    Month = 3,
}

/// <summary>
/// The points one activity type earns. A purchase earns <see cref="Points"/> per whole currency unit.
/// Points are stamped on each activity when it is recorded, so a change applies from then on and past activity
/// keeps what it earned.
/// </summary>
public sealed class EngagementRule
{
    public ActivityType Type { get; set; }
    public int Points { get; set; }

    /// <summary>At most this many activities of the type earn points per <see cref="CapPeriod"/>; null means no cap.</summary>
    public int? CapCount { get; set; }

    public CapPeriod CapPeriod { get; set; }

    /// <summary>Count the cap per store (one visit per day per store) rather than across stores.</summary>
    public bool CapPerStore { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Programme-wide progress settings; one row.</summary>
public sealed class ProgressSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Tiers qualify on points earned over this many months, rolling.</summary>
    public int WindowMonths { get; set; } = 12;

    /// <summary>Days a member keeps a tier after falling below its threshold.</summary>
    public int GraceDays { get; set; } = 30;

    /// <summary>Warn a member this many days before their tier would drop.</summary>
    public int LapseWarningDays { get; set; } = 30;

    /// <summary>Set once the starter achievements were offered, so a manager who deletes them all is not overruled.</summary>
    public bool StarterAchievementsAdded { get; set; }

    /// <summary>
    /// When tiers, the window or grace last changed. A stored standing computed as of an earlier instant is out of
    /// date until the background refresh reaches it.
    /// </summary>
    public DateTime? StandingsChangedAt { get; set; }
}

/// <summary>The rules a new programme starts with; managers change them later.</summary>
public static class StarterRules
{
    public static IEnumerable<EngagementRule> All(DateTime now) =>
    [
        // Joining earns a head start toward the first tier (endowed progress); it ages out like any activity.
        new() { Type = ActivityType.Joined, Points = 50, UpdatedAt = now },
        new() { Type = ActivityType.Visit, Points = 10, CapCount = 1, CapPeriod = CapPeriod.Day, CapPerStore = true, UpdatedAt = now },
        new() { Type = ActivityType.Purchase, Points = 1, UpdatedAt = now },
        new() { Type = ActivityType.EventAttended, Points = 40, UpdatedAt = now },
        new() { Type = ActivityType.TrialCompleted, Points = 50, UpdatedAt = now },
        new() { Type = ActivityType.GuidanceSession, Points = 30, UpdatedAt = now },
        new() { Type = ActivityType.ReferralConverted, Points = 100, UpdatedAt = now },
        new() { Type = ActivityType.GuestBrought, Points = 20, CapCount = 4, CapPeriod = CapPeriod.Month, UpdatedAt = now },
        new() { Type = ActivityType.FeedbackGiven, Points = 15, CapCount = 5, CapPeriod = CapPeriod.Week, UpdatedAt = now },
        new() { Type = ActivityType.ProfileCompleted, Points = 50, UpdatedAt = now },
    ];

    /// <summary>
    /// Points by the starter rules, without caps: for seeded and generated history, which is written in bulk and
    /// never through the ledger (the ledger is append-only, so points cannot be stamped afterwards).
    /// </summary>
    public static int SeedPoints(ActivityType type, decimal? amount)
    {
        var points = SeedPointsByType[type];
        return type == ActivityType.Purchase ? (int)Math.Floor(Math.Max(0, amount ?? 0)) * points : points;
    }

    // Looked up once: the bulk generator asks for every one of millions of activities.
    private static readonly IReadOnlyDictionary<ActivityType, int> SeedPointsByType = All(DateTime.UnixEpoch).ToDictionary(r => r.Type, r => r.Points);
}
