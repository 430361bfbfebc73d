using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Notifications;

/// <summary>A notification to write. <see cref="SourceKey"/> makes it idempotent, e.g. "promoted:{bookingId}".</summary>
public sealed record NewNotification(int MemberId, NotificationKind Kind, string Title, string Body, string? Link, string SourceKey);

/// <summary>
/// Writes notifications into the member's notification centre and, once committed, emails them and tells the
/// member's open pages. Callers add inside their own transaction, then call <see cref="DeliverAsync"/> after commit.
/// Callers write the title and body with <see cref="TextForAsync"/>, in the recipient's language; the email around them
/// is in the same language.
/// </summary>
public sealed class MemberNotifier(IDbContextFactory<LoyaltyDbContext> dbFactory, IEmailSender email, MemberEvents events,
    TimeProvider clock, IStringLocalizer<NotificationContentText> text, ProgrammeCalendar calendar, PublicLinks links,
    ILogger<MemberNotifier> logger)
{
    /// <summary>Texts in the member's own language, whoever caused the notification.</summary>
    public async Task<RecipientText> TextForAsync(LoyaltyDbContext db, int memberId, CancellationToken ct = default) =>
        TextIn(await RecipientText.LanguageOfAsync(db, memberId, ct));

    /// <summary>Texts in a language code ("en", "de"); an unknown or missing one reads as the programme's first language.</summary>
    public RecipientText TextIn(string? language) => new(text, calendar, PortalLanguages.CodeOf(language) ?? PortalLanguages.Codes[0]);

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
        Dictionary<int, Recipient> recipients;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await db.Members.AsNoTracking()
                .Where(m => memberIds.Contains(m.Id) && m.Email != null && m.AnonymisedAt == null)
                .Select(m => new { m.Id, m.Email, m.PreferredName, Account = db.Users.Where(u => u.Id == m.UserId).Select(u => u.Language).FirstOrDefault(), m.Language })
                .ToListAsync(ct);
            recipients = found.ToDictionary(m => m.Id, m => new Recipient(m.Email!, m.PreferredName, RecipientText.Choose(m.Account, m.Language)));
        }
        foreach (var notification in committed)
        {
            events.Raise(notification.MemberId, MemberChange.Notification);
            if (!recipients.TryGetValue(notification.MemberId, out var to)) continue;
            try
            {
                await email.SendAsync(new EmailMessage(to.Email, notification.Title, EmailBody(notification, to)), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not email notification {SourceKey} to member {MemberId}", notification.SourceKey, notification.MemberId);
            }
        }
    }

    /// <summary>The notification's own words, between a greeting and a link to it, in the recipient's language.</summary>
    private string EmailBody(NewNotification notification, Recipient to)
    {
        var words = TextIn(to.Language);
        var body = Paragraph(words["Hi {0},", to.Name]) + Paragraph(notification.Body);
        if (notification.Link is { } link)
        {
            body += $"<p><a href='{WebUtility.HtmlEncode(links.To(link))}'>{WebUtility.HtmlEncode(words["Open it in LoyaltyPortal"])}</a></p>";
        }
        return body;
    }

    private static string Paragraph(string words) => $"<p>{WebUtility.HtmlEncode(words)}</p>";

    private sealed record Recipient(string Email, string Name, string Language);
}
