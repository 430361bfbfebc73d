using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Notifications;

public sealed record NotificationItem(long Id, Benefits.NotificationKind Kind, string Title, string Body, string? Link, DateTime CreatedAt, bool IsRead);

/// <summary>The member's notification centre (the bell). Only ever the caller's own notifications.</summary>
public sealed class NotificationService(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationItem>> GetRecentAsync(Caller caller, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Mine(db, caller).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, 200))
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    public async Task<int> CountUnreadAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Mine(db, caller).CountAsync(n => n.ReadAt == null, ct);
    }

    public async Task<bool> MarkReadAsync(Caller caller, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await Mine(db, caller).Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct) == 1;
    }

    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await Mine(db, caller).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>The memberId is the caller's own; nobody reads another member's bell.</summary>
    private static IQueryable<Benefits.Notification> Mine(LoyaltyDbContext db, Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have notifications.");
        return db.Notifications.Where(n => db.Members.Any(m => m.Id == n.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null));
    }
}
