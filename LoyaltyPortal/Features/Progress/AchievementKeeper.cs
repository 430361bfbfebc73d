using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

/// <summary>Awards achievements from the ledger: on each append, and in a sweep for history recorded before a rule existed.</summary>
public sealed class AchievementKeeper(IDbContextFactory<LoyaltyDbContext> dbFactory)
{
    private const int MembersPerBatch = 5_000;

    /// <summary>
    /// Stages the achievements <paramref name="activity"/> completes, counting activities added to this context but
    /// not yet saved; the caller's SaveChanges writes them with the activity.
    /// </summary>
    public static async Task AwardAsync(LoyaltyDbContext db, Activity activity, CancellationToken ct)
    {
        var candidates = await db.Achievements.AsNoTracking()
            .Where(a => !a.IsRetired && a.ActivityType == activity.Type)
            .Where(a => !db.MemberAchievements.Any(e => e.MemberId == activity.MemberId && e.AchievementId == a.Id))
            .ToListAsync(ct);
        foreach (var achievement in candidates)
        {
            if (db.MemberAchievements.Local.Any(e => e.MemberId == activity.MemberId && e.AchievementId == achievement.Id)) continue;
            var from = achievement.WindowDays is { } days ? activity.OccurredAt.AddDays(-days) : DateTime.MinValue;
            var count = await db.Activities.CountAsync(a => a.MemberId == activity.MemberId && a.Type == activity.Type
                && a.OccurredAt > from && a.OccurredAt <= activity.OccurredAt, ct);
            count += db.ChangeTracker.Entries<Activity>().Count(e => e.State == EntityState.Added && e.Entity.MemberId == activity.MemberId
                && e.Entity.Type == activity.Type && e.Entity.OccurredAt > from && e.Entity.OccurredAt <= activity.OccurredAt);
            if (count >= achievement.TargetCount)
            {
                db.MemberAchievements.Add(new MemberAchievement { MemberId = activity.MemberId, AchievementId = achievement.Id, EarnedAt = activity.OccurredAt });
            }
        }
    }

    /// <summary>Awards every achievement already met in the ledger but not yet recorded. Returns how many were awarded.</summary>
    public async Task<int> AwardFromHistoryAsync(CancellationToken ct = default)
    {
        List<Achievement> achievements;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            achievements = await db.Achievements.AsNoTracking().Where(a => !a.IsRetired).ToListAsync(ct);
        }
        if (achievements.Count == 0) return 0;
        var types = achievements.Select(a => a.ActivityType).Distinct().ToList();
        var awarded = 0;
        var lastId = 0;
        while (true)
        {
            List<int> members;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                members = await db.Members.AsNoTracking().Where(m => m.Id > lastId && m.AnonymisedAt == null).OrderBy(m => m.Id)
                    .Select(m => m.Id).Take(MembersPerBatch).ToListAsync(ct);
            }
            if (members.Count == 0) return awarded;
            awarded += await AwardBatchAsync(members, achievements, types, ct);
            lastId = members[^1];
        }
    }

    private async Task<int> AwardBatchAsync(List<int> members, List<Achievement> achievements, List<ActivityType> types, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var (from, to) = (members[0], members[^1]);
        // The batch's member locks make an activity recorded meanwhile (which may award the same achievement) wait.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ActivityRecorder.LockMembersAsync(db, from, to, ct);
        var timesByType = types.ToDictionary(t => t, _ => new List<DateTime>());
        var earned = (await db.MemberAchievements.AsNoTracking().Where(e => e.MemberId >= from && e.MemberId <= to)
            .Select(e => new { e.MemberId, e.AchievementId }).ToListAsync(ct)).Select(e => (e.MemberId, e.AchievementId)).ToHashSet();
        // One read of the batch's ledger in the member index's order (member, time): each member's times come sorted.
        // The types are picked here, not in SQL: a filter on type makes SQLite prefer the type index, which holds
        // every member's rows of that type.
        var history = (await db.Activities.AsNoTracking()
            .Where(a => a.MemberId >= from && a.MemberId <= to)
            .OrderBy(a => a.MemberId).ThenBy(a => a.OccurredAt)
            .Select(a => new { a.MemberId, a.Type, a.OccurredAt }).ToListAsync(ct))
            .Where(a => timesByType.ContainsKey(a.Type)).ToList();
        var rows = new List<object?[]>();
        var next = 0;
        foreach (var memberId in members)
        {
            foreach (var times in timesByType.Values) times.Clear();
            while (next < history.Count && history[next].MemberId < memberId) next++;
            for (; next < history.Count && history[next].MemberId == memberId; next++)
            {
                timesByType[history[next].Type].Add(history[next].OccurredAt);
            }
            foreach (var achievement in achievements)
            {
                if (earned.Contains((memberId, achievement.Id))) continue;
                var times = timesByType[achievement.ActivityType];
                if (times.Count < achievement.TargetCount) continue;
                if (AchievementRule.FirstMetAt(times, achievement.TargetCount, achievement.WindowDays) is not { } at) continue;
                rows.Add([memberId, achievement.Id, at]);
            }
        }
        await MultiRowWrite.ExecuteAsync(db, """INSERT INTO "MemberAchievements" ("MemberId","AchievementId","EarnedAt")""", rows, "", ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }
}
