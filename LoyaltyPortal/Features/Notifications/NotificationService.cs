using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Notifications;

public sealed record NotificationItem(long Id, Benefits.NotificationKind Kind, string Title, string Body, string? Link, DateTime CreatedAt, bool IsRead);

/// <summary>The member's notification centre (the bell). Only ever the caller's own notifications.</summary>
public sealed class NotificationService(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, MemberEvents events)
{
    /// <summary>The caller's own member id, so an open page can tell which <see cref="MemberEvents"/> are about them.</summary>
    public async Task<int?> FindMyMemberIdAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsMember) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Members.Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
    }

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
        var changed = await Mine(db, caller).Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct) == 1;
        if (changed) await RaiseAsync(db, caller, ct);
        return changed;
    }

    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await Mine(db, caller).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0) await RaiseAsync(db, caller, ct);
        return changed;
    }

    /// <summary>Other open tabs (and the bell) show the new unread count.</summary>
    private async Task RaiseAsync(LoyaltyDbContext db, Caller caller, CancellationToken ct)
    {
        var memberId = await db.Members.Where(m => m.UserId == caller.UserId).Select(m => m.Id).FirstAsync(ct);
        events.Raise(memberId, MemberChange.Notification);
    }

    /// <summary>The memberId is the caller's own; nobody reads another member's bell.</summary>
    private static IQueryable<Benefits.Notification> Mine(LoyaltyDbContext db, Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have notifications.");
        return db.Notifications.Where(n => db.Members.Any(m => m.Id == n.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null));
    }
}
