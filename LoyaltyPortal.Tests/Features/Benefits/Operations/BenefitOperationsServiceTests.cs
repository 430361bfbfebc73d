using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Operations;

/// <summary>Staff outcomes: check-in, no-shows, trials and sessions move the booking once and append to the ledger once.</summary>
public sealed class BenefitOperationsServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Checking_in_twice_counts_once_and_asks_for_feedback(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id);
        var staff = await db.AddStaffAsync(store.Id);
        var operations = db.Get<BenefitOperationsService>();

        var first = await operations.CheckInAsync(staff, bookingId, Ct);
        var second = await operations.CheckInAsync(staff, bookingId, Ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Contains("already checked in", second.Message, StringComparison.Ordinal);
        var booking = await db.QueryAsync(c => c.Bookings.SingleAsync(b => b.Id == bookingId, Ct));
        Assert.Equal((BookingStatus.Attended, staff.UserId), (booking.Status, booking.CheckedInByUserId));
        var activities = await db.QueryAsync(c => c.Activities.Where(a => a.MemberId == booking.MemberId).ToListAsync(Ct));
        var attended = Assert.Single(activities);
        Assert.Equal((ActivityType.EventAttended, $"event-attended:{bookingId}", store.Id), (attended.Type, attended.SourceKey, attended.StoreId));
        var notification = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == booking.MemberId, Ct));
        Assert.Equal((NotificationKind.FeedbackRequested, $"/me/feedback/{bookingId}"), (notification.Kind, notification.Link));
    }

    [Theory, AllProviders]
    public async Task Two_tablets_checking_in_at_once_record_one_attendance(DatabaseProvider provider)
    {
        // Concurrent writers need their own connections: a file database on SQLite.
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id);
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => operations.CheckInAsync(staff, bookingId, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.SourceKey == $"event-attended:{bookingId}", Ct)));
    }

    [Theory, AllProviders]
    public async Task A_member_who_brought_a_guest_also_earns_guest_brought(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(guests: true, startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id, request: new(WithGuest: true));

        var result = await db.Get<BenefitOperationsService>().CheckInAsync(await db.AddStaffAsync(), bookingId, Ct);

        Assert.Contains("and guest", result.Message, StringComparison.Ordinal);
        var types = await db.QueryAsync(c => c.Activities.OrderBy(a => a.Type).Select(a => a.Type).ToListAsync(Ct));
        Assert.Equal([ActivityType.EventAttended, ActivityType.GuestBrought], types);
    }

    [Theory, AllProviders]
    public async Task A_guest_counts_toward_advocacy_once_however_often_the_member_is_checked_in(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(guests: true, startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id, request: new(WithGuest: true));
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        await operations.CheckInAsync(staff, bookingId, Ct);
        await operations.CheckInAsync(staff, bookingId, Ct);

        var guest = await db.QueryAsync(c => c.Activities.SingleAsync(a => a.Type == ActivityType.GuestBrought, Ct));
        Assert.Equal($"guest-brought:{bookingId}", guest.SourceKey);
        Assert.True(guest.Points > 0);
    }

    [Theory, AllProviders]
    public async Task Check_in_opens_two_hours_before_the_start_as_the_buttons_say(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var run = await db.AddEventAsync(startsIn: TimeSpan.FromHours(6));
        var (_, booking) = await db.BookAsync(run.Id);
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        db.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        var justBefore = await operations.CheckInAsync(staff, booking, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var atOpening = await operations.CheckInAsync(staff, booking, Ct);

        Assert.Equal(run.StartsAt!.Value.AddHours(-2), BenefitOperationsService.CheckInOpensAt(run.StartsAt.Value));
        Assert.Equal((false, "Check-in opens at 20 Nov 2026, 14:00."), (justBefore.Succeeded, justBefore.Message));
        Assert.True(atOpening.Succeeded, atOpening.Message);
    }

    [Theory, AllProviders]
    public async Task Waitlisted_members_and_next_weeks_events_cannot_be_checked_in(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var full = await db.AddEventAsync(capacity: 1, startsIn: TimeSpan.FromMinutes(30));
        await db.BookAsync(full.Id, "First");
        var (_, waitlisted) = await db.BookAsync(full.Id, "Second");
        var later = await db.AddEventAsync(startsIn: TimeSpan.FromDays(7));
        var (_, early) = await db.BookAsync(later.Id, "Third");
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        var onWaitlist = await operations.CheckInAsync(staff, waitlisted, Ct);
        var tooEarly = await operations.CheckInAsync(staff, early, Ct);

        Assert.False(onWaitlist.Succeeded);
        Assert.Contains("waitlist", onWaitlist.Message, StringComparison.Ordinal);
        Assert.False(tooEarly.Succeeded);
        Assert.Contains("Check-in opens", tooEarly.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.QueryAsync(c => c.Activities.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task No_show_is_only_after_the_start_and_a_late_arrival_can_still_check_in(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id);
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        var beforeStart = await operations.MarkNoShowAsync(staff, bookingId, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(45));
        var afterStart = await operations.MarkNoShowAsync(staff, bookingId, Ct);
        var late = await operations.CheckInAsync(staff, bookingId, Ct);

        Assert.False(beforeStart.Succeeded);
        Assert.True(afterStart.Succeeded, afterStart.Message);
        Assert.True(late.Succeeded, late.Message);
        Assert.Equal(BookingStatus.Attended, await db.QueryAsync(c => c.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Members_cannot_run_staff_operations(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (member, bookingId) = await db.BookAsync(benefit.Id);
        var operations = db.Get<BenefitOperationsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => operations.CheckInAsync(member, bookingId, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => operations.GetRosterAsync(member, benefit.Id, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => operations.HandOutAsync(member, bookingId, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => operations.CompleteSessionAsync(member, bookingId, null, Ct));
        Assert.Equal(BookingStatus.Confirmed, await db.QueryAsync(c => c.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Todays_events_and_roster_show_who_is_booked_and_who_is_waiting(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var today = await db.AddEventAsync(capacity: 1, startsIn: TimeSpan.FromHours(1));
        await db.AddEventAsync(startsIn: TimeSpan.FromDays(3), configure: b => b.Title = "Later");
        await db.BookAsync(today.Id, "Booked Person");
        await db.BookAsync(today.Id, "Waiting Person");
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();

        var events = await operations.GetTodaysEventsAsync(staff, Ct);
        var roster = await operations.GetRosterAsync(staff, today.Id, Ct);

        var only = Assert.Single(events);
        Assert.Equal((today.Id, 1, 1, 0), (only.BenefitId, only.Booked, only.Waitlisted, only.CheckedIn));
        Assert.Equal(["Booked Person"], roster!.Attendees.Select(a => a.MemberName));
        Assert.Equal(["Waiting Person"], roster.Waitlist.Select(a => a.MemberName));
    }

    [Theory, AllProviders]
    public async Task Handing_out_a_trial_sets_the_due_date_and_overdue_trials_are_flagged(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = await db.AddTrialAsync(trialDays: 30);
        var (_, bookingId) = await db.BookAsync(trial.Id);
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;

        var handedOut = await operations.HandOutAsync(staff, bookingId, Ct);
        var again = await operations.HandOutAsync(staff, bookingId, Ct);
        db.Clock.Advance(TimeSpan.FromDays(31));
        var desk = await operations.GetTrialsAsync(staff, Ct);

        Assert.True(handedOut.Succeeded, handedOut.Message);
        Assert.Contains("Already handed out", again.Message, StringComparison.Ordinal);
        var entry = Assert.Single(desk);
        Assert.Equal((BookingStatus.HandedOut, now.AddDays(30), true), (entry.Status, entry.DueAt!.Value, entry.IsOverdue));
    }

    [Theory, AllProviders]
    public async Task Returning_a_trial_frees_the_unit_and_promotes_the_waitlist(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = await db.AddTrialAsync(units: 1);
        var (_, first) = await db.BookAsync(trial.Id, "First");
        var (_, second) = await db.BookAsync(trial.Id, "Second");
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();
        await operations.HandOutAsync(staff, first, Ct);

        var returned = await operations.ReturnAsync(staff, first, Ct);
        var twice = await operations.ReturnAsync(staff, first, Ct);

        Assert.True(returned.Succeeded, returned.Message);
        Assert.True(twice.Succeeded, twice.Message);
        var statuses = await db.QueryAsync(c => c.Bookings.OrderBy(b => b.Id).Select(b => b.Status).ToListAsync(Ct));
        Assert.Equal([BookingStatus.Returned, BookingStatus.Confirmed], statuses);
        Assert.Equal(1, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == trial.Id).Select(b => b.Taken).SingleAsync(Ct)));
        // Handing out and taking back are on the ledger; nothing that earns "completed" until the member gives feedback.
        Assert.Equal([ActivityType.TrialHandedOut, ActivityType.TrialReturned], await db.QueryAsync(c => c.Activities.OrderBy(a => a.Type).Select(a => a.Type).ToListAsync(Ct)));
        Assert.Equal(second, (await db.QueryAsync(c => c.Bookings.SingleAsync(b => b.Status == BookingStatus.Confirmed, Ct))).Id);
    }

    [Theory, AllProviders]
    public async Task Keeping_a_trial_records_a_purchase_and_refuses_silly_amounts(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = await db.AddTrialAsync();
        var (_, bookingId) = await db.BookAsync(trial.Id);
        var operations = db.Get<BenefitOperationsService>();
        var staff = await db.AddStaffAsync();
        await operations.HandOutAsync(staff, bookingId, Ct);

        var zero = await operations.MarkKeptAsync(staff, bookingId, 0m, Ct);
        var negative = await operations.MarkKeptAsync(staff, bookingId, -5m, Ct);
        var absurd = await operations.MarkKeptAsync(staff, bookingId, 1_000_000m, Ct);
        var kept = await operations.MarkKeptAsync(staff, bookingId, 119.99m, Ct);
        var twice = await operations.MarkKeptAsync(staff, bookingId, 119.99m, Ct);

        Assert.All([zero, negative, absurd], r => Assert.False(r.Succeeded));
        Assert.True(kept.Succeeded, kept.Message);
        Assert.True(twice.Succeeded, twice.Message);
        var purchase = await db.QueryAsync(c => c.Activities.SingleAsync(a => a.Type == ActivityType.Purchase, Ct));
        Assert.Equal((ActivityType.Purchase, 119.99m, $"trial-kept:{bookingId}"), (purchase.Type, purchase.Amount, purchase.SourceKey));
    }

    [Theory, AllProviders]
    public async Task Completing_a_session_keeps_private_notes_and_counts_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddStaffAsync();
        var (benefit, slots) = await db.AddGuidanceAsync(expertUserId: expert.UserId);
        var (_, bookingId) = await db.BookAsync(benefit.Id, request: new(SlotId: slots[0].Id));
        var operations = db.Get<BenefitOperationsService>();

        var tooEarly = await operations.CompleteSessionAsync(expert, bookingId, "Overpronates", Ct);
        db.Clock.Advance(slots[0].StartsAt - db.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(30));
        var tooLong = await operations.CompleteSessionAsync(expert, bookingId, new string('x', 2001), Ct);
        var sessions = await operations.GetSessionsAsync(expert, Ct);
        var done = await operations.CompleteSessionAsync(expert, bookingId, "  Overpronates; try a stability shoe.  ", Ct);
        var twice = await operations.CompleteSessionAsync(expert, bookingId, null, Ct);

        Assert.False(tooEarly.Succeeded);
        Assert.False(tooLong.Succeeded);
        Assert.True(Assert.Single(sessions).IsMine);
        Assert.True(done.Succeeded, done.Message);
        Assert.True(twice.Succeeded, twice.Message);
        var booking = await db.QueryAsync(c => c.Bookings.SingleAsync(b => b.Id == bookingId, Ct));
        Assert.Equal((BookingStatus.Attended, "Overpronates; try a stability shoe."), (booking.Status, booking.StaffNotes));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.Type == ActivityType.GuidanceSession, Ct)));
    }

    [Theory, AllProviders]
    public async Task The_member_never_sees_the_experts_private_notes(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddStaffAsync();
        var (benefit, slots) = await db.AddGuidanceAsync(expertUserId: expert.UserId);
        var (member, bookingId) = await db.BookAsync(benefit.Id, request: new(SlotId: slots[0].Id));
        db.Clock.Advance(slots[0].StartsAt - db.Clock.GetUtcNow().UtcDateTime);
        await db.Get<BenefitOperationsService>().CompleteSessionAsync(expert, bookingId, "Secret note", Ct);

        var mine = await db.Get<BookingService>().GetMyBookingsAsync(member, Ct);
        var detail = await db.Get<ForYouService>().GetDetailAsync(member, benefit.Id, Ct);

        Assert.DoesNotContain("Secret note", System.Text.Json.JsonSerializer.Serialize(mine), StringComparison.Ordinal);
        Assert.DoesNotContain("Secret note", System.Text.Json.JsonSerializer.Serialize(detail), StringComparison.Ordinal);
    }
}
