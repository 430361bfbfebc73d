using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// The significance pulse over time ("How much would you miss us if we were gone?", 0 to 10): the average score per
/// week or month, overall and by the tier each member held when answering, and what matters most to them.
/// </summary>
public sealed class SignificanceInsightsService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    /// <summary>Ranges up to this many weeks are shown week by week; longer ones month by month.</summary>
    public const int WeeklyUpToWeeks = 13;

    public const string OverallLabel = "All members";
    public const string FormerTierLabel = "Former tier";

    /// <remarks>
    /// The tier filter and the lines by tier use the tier held when answering (the snapshot), so a trend reads as it
    /// was then. The store filter keeps members whose home store it is (when the answer was rolled up): an answer
    /// belongs to no store. Figures come from the rollups (<see cref="Rollups.InsightsRollups"/>).
    /// </remarks>
    public async Task<SignificanceReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);
        var periods = Periods(filter, out var monthly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refreshedAt = await InsightsScope.RefreshedAtAsync(db, ct);
        if (refreshedAt is null) return SignificanceReport.Preparing(monthly, periods);

        var days = db.PulseDayTotals.AsNoTracking().Where(t => t.Day >= filter.From && t.Day <= filter.To);
        var choices = db.PulseDayChoices.AsNoTracking().Where(c => c.Day >= filter.From && c.Day <= filter.To);
        if (filter.TierId is { } tierId) (days, choices) = (days.Where(t => t.TierId == tierId), choices.Where(c => c.TierId == tierId));
        if (filter.StoreId is { } storeId) (days, choices) = (days.Where(t => t.HomeStoreId == storeId), choices.Where(c => c.HomeStoreId == storeId));

        var buckets = await days.GroupBy(t => new { t.Day, t.TierId })
            .Select(g => new { g.Key.Day, g.Key.TierId, Answers = g.Sum(t => t.Answers), Total = g.Sum(t => t.ScoreTotal), Dismissals = g.Sum(t => t.Dismissals) })
            .ToListAsync(ct);
        var matters = await choices.GroupBy(c => c.Code).Select(g => new MattersCount(g.Key, g.Sum(c => c.Count))).ToListAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync(ct);

        var answered = buckets.Where(b => b.Answers > 0).Select(b => (Period: PeriodOf(b.Day), b.TierId, b.Answers, b.Total)).ToList();
        var overall = Line(OverallLabel, periods.Count, answered.Select(b => (b.Period, b.Answers, b.Total)));
        var byTier = new List<PulseLine>();
        foreach (var tier in tiers)
        {
            var rows = answered.Where(b => b.TierId == tier.Id).ToList();
            if (rows.Count > 0) byTier.Add(Line(tier.Name, periods.Count, rows.Select(b => (b.Period, b.Answers, b.Total))));
        }
        var known = tiers.Select(t => t.Id).ToHashSet();
        var former = answered.Where(b => !known.Contains(b.TierId)).ToList();
        if (former.Count > 0) byTier.Add(Line(FormerTierLabel, periods.Count, former.Select(b => (b.Period, b.Answers, b.Total))));

        return new(monthly, periods, overall, byTier,
            matters.OrderByDescending(m => m.Count).ThenBy(m => m.Code, StringComparer.Ordinal).ToList(),
            buckets.Sum(b => b.Dismissals), refreshedAt);

        int PeriodOf(DateOnly day) => monthly
            ? (day.Year - periods[0].Year) * 12 + day.Month - periods[0].Month
            : (InsightsFilter.WeekStart(day).DayNumber - periods[0].DayNumber) / 7;
    }

    /// <summary>The first day of each week (Monday) or calendar month the range touches.</summary>
    public static IReadOnlyList<DateOnly> Periods(InsightsFilter filter, out bool monthly)
    {
        var weeks = filter.Weeks();
        monthly = weeks.Count > WeeklyUpToWeeks;
        return monthly ? filter.Months() : weeks;
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
}
