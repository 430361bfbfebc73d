using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>
/// Achievements and activities for achievement tests. A fresh <see cref="TestDb"/> holds the starter achievements too,
/// so tests make their own and look only at those.
/// </summary>
public static class AchievementTestData
{
    public static async Task<Achievement> AddAchievementAsync(this TestDb db, ActivityType type, int target, int? windowDays = null, bool retired = false)
    {
        await using var context = db.NewContext();
        var achievement = new Achievement
        {
            Name = $"Test {Guid.NewGuid():N}", Description = "A test goal.", ActivityType = type, TargetCount = target, WindowDays = windowDays,
            IsRetired = retired, CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        context.Achievements.Add(achievement);
        await context.SaveChangesAsync();
        return achievement;
    }

    /// <summary>When the member earned the achievement, one entry per stored row.</summary>
    public static Task<List<DateTime>> EarnedAtAsync(this TestDb db, int memberId, Achievement achievement) =>
        db.QueryAsync(c => c.MemberAchievements.Where(e => e.MemberId == memberId && e.AchievementId == achievement.Id).Select(e => e.EarnedAt).ToListAsync());

    /// <summary>Appends through the ledger in one unit of work: one SaveChanges for all of them.</summary>
    public static async Task AppendAsync(this TestDb db, params Activity[] activities)
    {
        await using var context = db.NewContext();
        foreach (var activity in activities) await db.Get<ActivityRecorder>().AppendAsync(context, activity, default);
        await context.SaveChangesAsync();
    }

    /// <summary>Writes straight to the table, past the ledger, as an import or a rule added later would leave history.</summary>
    public static async Task InsertHistoryAsync(this TestDb db, params Activity[] activities)
    {
        await using var context = db.NewContext();
        context.Activities.AddRange(activities);
        await context.SaveChangesAsync();
    }

    /// <param name="points">Only for history written past the ledger; the ledger stamps its own.</param>
    public static Activity Event(int memberId, DateTime at, string? key = null, int points = 0) =>
        new() { MemberId = memberId, Type = ActivityType.EventAttended, OccurredAt = at, SourceKey = key ?? Guid.NewGuid().ToString("N"), Points = points };

    public static Activity Visit(int memberId, int storeId, DateTime at) =>
        new() { MemberId = memberId, Type = ActivityType.Visit, StoreId = storeId, OccurredAt = at, SourceKey = Guid.NewGuid().ToString("N") };
}
