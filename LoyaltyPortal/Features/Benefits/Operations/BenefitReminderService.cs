using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Reminders in the bell (and by email): a trial due back within 3 days, an event or a session within 24 hours.
/// Each reminder has a source key per booking, so running this again sends nothing twice. Webhook receivers hear of a
/// trial due (with its reminder) and of a trial overdue (once per endpoint, for trials that went overdue in the last 2 days).
/// </summary>
public sealed class BenefitReminderService(IDbContextFactory<LoyaltyDbContext> dbFactory, MemberNotifier notifier, ProgrammeCalendar calendar,
    WebhookPublisher webhooks)
{
    public static readonly TimeSpan TrialDueWithin = TimeSpan.FromDays(3);
    public static readonly TimeSpan OverdueLookBack = TimeSpan.FromDays(2);
    public static readonly TimeSpan StartsWithin = TimeSpan.FromHours(24);

    public async Task<int> SendDueRemindersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var trialHorizon = now + TrialDueWithin;
        var startHorizon = now + StartsWithin;

        var trials = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.HandedOut && b.DueAt > now && b.DueAt <= trialHorizon
                && !db.Notifications.Any(n => n.SourceKey == "trial-due:" + b.Id))
            .Select(b => new { b.Id, b.MemberId, b.Benefit!.Title, b.Benefit.ProductName, DueAt = b.DueAt!.Value })
            .ToListAsync(ct);
        var eventBookings = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.Benefit!.Kind == BenefitKind.Event && b.Benefit.StartsAt > now && b.Benefit.StartsAt <= startHorizon
                && !db.Notifications.Any(n => n.SourceKey == "event-tomorrow:" + b.Id))
            .Select(b => new { b.Id, b.MemberId, b.Benefit!.Title, StartsAt = b.Benefit.StartsAt!.Value })
            .ToListAsync(ct);
        var sessions = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.SlotId != null)
            .Join(db.GuidanceSlots, b => b.SlotId, s => s.Id, (b, s) => new { b, s })
            .Where(x => x.s.StartsAt > now && x.s.StartsAt <= startHorizon && !db.Notifications.Any(n => n.SourceKey == "session-tomorrow:" + x.b.Id))
            .Select(x => new { x.b.Id, x.b.MemberId, x.b.Benefit!.Title, x.s.StartsAt })
            .ToListAsync(ct);

        var overdueSince = now - OverdueLookBack;
        var overdue = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.HandedOut && b.DueAt <= now && b.DueAt > overdueSince
                && !db.OutboxMessages.Any(m => m.SourceKey == "trial-overdue:" + b.Id))
            .Select(b => b.Id).ToListAsync(ct);

        var added = new List<NewNotification>();
        async Task<bool> AddAsync(NewNotification notification)
        {
            if (!await notifier.AddAsync(db, notification, ct)) return false;
            added.Add(notification);
            return true;
        }
        foreach (var t in trials)
        {
            var days = Math.Max(1, (int)Math.Ceiling((t.DueAt - now).TotalDays));
            var words = await notifier.TextForAsync(db, t.MemberId, ct);
            if (await AddAsync(new(t.MemberId, NotificationKind.TrialDueSoon,
                days == 1 ? words["Your trial is due back in 1 day"] : words["Your trial is due back in {0} days", days],
                words["Bring the {0} back by {1}, or keep it and we'll record the purchase.", t.ProductName ?? t.Title, words.Date(t.DueAt)],
                "/me/bookings", $"trial-due:{t.Id}")))
            {
                await webhooks.StageBookingAsync(db, WebhookEvents.TrialDue, t.Id, ct);
            }
        }
        foreach (var id in overdue) await webhooks.StageBookingAsync(db, WebhookEvents.TrialOverdue, id, ct, sourceKey: $"trial-overdue:{id}");
        foreach (var e in eventBookings)
        {
            var words = await notifier.TextForAsync(db, e.MemberId, ct);
            await AddAsync(new(e.MemberId, NotificationKind.EventTomorrow, words["See you soon: {0}", e.Title],
                words["{0} starts {1}. Can't make it? Cancel so someone on the waitlist can go.", e.Title, words.DateTime(e.StartsAt)],
                "/me/bookings", $"event-tomorrow:{e.Id}"));
        }
        foreach (var s in sessions)
        {
            var words = await notifier.TextForAsync(db, s.MemberId, ct);
            await AddAsync(new(s.MemberId, NotificationKind.SessionTomorrow, words["Your session is coming up: {0}", s.Title],
                words["{0} is at {1}.", s.Title, words.DateTime(s.StartsAt)], "/me/bookings", $"session-tomorrow:{s.Id}"));
        }
        if (!db.ChangeTracker.HasChanges()) return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance sent the same reminders meanwhile (unique source key): they are out, which is all that matters.
            return 0;
        }
        await notifier.DeliverAsync(added, ct);
        return added.Count;
    }
}

/// <summary>Sends due reminders every 15 minutes, and once at start-up.</summary>
public sealed class BenefitReminderWorker(BenefitReminderService reminders, ScheduledJobs jobs, TimeProvider clock, ILogger<BenefitReminderWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            await jobs.RunAsync(ScheduledJobs.BookingReminders, jobs.SlotOf(Interval), async ct =>
            {
                var sent = await reminders.SendDueRemindersAsync(ct);
                if (sent > 0) logger.LogInformation("Sent {Count} booking reminders", sent);
            }, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
