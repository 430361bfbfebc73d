using System.Linq.Expressions;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>Tier insights: who holds which tier now, and how members moved between tiers month by month.</summary>
public sealed class TierInsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    /// <summary>
    /// The distribution counts members (not anonymised) by the tier they hold now; a member without a standing row
    /// holds the entry tier. The store filter keeps members whose home store it is. Movement counts
    /// <see cref="TierChange"/> rows per programme-local calendar month of the range, up and down by tier order; with
    /// a tier filter, only moves into or out of that tier. The distribution is "now", whatever the dates.
    /// </summary>
    public async Task<TierReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        InsightsScope.Require(caller, filter, calendar);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank)
            .Select(t => new { t.Id, t.Name, t.Colour }).ToListAsync(ct);

        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (filter.StoreId is { } storeId) members = members.Where(m => m.HomeStoreId == storeId);
        var held = await (from s in db.MemberStandings
                          join m in members on s.MemberId equals m.Id
                          group s by s.TierId into g
                          select new { TierId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = await members.CountAsync(ct);
        var distribution = tiers.Select((t, i) => new TierHolding(t.Id, t.Name, t.Colour,
            held.Where(h => h.TierId == t.Id).Sum(h => h.Count) + (i == 0 ? total - held.Sum(h => h.Count) : 0))).ToList();

        var months = Months(filter);
        var (from, to) = InsightsScope.Instants(calendar, filter);
        var monthStarts = months.Select((m, i) => i == 0 ? from : InsightsScope.StartOfDayUtc(calendar, m)).ToArray();
        var changes = db.TierChanges.AsNoTracking().Where(c => c.ChangedAt >= from && c.ChangedAt < to);
        if (filter.StoreId is { } store) changes = changes.Where(c => db.Members.Any(m => m.Id == c.MemberId && m.HomeStoreId == store));
        if (filter.TierId is { } tierId) changes = changes.Where(c => c.FromTierId == tierId || c.ToTierId == tierId);
        var counts = await changes.Select(InMonth(monthStarts))
            .GroupBy(r => new { r.Month, r.IsUp })
            .Select(g => new { g.Key.Month, g.Key.IsUp, Count = g.Count() })
            .ToListAsync(ct);

        var movement = months.Select((m, i) => new MonthlyTierMoves(m, IsPartial(filter, m),
            counts.Where(c => c.Month == i && c.IsUp).Sum(c => c.Count),
            counts.Where(c => c.Month == i && !c.IsUp).Sum(c => c.Count))).ToList();
        return new(distribution, movement);
    }

    /// <summary>The first day of every calendar month the range touches, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Months(InsightsFilter filter)
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1)) months.Add(month);
        return months;
    }

    private static bool IsPartial(InsightsFilter filter, DateOnly month) => month < filter.From || month.AddMonths(1).AddDays(-1) > filter.To;

    private sealed class Bucketed
    {
        public int Month { get; init; }
        public bool IsUp { get; init; }
    }

    /// <summary>
    /// The month index of each change, as nested conditionals on its instant against each month's UTC start (a
    /// balanced tree, so 25 months nest five deep). Both providers compare instants alike, so no date functions.
    /// </summary>
    private static Expression<Func<TierChange, Bucketed>> InMonth(DateTime[] monthStarts)
    {
        var change = Expression.Parameter(typeof(TierChange), "c");
        var month = Index(Expression.Property(change, nameof(TierChange.ChangedAt)), monthStarts, 0, monthStarts.Length - 1);
        var body = Expression.MemberInit(Expression.New(typeof(Bucketed)),
            Expression.Bind(typeof(Bucketed).GetProperty(nameof(Bucketed.Month))!, month),
            Expression.Bind(typeof(Bucketed).GetProperty(nameof(Bucketed.IsUp))!, Expression.Property(change, nameof(TierChange.IsUp))));
        return Expression.Lambda<Func<TierChange, Bucketed>>(body, change);
    }

    private static Expression Index(Expression at, DateTime[] starts, int first, int last)
    {
        if (first == last) return Expression.Constant(first);
        var middle = (first + last + 1) / 2;
        return Expression.Condition(Expression.LessThan(at, Expression.Constant(starts[middle])),
            Index(at, starts, first, middle - 1), Index(at, starts, middle, last));
    }
}
