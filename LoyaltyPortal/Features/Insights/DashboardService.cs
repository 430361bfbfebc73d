using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

public sealed record StoreSummary(int StoreId, string StoreName, int Members, int Visits, int Purchases, decimal Spend);

/// <summary>
/// The manager's landing page. Counts cover the programme-local days <see cref="From"/> to <see cref="To"/> (today),
/// up to the rollups' last refresh (<see cref="UpdatedAt"/>; null while their first run reads the history).
/// Active members are those who did anything in the last whole week, starting <see cref="LastWeek"/>.
/// </summary>
public sealed record ManagerDashboard(
    int Members, int NewMembers, int ActiveLastWeek, DateOnly LastWeek, int Visits, int Purchases, decimal Spend, int ActiveStaff,
    IReadOnlyList<StoreSummary> Stores, DateOnly From, DateOnly To, DateTime? UpdatedAt)
{
    public bool IsPreparing => UpdatedAt is null;
}

/// <summary>The manager's landing page: the programme's size and the last 30 days of activity, from the insight rollups.</summary>
public sealed class DashboardService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    public const int WindowDays = 30;

    public async Task<ManagerDashboard> GetAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, text["Only managers can see the programme dashboard."], ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = InsightsScope.Today(calendar);
        var from = today.AddDays(1 - WindowDays);
        var lastWeek = InsightsFilter.WeekStart(today).AddDays(-7);

        var refreshedAt = await InsightsScope.RefreshedAtAsync(db, ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var activeStaff = await db.Users.CountAsync(u => u.StoreId != null && !u.IsDeactivated, ct);
        if (refreshedAt is null)
        {
            return new(0, 0, 0, lastWeek, 0, 0, 0, activeStaff, stores.Select(s => new StoreSummary(s.Id, s.Name, 0, 0, 0, 0)).ToList(), from, today, null);
        }

        var members = await db.TierHoldingTotals.AsNoTracking().GroupBy(h => h.StoreId)
            .Select(g => new { StoreId = g.Key, Count = g.Sum(h => h.Members) }).ToDictionaryAsync(g => g.StoreId, g => g.Count, ct);
        var window = await db.ActivityDayTotals.AsNoTracking()
            .Where(t => t.Day >= from && (t.Type == ActivityType.Visit || t.Type == ActivityType.Purchase))
            .GroupBy(t => new { t.StoreId, t.Type })
            .Select(g => new { g.Key.StoreId, g.Key.Type, Count = g.Sum(t => t.Activities), Amount = g.Sum(t => t.Amount) })
            .ToListAsync(ct);
        var active = await db.ActiveMembersWeeks.AsNoTracking()
            .Where(w => w.WeekStart == lastWeek && w.StoreId == ActiveMembersWeek.All && w.TierId == ActiveMembersWeek.All)
            .Select(w => w.Members).FirstOrDefaultAsync(ct);
        // Joining is in the ledger too, but anonymised members drop out of the count; the join-date index answers it.
        var since = InsightsScope.StartOfDayUtc(calendar, from);
        var newMembers = await db.Members.CountAsync(m => m.AnonymisedAt == null && m.JoinedAt >= since, ct);

        int Count(int? storeId, ActivityType type) => window.Where(w => (storeId is null || w.StoreId == storeId) && w.Type == type).Sum(w => w.Count);
        decimal Spend(int? storeId) => (decimal)Math.Round(window.Where(w => (storeId is null || w.StoreId == storeId) && w.Type == ActivityType.Purchase).Sum(w => w.Amount), 2);

        var storeRows = stores.Select(s => new StoreSummary(s.Id, s.Name, members.GetValueOrDefault(s.Id),
            Count(s.Id, ActivityType.Visit), Count(s.Id, ActivityType.Purchase), Spend(s.Id))).ToList();
        return new(members.GetValueOrDefault(0), newMembers, active, lastWeek,
            Count(null, ActivityType.Visit), Count(null, ActivityType.Purchase), Spend(null), activeStaff, storeRows, from, today, refreshedAt);
    }
}
