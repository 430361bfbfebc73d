using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// The significance pulse over time ("How much would you miss us if we were gone?", 0 to 10): the average score per
/// week or month, overall and by the tier each member held when answering, and what matters most to them.
/// </summary>
public sealed class SignificanceInsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, InsightsResultCache cache)
{
    /// <summary>Ranges up to this many weeks are shown week by week; longer ones month by month.</summary>
    public const int WeeklyUpToWeeks = 13;

    public const string OverallLabel = "All members";
    public const string FormerTierLabel = "Former tier";

    /// <remarks>
    /// The tier filter and the lines by tier use the tier held when answering (the snapshot), so a trend reads as it
    /// was then. The store filter keeps members whose home store it is: an answer belongs to no store.
    /// </remarks>
    public async Task<SignificanceReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        InsightsScope.Require(caller, filter, calendar);
        return await cache.GetOrAddAsync((nameof(SignificanceInsightsService), filter), c => ComputeAsync(filter, c), ct);
    }

    private async Task<SignificanceReport> ComputeAsync(InsightsFilter filter, CancellationToken ct)
    {
        var (from, to) = InsightsScope.Instants(calendar, filter);
        var periods = Periods(filter, out var monthly);
        var starts = periods.Select(p => InsightsScope.StartOfDayUtc(calendar, p)).ToArray();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var responses = db.PulseResponses.AsNoTracking().Where(p => p.RespondedAt >= from && p.RespondedAt < to);
        if (filter.TierId is { } tierId) responses = responses.Where(p => p.TierId == tierId);
        if (filter.StoreId is { } storeId) responses = responses.Where(p => db.Members.Any(m => m.Id == p.MemberId && m.HomeStoreId == storeId));

        var buckets = await responses
            .Select(PeriodBuckets.With<PulseResponse, PulseRow>(p => p.RespondedAt, starts, (p, period) => new PulseRow { Period = period, TierId = p.TierId, Score = p.Score }))
            .GroupBy(r => new { r.Period, r.TierId, Answered = r.Score != null })
            .Select(g => new { g.Key.Period, g.Key.TierId, g.Key.Answered, Count = g.Count(), Total = g.Sum(r => r.Score ?? 0) })
            .ToListAsync(ct);
        // Counted here: unnesting the choices per row needs a lateral join, which EF Core can't emit for SQLite.
        var choices = await responses.Where(p => p.Score != null).Select(p => p.Matters).ToListAsync(ct);
        var matters = choices.SelectMany(m => m).GroupBy(code => code, StringComparer.Ordinal).Select(g => new MattersCount(g.Key, g.Count())).ToList();
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync(ct);

        var answered = buckets.Where(b => b.Answered).ToList();
        var overall = Line(OverallLabel, periods.Count, answered.Select(b => (b.Period, b.Count, b.Total)));
        var byTier = new List<PulseLine>();
        foreach (var tier in tiers)
        {
            var rows = answered.Where(b => b.TierId == tier.Id).ToList();
            if (rows.Count > 0) byTier.Add(Line(tier.Name, periods.Count, rows.Select(b => (b.Period, b.Count, b.Total))));
        }
        var known = tiers.Select(t => (int?)t.Id).ToHashSet();
        var former = answered.Where(b => !known.Contains(b.TierId)).ToList();
        if (former.Count > 0) byTier.Add(Line(FormerTierLabel, periods.Count, former.Select(b => (b.Period, b.Count, b.Total))));

        return new(monthly, periods, overall, byTier,
            matters.OrderByDescending(m => m.Count).ThenBy(m => m.Code, StringComparer.Ordinal).ToList(),
            buckets.Where(b => !b.Answered).Sum(b => b.Count));
    }

    /// <summary>The first day of each week (Monday) or calendar month the range touches.</summary>
    public static IReadOnlyList<DateOnly> Periods(InsightsFilter filter, out bool monthly)
    {
        var weeks = filter.Weeks();
        monthly = weeks.Count > WeeklyUpToWeeks;
        if (!monthly) return weeks;
        var months = new List<DateOnly>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1)) months.Add(month);
        return months;
    }

    private static PulseLine Line(string label, int periods, IEnumerable<(int Period, int Count, int Total)> rows)
    {
        var answers = new int[periods];
        var totals = new int[periods];
        foreach (var (period, count, total) in rows)
        {
            answers[period] += count;
            totals[period] += total;
        }
        var averages = answers.Select((n, i) => n == 0 ? (double?)null : Math.Round((double)totals[i] / n, 2)).ToList();
        return new(label, averages, answers);
    }

    // Properties, not a constructor: EF Core can group by the members of an object it built with an initialiser.
    private sealed class PulseRow
    {
        public int Period { get; init; }
        public int? TierId { get; init; }
        public int? Score { get; init; }
    }
}
