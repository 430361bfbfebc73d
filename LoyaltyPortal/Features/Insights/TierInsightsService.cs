using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>Tier insights: who holds which tier now, and how members moved between tiers month by month.</summary>
public sealed class TierInsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    /// <summary>
    /// The distribution counts members (not anonymised) by the tier they hold now; a member without a standing row
    /// holds the entry tier. The store filter keeps members whose home store it is. Movement counts tier changes per
    /// programme-local calendar month of the range, up and down by tier order; with a tier filter, only moves into
    /// or out of that tier. Both come from the rollups (<see cref="InsightsRollups"/>), so "now" is their last refresh.
    /// </summary>
    public async Task<TierReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var months = filter.Months();
        var refreshedAt = await InsightsScope.RefreshedAtAsync(db, ct);
        if (refreshedAt is null) return new([], [], null);

        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank)
            .Select(t => new { t.Id, t.Name, t.Colour }).ToListAsync(ct);
        var store = filter.StoreId ?? 0;
        var held = await db.TierHoldingTotals.AsNoTracking().Where(h => h.StoreId == store).ToDictionaryAsync(h => h.TierId, h => h.Members, ct);
        // Members on a tier deleted since the last refresh are back on the entry tier.
        var unknown = held.Where(h => tiers.All(t => t.Id != h.Key)).Sum(h => h.Value);
        var distribution = tiers.Select((t, i) => new TierHolding(t.Id, t.Name, t.Colour, held.GetValueOrDefault(t.Id) + (i == 0 ? unknown : 0))).ToList();

        var moves = db.TierMoveDayTotals.AsNoTracking().Where(m => m.Day >= filter.From && m.Day <= filter.To);
        if (filter.StoreId is { } storeId) moves = moves.Where(m => m.HomeStoreId == storeId);
        if (filter.TierId is { } tierId) moves = moves.Where(m => m.FromTierId == tierId || m.ToTierId == tierId);
        var perDay = await moves.GroupBy(m => new { m.Day, m.IsUp }).Select(g => new { g.Key.Day, g.Key.IsUp, Count = g.Sum(m => m.Moves) }).ToListAsync(ct);

        var movement = months.Select(m =>
        {
            var inMonth = perDay.Where(d => d.Day.Year == m.Year && d.Day.Month == m.Month).ToList();
            return new MonthlyTierMoves(m, IsPartial(filter, m), inMonth.Where(d => d.IsUp).Sum(d => d.Count), inMonth.Where(d => !d.IsUp).Sum(d => d.Count));
        }).ToList();
        return new(distribution, movement, refreshedAt);
    }

    private static bool IsPartial(InsightsFilter filter, DateOnly month) => month < filter.From || month.AddMonths(1).AddDays(-1) > filter.To;
}
