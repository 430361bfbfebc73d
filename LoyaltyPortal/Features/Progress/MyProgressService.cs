using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// The member's home page: where they stand, what to do next and what they have done lately. Only ever the
/// caller's own data. The standing is computed from the ledger as of now, so points that aged out since the last
/// activity are already gone.
/// </summary>
public sealed class MyProgressService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, MemberEvents events)
{
    public async Task<MyProgress?> GetAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => new
            {
                m.Id, m.PreferredName, m.MemberCode, m.JoinedAt, HasPhone = m.Phone != null, HasBirthday = m.Birthday != null,
                HasHomeStore = m.HomeStoreId != null, HasInterests = m.Interests.Any(),
            })
            .FirstOrDefaultAsync(ct);
        if (member is null) return null;

        var now = calendar.UtcNow;
        var tier = await TierProgressAsync(db, member.Id, now, ct);
        var achievements = await AchievementsAsync(db, member.Id, now, ct);

        var yearStart = calendar.StartOfYearUtc();
        var counts = await db.Activities.AsNoTracking()
            .Where(a => a.MemberId == member.Id && a.OccurredAt >= yearStart && a.OccurredAt <= now)
            .GroupBy(a => a.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, ct);
        var recent = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id && a.OccurredAt <= now && a.Type != ActivityType.StaffNoteAdded)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(10)
            .Select(a => new ActivityLine(a.Id, a.Type, a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description, a.Points))
            .ToListAsync(ct);
        var profilePoints = await db.EngagementRules.AsNoTracking().Where(r => r.Type == ActivityType.ProfileCompleted).Select(r => r.Points).FirstOrDefaultAsync(ct);

        ProfileStep[] steps =
        [
            new("Tell us your name", true),
            new("Add a phone number", member.HasPhone),
            new("Add your birthday", member.HasBirthday),
            new("Choose your home store", member.HasHomeStore),
            new("Pick what you're into", member.HasInterests),
        ];

        return new MyProgress(
            member.Id, member.PreferredName, member.MemberCode, member.JoinedAt, tier, achievements,
            counts.GetValueOrDefault(ActivityType.Visit), counts.GetValueOrDefault(ActivityType.Purchase),
            counts.GetValueOrDefault(ActivityType.ReferralConverted) + counts.GetValueOrDefault(ActivityType.GuestBrought) + counts.GetValueOrDefault(ActivityType.FeedbackGiven),
            steps, profilePoints, recent);
    }

    /// <summary>"Why am I in this tier?": the activities that count in the current window, newest first, a page at a time.</summary>
    public async Task<TierExplanation?> ExplainAsync(Caller caller, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberId = await OwnMemberIdAsync(db, caller, ct);
        if (memberId is null) return null;
        var now = calendar.UtcNow;
        var settings = await db.ProgressSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ProgressSettings();
        var windowStart = now.AddMonths(-settings.WindowMonths);
        var counting = db.Activities.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.OccurredAt > windowStart && a.OccurredAt <= now && a.Points != 0);
        var total = await counting.CountAsync(ct);
        var rows = await counting.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(a => new { a.Id, a.Type, a.OccurredAt, Store = db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description, a.Points })
            .ToListAsync(ct);
        var tier = await TierProgressAsync(db, memberId.Value, now, ct);
        return new TierExplanation(tier, settings.WindowMonths, settings.GraceDays, windowStart, total,
            rows.Select(a => new CountingActivity(a.Id, a.Type, a.OccurredAt, a.Store, a.Amount, a.Description, a.Points, a.OccurredAt.AddMonths(settings.WindowMonths))).ToList());
    }

    /// <summary>Pins one achievement as the member's goal, or unpins with null. Returns false if it cannot be pinned.</summary>
    public async Task<bool> PinGoalAsync(Caller caller, int? achievementId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberId = await OwnMemberIdAsync(db, caller, ct);
        if (memberId is null) return false;
        if (achievementId is { } id && !await db.Achievements.AnyAsync(a => a.Id == id && !a.IsRetired, ct)) return false;

        var pinned = await db.PinnedGoals.FirstOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (achievementId is null)
        {
            if (pinned is not null) db.PinnedGoals.Remove(pinned);
        }
        else if (pinned is null) db.PinnedGoals.Add(new PinnedGoal { MemberId = memberId.Value, AchievementId = achievementId.Value });
        else pinned.AchievementId = achievementId.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs pinning at once: the other one's pin stands, which is what the member asked for too.
        }
        events.Raise(memberId.Value, MemberChange.Activity);
        return true;
    }

    private static Task<int?> OwnMemberIdAsync(LoyaltyDbContext db, Caller caller, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);

    internal static async Task<TierProgress> TierProgressAsync(LoyaltyDbContext db, int memberId, DateTime now, CancellationToken ct)
    {
        var settings = await db.ProgressSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ProgressSettings();
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToListAsync(ct);
        var rules = new ProgressRules(tiers.Select(t => new TierStep(t.Id, t.Name, t.Threshold, t.Rank)).ToList(),
            settings.WindowMonths, settings.GraceDays, settings.LapseWarningDays);
        var standing = await StoredStandingIfCurrentAsync(db, memberId, rules, settings, now, ct);
        if (standing is null)
        {
            var earned = await StandingKeeper.EarnedAsync(db, memberId, rules.LooksBackTo(now), now, ct);
            standing = rules.Compute(earned, now);
        }
        var visitPoints = await db.EngagementRules.AsNoTracking().Where(r => r.Type == ActivityType.Visit).Select(r => r.Points).FirstOrDefaultAsync(ct);
        return Describe(standing, tiers, visitPoints, settings.LapseWarningDays, now);
    }

    /// <summary>
    /// The stored standing when it still holds now, which spares reading a long-standing member's whole window.
    /// It holds when it was computed under the current tiers and settings, nothing was recorded since, no points aged
    /// out since, and the held tier is not about to drop (the lapse warning needs the full computation).
    /// </summary>
    private static async Task<Standing?> StoredStandingIfCurrentAsync(
        LoyaltyDbContext db, int memberId, ProgressRules rules, ProgressSettings settings, DateTime now, CancellationToken ct)
    {
        var stored = await db.MemberStandings.AsNoTracking().FirstOrDefaultAsync(s => s.MemberId == memberId, ct);
        if (stored is null || stored.UpdatedAt > now || stored.UpdatedAt < settings.StandingsChangedAt) return null;
        if (stored.DropsAt is { } drops && drops - now <= TimeSpan.FromDays(settings.LapseWarningDays)) return null;
        if (rules.Tiers.All(t => t.Id != stored.TierId)) return null;
        var (agedFrom, agedTo) = (stored.UpdatedAt.AddMonths(-rules.WindowMonths), now.AddMonths(-rules.WindowMonths));
        // Two ranges of the member's covering index rather than one OR, which SQLite would answer with a scan.
        var since = stored.UpdatedAt;
        if (await db.Activities.AnyAsync(a => a.MemberId == memberId && a.OccurredAt > since && a.OccurredAt <= now && a.Points != 0, ct)) return null;
        if (await db.Activities.AnyAsync(a => a.MemberId == memberId && a.OccurredAt > agedFrom && a.OccurredAt <= agedTo && a.Points != 0, ct)) return null;
        var ordered = rules.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToList();
        return new Standing(stored.PointsInWindow, stored.TierId, StandingCalculator.TierFor(ordered, stored.PointsInWindow).Id, stored.DropsAt);
    }

    /// <summary>The tier card from a computed standing: the next tier, how far to go and whether to warn of a drop.</summary>
    public static TierProgress Describe(Standing standing, IReadOnlyList<Tier> tiersByThreshold, int visitPoints, int lapseWarningDays, DateTime now)
    {
        var held = tiersByThreshold.First(t => t.Id == standing.HeldTierId);
        var next = tiersByThreshold.FirstOrDefault(t => t.Threshold > held.Threshold);
        var points = standing.PointsInWindow;
        var toGo = next is null ? 0 : Math.Max(0, next.Threshold - points);
        var percent = next is null ? 100 : Math.Clamp((int)Math.Floor(100.0 * points / Math.Max(1, next.Threshold)), 0, 100);
        // Goal gradient: a near goal reads better in visits than in points.
        int? visitsToGo = next is not null && visitPoints > 0 && toGo <= 5 * visitPoints ? (int)Math.Ceiling(toGo / (double)visitPoints) : null;
        var warn = standing.DropsAt is { } dropsAt && dropsAt - now <= TimeSpan.FromDays(lapseWarningDays);
        var dropsTo = standing.DropsAt is null ? null
            : tiersByThreshold.LastOrDefault(t => t.Threshold <= held.Threshold - Math.Max(1, standing.PointsToKeep) && t.Threshold < held.Threshold);
        return new TierProgress(Badge(held), next is null ? null : Badge(next), next?.Threshold ?? held.Threshold, points, toGo, percent, visitsToGo,
            standing.DropsAt, warn ? standing.PointsToKeep : 0, warn, warn && dropsTo is not null ? Badge(dropsTo) : null, held.Unlocks);
    }

    private static TierBadge Badge(Tier tier) => new(tier.Id, tier.Name, tier.Colour);

    private static async Task<IReadOnlyList<AchievementProgress>> AchievementsAsync(LoyaltyDbContext db, int memberId, DateTime now, CancellationToken ct)
    {
        var pinnedId = await db.PinnedGoals.AsNoTracking().Where(p => p.MemberId == memberId).Select(p => (int?)p.AchievementId).FirstOrDefaultAsync(ct);
        var achievements = await db.Achievements.AsNoTracking()
            .Select(a => new
            {
                a.Id, a.Name, a.Description, a.Badge, a.ActivityType, a.TargetCount, a.WindowDays, a.IsRetired,
                EarnedAt = db.MemberAchievements.Where(e => e.MemberId == memberId && e.AchievementId == a.Id).Select(e => (DateTime?)e.EarnedAt).FirstOrDefault(),
            })
            .Where(a => !a.IsRetired || a.EarnedAt != null)
            .ToListAsync(ct);

        // Counting only what is still to earn: a member with thousands of activities has usually earned the rest.
        var open = achievements.Where(a => a.EarnedAt is null).ToList();
        var allTimeTypes = open.Where(a => a.WindowDays is null).Select(a => a.ActivityType).Distinct().ToList();
        var allTime = allTimeTypes.Count == 0 ? [] : await db.Activities.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.OccurredAt <= now && allTimeTypes.Contains(a.Type))
            .GroupBy(a => a.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, ct);
        var windowed = open.Where(a => a.WindowDays is not null).ToList();
        var recentTypes = windowed.Select(a => a.ActivityType).Distinct().ToList();
        var from = windowed.Count == 0 ? now : now.AddDays(-windowed.Max(a => a.WindowDays!.Value));
        var recent = (recentTypes.Count == 0 ? [] : await db.Activities.AsNoTracking()
                .Where(a => a.MemberId == memberId && a.OccurredAt > from && a.OccurredAt <= now && recentTypes.Contains(a.Type))
                .Select(a => new { a.Type, a.OccurredAt }).ToListAsync(ct))
            .ToLookup(a => a.Type, a => a.OccurredAt);

        return achievements
            .Select(a => new AchievementProgress(a.Id, a.Name, a.Description, a.Badge,
                a.EarnedAt is not null ? a.TargetCount
                    : a.WindowDays is null ? allTime.GetValueOrDefault(a.ActivityType) : AchievementRule.CountNow(recent[a.ActivityType], a.WindowDays, now),
                a.TargetCount, a.WindowDays, a.EarnedAt, a.Id == pinnedId))
            // Pinned first, then the nearest to done (goal gradient), earned last.
            .OrderByDescending(a => a.Pinned).ThenBy(a => a.Earned).ThenByDescending(a => a.Percent).ThenBy(a => a.Name)
            .ToList();
    }
}
