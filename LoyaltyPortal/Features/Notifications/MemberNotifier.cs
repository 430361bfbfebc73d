using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Notifications;

/// <summary>A notification to write. <see cref="SourceKey"/> makes it idempotent, e.g. "promoted:{bookingId}".</summary>
public sealed record NewNotification(int MemberId, NotificationKind Kind, string Title, string Body, string? Link, string SourceKey);

/// <summary>
/// Writes notifications into the member's notification centre and, once committed, emails them and tells the
/// member's open pages. Callers add inside their own transaction, then call <see cref="DeliverAsync"/> after commit.
/// </summary>
public sealed class MemberNotifier(IDbContextFactory<LoyaltyDbContext> dbFactory, IEmailSender email, MemberEvents events,
    TimeProvider clock, ILogger<MemberNotifier> logger)
{
    /// <summary>Adds the notification to <paramref name="db"/> unless one with the same source key exists. Returns whether it was added.</summary>
    public async Task<bool> AddAsync(LoyaltyDbContext db, NewNotification notification, CancellationToken ct = default)
    {
        if (await db.Notifications.AnyAsync(n => n.SourceKey == notification.SourceKey, ct)) return false;
        if (db.Notifications.Local.Any(n => n.SourceKey == notification.SourceKey)) return false;
        db.Notifications.Add(new Notification
        {
            MemberId = notification.MemberId, Kind = notification.Kind, Title = notification.Title, Body = notification.Body,
            Link = notification.Link, SourceKey = notification.SourceKey, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return true;
    }

    /// <summary>
    /// After the notifications are committed: emails members who have an address and pings their open pages.
    /// A failed email is logged, never thrown: the notification is already in the member's centre.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyCollection<NewNotification> committed, CancellationToken ct = default)
    {
        if (committed.Count == 0) return;
        var memberIds = committed.Select(n => n.MemberId).Distinct().ToList();
        Dictionary<int, string> addresses;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            addresses = await db.Members.AsNoTracking()
                .Where(m => memberIds.Contains(m.Id) && m.Email != null && m.AnonymisedAt == null)
                .ToDictionaryAsync(m => m.Id, m => m.Email!, ct);
        }
        foreach (var notification in committed)
        {
            events.Raise(notification.MemberId, MemberChange.Notification);
            if (!addresses.TryGetValue(notification.MemberId, out var to)) continue;
            try
            {
                await email.SendAsync(new EmailMessage(to, notification.Title, $"<p>{WebUtility.HtmlEncode(notification.Body)}</p>"), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not email notification {SourceKey} to member {MemberId}", notification.SourceKey, notification.MemberId);
            }
        }
    }
}
