using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Recognition;

public sealed record RecentVisitor(int MemberId, string PreferredName, string MemberCode, DateTime LastSeenAt, string? LatestNote);

public sealed record CounterHome(int StoreId, string StoreName, int VisitsToday, int PurchasesToday, decimal SpendToday, int NewMembersToday, IReadOnlyList<RecentVisitor> RecentVisitors);

/// <summary>The staff counter: today at the caller's own store, and who has been in lately.</summary>
public sealed class CounterService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    public async Task<CounterHome?> GetAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsStaff) throw new UnauthorizedAccessException("Only store staff use the counter.");
        if (caller.StoreId is not { } storeId) return null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (store is null) return null;

        var now = calendar.UtcNow;
        var today = calendar.StartOfTodayUtc();
        var todayHere = db.Activities.AsNoTracking().Where(a => a.StoreId == storeId && a.OccurredAt >= today && a.OccurredAt <= now);
        var since = now.AddDays(-14);
        var recent = await db.Activities.AsNoTracking()
            .Where(a => a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt >= since && a.OccurredAt <= now)
            .Where(a => db.Members.Any(m => m.Id == a.MemberId && m.AnonymisedAt == null))
            .GroupBy(a => a.MemberId)
            .Select(g => new { MemberId = g.Key, LastSeenAt = g.Max(a => a.OccurredAt) })
            .OrderByDescending(v => v.LastSeenAt).Take(8)
            .Join(db.Members, v => v.MemberId, m => m.Id, (v, m) => new RecentVisitor(
                m.Id, m.PreferredName, m.MemberCode, v.LastSeenAt,
                db.StaffNotes.Where(n => n.MemberId == m.Id).OrderByDescending(n => n.CreatedAt).Select(n => n.Text).FirstOrDefault()))
            .ToListAsync(ct);

        return new CounterHome(
            storeId, store,
            await todayHere.CountAsync(a => a.Type == ActivityType.Visit, ct),
            await todayHere.CountAsync(a => a.Type == ActivityType.Purchase, ct),
            await todayHere.Where(a => a.Type == ActivityType.Purchase).SumAsync(a => a.Amount ?? 0, ct),
            await db.Members.CountAsync(m => m.HomeStoreId == storeId && m.JoinedAt >= today, ct),
            recent.OrderByDescending(r => r.LastSeenAt).ToList());
    }
}
