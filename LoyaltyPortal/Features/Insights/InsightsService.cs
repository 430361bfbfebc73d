using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>The manager's insights: aggregates computed in the database, never by loading activity rows.</summary>
public sealed class InsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    /// <summary>Today in the programme's time zone, the day date ranges end on.</summary>
    public DateOnly Today => InsightsScope.Today(calendar);

    public async Task<InsightsOptions> GetOptionsAsync(Caller caller, CancellationToken ct = default)
    {
        InsightsScope.RequireManager(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => new TierOption(t.Id, t.Name)).ToListAsync(ct);
        return new(stores, tiers);
    }

    /// <summary>
    /// Weekly active members (distinct members with any activity) and activities by type, per ISO week in the
    /// programme's time zone. One SQL statement: two GROUP BYs on a week bucket, joined with UNION ALL.
    /// </summary>
    /// <remarks>
    /// The bucket is worked out here, not with date functions (which differ between SQLite and PostgreSQL): each
    /// week's local Monday midnight becomes a UTC instant, and the query compares OccurredAt against those instants
    /// in a CASE. So weeks follow the local calendar across clock changes, and both providers give the same answer.
    /// </remarks>
    public async Task<EngagementReport> GetEngagementAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        InsightsScope.Require(caller, filter, calendar);

        var weeks = filter.Weeks();
        var (from, to) = InsightsScope.Instants(calendar, filter);
        var weekStarts = weeks.Select(w => InsightsScope.StartOfDayUtc(calendar, w)).ToArray();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = db.Activities.AsNoTracking().Where(a => a.OccurredAt >= from && a.OccurredAt < to);
        if (filter.StoreId is { } storeId) activities = activities.Where(a => a.StoreId == storeId);
        if (filter.TierId is { } tierId) activities = activities.Where(a => InsightsScope.MembersInTier(db, tierId).Contains(a.MemberId));

        var rows = activities.Select(PeriodBuckets.With((Activity a) => a.OccurredAt, weekStarts, (Activity a, int week) => new { Week = week, a.Type, a.MemberId }));
        var byType = rows.GroupBy(r => new { r.Week, r.Type }).Select(g => new { g.Key.Week, Type = (int)g.Key.Type, Count = g.Count() });
        var active = rows.GroupBy(r => r.Week).Select(g => new { Week = g.Key, Type = ActiveMembersRow, Count = g.Select(r => r.MemberId).Distinct().Count() });
        var buckets = await byType.Concat(active).ToListAsync(ct);

        var activeMembers = new int[weeks.Count];
        var counts = new SortedDictionary<ActivityType, int[]>();
        foreach (var bucket in buckets)
        {
            if (bucket.Type == ActiveMembersRow) activeMembers[bucket.Week] = bucket.Count;
            else
            {
                var type = (ActivityType)bucket.Type;
                if (!counts.TryGetValue(type, out var perWeek)) counts[type] = perWeek = new int[weeks.Count];
                perWeek[bucket.Week] = bucket.Count;
            }
        }
        return new(weeks, activeMembers, counts.Select(c => new WeeklyActivity(c.Key, c.Value)).ToList());
    }

    /// <summary>Marks the UNION's active-member rows apart from the per-type rows; no activity type is negative.</summary>
    private const int ActiveMembersRow = -1;
}
