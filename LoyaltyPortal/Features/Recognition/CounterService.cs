using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Recognition;

public sealed record RecentVisitor(int MemberId, string PreferredName, string MemberCode, DateTime LastSeenAt, string? LatestNote);

public sealed record CounterHome(int StoreId, string StoreName, int VisitsToday, int PurchasesToday, decimal SpendToday, int NewMembersToday, IReadOnlyList<RecentVisitor> RecentVisitors);

/// <summary>The staff counter: today at the caller's own store, and who has been in lately.</summary>
public sealed class CounterService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers)
{
    private const int RecentVisitorsShown = 8;
    private const int RecentVisitsRead = 400;

    public async Task<CounterHome?> GetAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsStaff, "Only store staff use the counter.", ct);
        if (caller.StoreId is not { } storeId) return null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (store is null) return null;

        var now = calendar.UtcNow;
        var today = calendar.StartOfTodayUtc();
        var todayHere = db.Activities.AsNoTracking().Where(a => a.StoreId == storeId && a.OccurredAt >= today && a.OccurredAt <= now);
        var since = now.AddDays(-14);
        // The newest visits here, read backwards along (store, type, time); grouping every visit of the fortnight
        // would read a busy store's whole ledger. Visits are one per member per window, so a few hundred of the
        // newest rows hold the last eight people.
        var latestVisits = await db.Activities.AsNoTracking()
            .Where(a => a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt >= since && a.OccurredAt <= now)
            .OrderByDescending(a => a.OccurredAt).Take(RecentVisitsRead)
            .Select(a => new { a.MemberId, a.OccurredAt })
            .ToListAsync(ct);
        var lastSeen = latestVisits.GroupBy(v => v.MemberId).ToDictionary(g => g.Key, g => g.Max(v => v.OccurredAt));
        var candidates = lastSeen.OrderByDescending(v => v.Value).Select(v => v.Key).Take(RecentVisitorsShown * 2).ToList();
        var members = await db.Members.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.AnonymisedAt == null)
            .Select(m => new
            {
                m.Id, m.PreferredName, m.MemberCode,
                LatestNote = db.StaffNotes.Where(n => n.MemberId == m.Id).OrderByDescending(n => n.CreatedAt).Select(n => n.Text).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var recent = members.Select(m => new RecentVisitor(m.Id, m.PreferredName, m.MemberCode, lastSeen[m.Id], m.LatestNote))
            .OrderByDescending(r => r.LastSeenAt).Take(RecentVisitorsShown).ToList();

        return new CounterHome(
            storeId, store,
            await todayHere.CountAsync(a => a.Type == ActivityType.Visit, ct),
            await todayHere.CountAsync(a => a.Type == ActivityType.Purchase, ct),
            await todayHere.Where(a => a.Type == ActivityType.Purchase).SumAsync(a => a.Amount ?? 0, ct),
            await db.Members.CountAsync(m => m.HomeStoreId == storeId && m.JoinedAt >= today && m.AnonymisedAt == null, ct),
            recent);
    }
}
