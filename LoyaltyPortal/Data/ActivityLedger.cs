using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data;

/// <summary>
/// Appends to the activity ledger inside the caller's transaction: stamps the points the engagement rules give
/// (none once a cap is reached), skips a source key already recorded, and brings the member's standing and
/// achievements up to date in the same unit of work, so they never disagree with it.
/// </summary>
public static class ActivityLedger
{
    /// <returns>False when an activity with the same <see cref="Activity.SourceKey"/> already exists.</returns>
    public static async Task<bool> AppendAsync(LoyaltyDbContext db, Activity activity, ProgrammeCalendar calendar, CancellationToken ct)
    {
        if (db.Activities.Local.Any(a => a.SourceKey == activity.SourceKey)) return false;
        if (await db.Activities.AnyAsync(a => a.SourceKey == activity.SourceKey, ct)) return false;
        var rule = await db.EngagementRules.AsNoTracking().FirstOrDefaultAsync(r => r.Type == activity.Type, ct);
        activity.Points = rule is null ? 0 : await PointsAsync(db, activity, rule, calendar, ct);
        db.Activities.Add(activity);
        await StandingKeeper.RefreshAsync(db, activity.MemberId, activity.OccurredAt, ct);
        await AchievementKeeper.AwardAsync(db, activity, ct);
        await ReferralConversion.OnAppendedAsync(db, activity, calendar, ct);
        return true;
    }

    private static async Task<int> PointsAsync(LoyaltyDbContext db, Activity activity, EngagementRule rule, ProgrammeCalendar calendar, CancellationToken ct)
    {
        var points = activity.Type == ActivityType.Purchase
            ? (int)Math.Min(int.MaxValue, Math.Floor(Math.Max(0, activity.Amount ?? 0)) * rule.Points)
            : rule.Points;
        if (points == 0 || rule.CapCount is not { } cap || rule.CapPeriod == CapPeriod.None) return points;

        var (from, to) = Period(calendar, activity.OccurredAt, rule.CapPeriod);
        var perStore = rule.CapPerStore;
        var storeId = activity.StoreId;
        var earned = await db.Activities.CountAsync(a => a.MemberId == activity.MemberId && a.Type == activity.Type && a.Points > 0
            && a.OccurredAt >= from && a.OccurredAt < to && (!perStore || a.StoreId == storeId), ct);
        earned += db.ChangeTracker.Entries<Activity>().Count(e => e.State == EntityState.Added && e.Entity.MemberId == activity.MemberId
            && e.Entity.Type == activity.Type && e.Entity.Points > 0 && e.Entity.OccurredAt >= from && e.Entity.OccurredAt < to && (!perStore || e.Entity.StoreId == storeId));
        return earned >= cap ? 0 : points;
    }

    /// <summary>The programme-local day, week (from Monday) or month holding the instant, in UTC.</summary>
    public static (DateTime From, DateTime To) Period(ProgrammeCalendar calendar, DateTime utc, CapPeriod period)
    {
        var day = calendar.ToLocal(utc).Date;
        var start = period switch
        {
            CapPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            CapPeriod.Month => new DateTime(day.Year, day.Month, 1),
            _ => day,
        };
        var end = period switch { CapPeriod.Week => start.AddDays(7), CapPeriod.Month => start.AddMonths(1), _ => start.AddDays(1) };
        return (calendar.ToUtc(start), calendar.ToUtc(end));
    }
}
