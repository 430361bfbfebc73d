using System.Linq.Expressions;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>The manager's insights: aggregates computed in the database, never by loading activity rows.</summary>
public sealed class InsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    /// <summary>Today in the programme's time zone, the day date ranges end on.</summary>
    public DateOnly Today => DateOnly.FromDateTime(calendar.ToLocal(calendar.UtcNow));

    public async Task<InsightsOptions> GetOptionsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireManager(caller);
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
        RequireManager(caller);
        if (InsightsFilter.RangeProblem(filter.From, filter.To, Today) is { } problem) throw new ArgumentException(problem, nameof(filter));

        var weeks = filter.Weeks();
        var (from, to) = InsightsScope.Instants(calendar, filter);
        var weekStarts = weeks.Select(w => InsightsScope.StartOfDayUtc(calendar, w)).ToArray();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = db.Activities.AsNoTracking().Where(a => a.OccurredAt >= from && a.OccurredAt < to);
        if (filter.StoreId is { } storeId) activities = activities.Where(a => a.StoreId == storeId);
        if (filter.TierId is { } tierId)
        {
            // A member without a standing row holds the entry tier (the lowest).
            activities = activities.Where(a => db.MemberStandings.Any(s => s.MemberId == a.MemberId && s.TierId == tierId)
                || (!db.MemberStandings.Any(s => s.MemberId == a.MemberId)
                    && db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => t.Id).FirstOrDefault() == tierId));
        }

        var rows = activities.Select(WithWeek(weekStarts, (a, week) => new { Week = week, a.Type, a.MemberId }));
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

    /// <summary>
    /// Writes the week index (0 for the first week) into a projection, as nested conditionals on the activity's
    /// instant. The comparisons form a balanced tree, so two years of weeks nest only seven deep.
    /// </summary>
    private static Expression<Func<Activity, T>> WithWeek<T>(DateTime[] weekStarts, Expression<Func<Activity, int, T>> projection)
    {
        var activity = projection.Parameters[0];
        var occurredAt = Expression.Property(activity, nameof(Activity.OccurredAt));
        var week = WeekIndex(occurredAt, weekStarts, 0, weekStarts.Length - 1);
        var body = new Substitute(projection.Parameters[1], week).Visit(projection.Body);
        return Expression.Lambda<Func<Activity, T>>(body, activity);
    }

    private static Expression WeekIndex(Expression occurredAt, DateTime[] weekStarts, int first, int last)
    {
        if (first == last) return Expression.Constant(first);
        var middle = (first + last + 1) / 2;
        return Expression.Condition(
            Expression.LessThan(occurredAt, Expression.Constant(weekStarts[middle])),
            WeekIndex(occurredAt, weekStarts, first, middle - 1),
            WeekIndex(occurredAt, weekStarts, middle, last));
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }

    private static void RequireManager(Caller caller) => InsightsScope.RequireManager(caller);
}
