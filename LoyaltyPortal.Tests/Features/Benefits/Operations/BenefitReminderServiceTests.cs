using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Operations;

/// <summary>Reminders go out once, at the right time, and are emailed.</summary>
public sealed class BenefitReminderServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Due_trials_and_tomorrows_event_and_session_are_reminded_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = await db.AddTrialAsync(trialDays: 10);
        var (_, trialBooking) = await db.BookAsync(trial.Id, "Trial Person");
        await db.Get<BenefitOperationsService>().HandOutAsync(await db.AddStaffAsync(), trialBooking, Ct);
        var soon = await db.AddEventAsync(startsIn: TimeSpan.FromDays(8));
        await db.BookAsync(soon.Id, "Event Person");
        var (guidance, slots) = await db.AddGuidanceAsync();
        await db.BookAsync(guidance.Id, "Session Person", new(SlotId: slots[0].Id));
        var reminders = db.Get<BenefitReminderService>();

        var now = await reminders.SendDueRemindersAsync(Ct);
        db.Clock.Advance(TimeSpan.FromDays(1.5)); // session (day 2, 17:00) is now within 24 hours
        var dayTwo = await reminders.SendDueRemindersAsync(Ct);
        db.Clock.Advance(TimeSpan.FromDays(6)); // trial due in 2.5 days; event in about 12 hours
        var dayEight = await reminders.SendDueRemindersAsync(Ct);
        var again = await reminders.SendDueRemindersAsync(Ct);

        Assert.Equal((0, 1, 2, 0), (now, dayTwo, dayEight, again));
        var kinds = await db.QueryAsync(c => c.Notifications.OrderBy(n => n.Kind).Select(n => n.Kind).ToListAsync(Ct));
        Assert.Equal([NotificationKind.TrialDueSoon, NotificationKind.EventTomorrow, NotificationKind.SessionTomorrow], kinds);
        Assert.Equal(3, db.Get<RecordingEmailSender>().Sent.Count);
    }
}
