using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

public sealed record StoreSummary(int StoreId, string StoreName, int Members, int Visits, int Purchases, decimal Spend);

public sealed record ManagerDashboard(
    int Members, int NewMembers, int ActiveMembers, int Visits, int Purchases, decimal Spend, int ActiveStaff,
    IReadOnlyList<StoreSummary> Stores, DateTime From, DateTime To);

/// <summary>The manager's landing page: the programme's size and the last 30 days of activity.</summary>
public sealed class DashboardService(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock)
{
    public const int WindowDays = 30;

    public async Task<ManagerDashboard> GetAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) throw new UnauthorizedAccessException("Only managers can see the programme dashboard.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to.AddDays(-WindowDays);

        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        var window = db.Activities.AsNoTracking().Where(a => a.OccurredAt >= from && a.OccurredAt <= to);
        var engagement = window.Where(a => a.Type != ActivityType.Joined);

        var byStore = await window
            .Where(a => a.StoreId != null && (a.Type == ActivityType.Visit || a.Type == ActivityType.Purchase))
            .GroupBy(a => new { a.StoreId, a.Type })
            .Select(g => new { g.Key.StoreId, g.Key.Type, Count = g.Count(), Spend = g.Sum(a => a.Amount ?? 0) })
            .ToListAsync(ct);
        var membersByStore = await members.GroupBy(m => m.HomeStoreId).Select(g => new { StoreId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);

        var storeRows = stores.Select(s => new StoreSummary(
            s.Id, s.Name,
            membersByStore.FirstOrDefault(m => m.StoreId == s.Id)?.Count ?? 0,
            byStore.Where(b => b.StoreId == s.Id && b.Type == ActivityType.Visit).Sum(b => b.Count),
            byStore.Where(b => b.StoreId == s.Id && b.Type == ActivityType.Purchase).Sum(b => b.Count),
            byStore.Where(b => b.StoreId == s.Id && b.Type == ActivityType.Purchase).Sum(b => b.Spend))).ToList();

        return new ManagerDashboard(
            Members: await members.CountAsync(ct),
            NewMembers: await members.CountAsync(m => m.JoinedAt >= from, ct),
            ActiveMembers: await engagement.Select(a => a.MemberId).Distinct().CountAsync(ct),
            Visits: await window.CountAsync(a => a.Type == ActivityType.Visit, ct),
            Purchases: await window.CountAsync(a => a.Type == ActivityType.Purchase, ct),
            Spend: await window.Where(a => a.Type == ActivityType.Purchase).SumAsync(a => a.Amount ?? 0, ct),
            ActiveStaff: await db.Users.CountAsync(u => u.StoreId != null && !u.IsDeactivated, ct),
            Stores: storeRows, From: from, To: to);
    }
}
