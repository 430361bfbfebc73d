using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// A tier reached or an achievement earned is a moment, not a silent number: the member gets a notification and an
/// email, and My progress celebrates it once (<see cref="CelebrationService"/>).
/// </summary>
public static class ProgressCelebrations
{
    public static readonly NotificationKind[] Kinds = [NotificationKind.TierReached, NotificationKind.AchievementEarned];

    /// <summary>
    /// Stages a notification for every move up a tier and every achievement the unit of work has added for these
    /// members. Source keys make each one once: the same tier reached again after a drop is a new moment.
    /// </summary>
    public static async Task<IReadOnlyList<NewNotification>> StageAsync(
        LoyaltyDbContext db, MemberNotifier notifier, IEnumerable<int> memberIds, CancellationToken ct)
    {
        var members = memberIds.ToHashSet();
        var moves = db.ChangeTracker.Entries<TierChange>()
            .Where(e => e.State == EntityState.Added && e.Entity.IsUp && members.Contains(e.Entity.MemberId)).Select(e => e.Entity).ToList();
        var earned = db.ChangeTracker.Entries<MemberAchievement>()
            .Where(e => e.State == EntityState.Added && members.Contains(e.Entity.MemberId)).Select(e => e.Entity).ToList();
        if (moves.Count == 0 && earned.Count == 0) return [];

        var staged = new List<NewNotification>();
        foreach (var move in moves)
        {
            var tier = await db.Tiers.AsNoTracking().Where(t => t.Id == move.ToTierId).Select(t => new { t.Name, t.Unlocks }).FirstOrDefaultAsync(ct);
            if (tier is null) continue;
            var words = await notifier.TextForAsync(db, move.MemberId, ct);
            var body = string.IsNullOrWhiteSpace(tier.Unlocks) ? words["Welcome to {0}. Thank you for being here.", tier.Name] : words["Welcome to {0}. {1}", tier.Name, tier.Unlocks];
            await StageAsync(new(move.MemberId, NotificationKind.TierReached, words["You've reached {0}!", tier.Name], body, "/me",
                $"tier-reached:{move.MemberId}:{move.ToTierId}:{move.ChangedAt.Ticks}"));
        }
        foreach (var award in earned)
        {
            var achievement = await db.Achievements.AsNoTracking().Where(a => a.Id == award.AchievementId)
                .Select(a => new { a.Name, a.Description }).FirstOrDefaultAsync(ct);
            if (achievement is null) continue;
            var words = await notifier.TextForAsync(db, award.MemberId, ct);
            await StageAsync(new(award.MemberId, NotificationKind.AchievementEarned, words["Achievement earned: {0}", achievement.Name],
                words["{0} Well done!", achievement.Description], "/me", $"achievement:{award.MemberId}:{award.AchievementId}"));
        }
        return staged;

        async Task StageAsync(NewNotification notification)
        {
            if (await notifier.AddAsync(db, notification, ct)) staged.Add(notification);
        }
    }
}
