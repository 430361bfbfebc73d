using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>The manager's insights: aggregates computed in the database, never by loading activity rows.</summary>
public sealed class InsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    /// <summary>Today in the programme's time zone, the day date ranges end on.</summary>
    public DateOnly Today => InsightsScope.Today(calendar);

    public async Task<InsightsOptions> GetOptionsAsync(Caller caller, CancellationToken ct = default)
    {
        await InsightsScope.RequireManagerAsync(callers, text, caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => new TierOption(t.Id, t.Name)).ToListAsync(ct);
        return new(stores, tiers);
    }

    /// <summary>
    /// Weekly active members (distinct members with any activity) and activities by type, per ISO week in the
    /// programme's time zone, added up from the rollups (<see cref="InsightsRollups"/>), never from the ledger itself.
    /// </summary>
    /// <remarks>
    /// Activity counts cover the days of the range, so a range's first and last weeks may be partial. Distinct
    /// members cannot be added up day by day, so a week the range cuts short has no active-member figure (null).
    /// The tier filter uses the tier each member held when their activity was rolled up, within a minute or so of it.
    /// </remarks>
    public async Task<EngagementReport> GetEngagementAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);

        var weeks = filter.Weeks();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refreshedAt = await InsightsScope.RefreshedAtAsync(db, ct);
        if (refreshedAt is null) return EngagementReport.Preparing(weeks);

        var days = db.ActivityDayTotals.AsNoTracking().Where(t => t.Day >= filter.From && t.Day <= filter.To);
        if (filter.StoreId is { } storeId) days = days.Where(t => t.StoreId == storeId);
        if (filter.TierId is { } tierId) days = days.Where(t => t.TierId == tierId);
        var perDay = await days.GroupBy(t => new { t.Day, t.Type }).Select(g => new { g.Key.Day, g.Key.Type, Count = g.Sum(t => t.Activities) }).ToListAsync(ct);

        var (store, tier) = (filter.StoreId ?? ActiveMembersWeek.All, filter.TierId ?? ActiveMembersWeek.All);
        var (firstWeek, lastWeek) = (weeks[0], weeks[^1]);
        var active = await db.ActiveMembersWeeks.AsNoTracking()
            .Where(w => w.WeekStart >= firstWeek && w.WeekStart <= lastWeek && w.StoreId == store && w.TierId == tier)
            .ToDictionaryAsync(w => w.WeekStart, w => w.Members, ct);

        var counts = new SortedDictionary<ActivityType, int[]>();
        foreach (var day in perDay)
        {
            if (!counts.TryGetValue(day.Type, out var perWeek)) counts[day.Type] = perWeek = new int[weeks.Count];
            perWeek[(InsightsFilter.WeekStart(day.Day).DayNumber - firstWeek.DayNumber) / 7] += day.Count;
        }
        var activeMembers = weeks.Select(w => filter.IsPartial(w) ? (int?)null : active.GetValueOrDefault(w)).ToList();
        return new(weeks, activeMembers, counts.Where(c => c.Value.Any(n => n > 0)).Select(c => new WeeklyActivity(c.Key, c.Value)).ToList(), refreshedAt);
    }
}
