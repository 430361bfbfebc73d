using Ical.Net;
using Ical.Net.CalendarComponents;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Manage;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>
/// A booking's .ics file, read back with Ical.Net as a calendar app would: one UID for the life of the booking, a SEQUENCE
/// that rises with each change, and a cancellation that removes the entry.
/// </summary>
public sealed class BookingCalendarTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Calendar Calendar, CalendarEvent Event)> ReadAsync(TestDb db, Caller caller, long bookingId)
    {
        var file = await db.Get<BookingService>().GetCalendarFileAsync(caller, bookingId, Ct);
        Assert.NotNull(file);
        var calendar = Calendar.Load(file.Content)!;
        return (calendar, Assert.Single(calendar.Events));
    }

    [Theory, AllProviders]
    public async Task Moving_a_session_keeps_the_uid_and_raises_the_sequence(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (benefit, slots) = await db.AddGuidanceAsync();
        var member = (await db.AddMemberAsync()).Caller!;
        var bookings = db.Get<BookingService>();
        var booked = await bookings.BookAsync(member, benefit.Id, new(SlotId: slots[0].Id), Ct);
        var (_, before) = await ReadAsync(db, member, booked.BookingId!.Value);

        Assert.True((await bookings.RescheduleAsync(member, booked.BookingId.Value, slots[2].Id, Ct)).Succeeded);
        var (calendar, after) = await ReadAsync(db, member, booked.BookingId.Value);

        Assert.Equal($"booking-{booked.BookingId}@portal.test", before.Uid);
        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence, $"SEQUENCE {before.Sequence} then {after.Sequence}");
        Assert.Equal(slots[2].StartsAt, after.DtStart!.AsUtc);
        Assert.Equal(slots[2].EndsAt, after.DtEnd!.AsUtc);
        Assert.Equal("PUBLISH", calendar.Method);
    }

    [Theory, AllProviders]
    public async Task Cancelling_gives_a_cancel_file_with_the_same_uid_and_a_higher_sequence(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var member = (await db.AddMemberAsync()).Caller!;
        var bookings = db.Get<BookingService>();
        var booked = await bookings.BookAsync(member, benefit.Id, new(), Ct);
        var (_, added) = await ReadAsync(db, member, booked.BookingId!.Value);

        Assert.True((await bookings.CancelAsync(member, booked.BookingId.Value, Ct)).Succeeded);
        var (calendar, cancelled) = await ReadAsync(db, member, booked.BookingId.Value);

        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.Equal(added.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > added.Sequence);
        Assert.Equal(benefit.StartsAt, cancelled.DtStart!.AsUtc);
    }

    [Theory, AllProviders]
    public async Task A_member_gets_no_calendar_file_for_another_members_booking_live_or_cancelled(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var other = await db.AddEventAsync();
        var a = (await db.AddMemberAsync("A")).Caller!;
        var b = (await db.AddMemberAsync("B")).Caller!;
        var bookings = db.Get<BookingService>();
        var live = await bookings.BookAsync(b, benefit.Id, new(), Ct);
        var cancelled = await bookings.BookAsync(b, other.Id, new(), Ct);
        await bookings.CancelAsync(b, cancelled.BookingId!.Value, Ct);

        Assert.Null(await bookings.GetCalendarFileAsync(a, live.BookingId!.Value, Ct));
        Assert.Null(await bookings.GetCalendarFileAsync(a, cancelled.BookingId.Value, Ct));
        Assert.NotNull(await bookings.GetCalendarFileAsync(b, live.BookingId.Value, Ct));
    }

    [Theory, AllProviders]
    public async Task Hostile_titles_and_places_round_trip_through_the_parser(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        const string title = "Run, eat; repeat\r\nEND:VEVENT\nBEGIN:VEVENT\\ — a long title with é and 🏃 to fold past seventy-five octets";
        const string place = "Pier 4; Riverside,\nUID:evil@attacker\r\nMETHOD:CANCEL";
        var benefit = await db.AddEventAsync(configure: b => { b.Title = title; b.LocationAddress = place; });
        var member = (await db.AddMemberAsync()).Caller!;
        var booked = await db.Get<BookingService>().BookAsync(member, benefit.Id, new(), Ct);

        var file = await db.Get<BookingService>().GetCalendarFileAsync(member, booked.BookingId!.Value, Ct);
        var (calendar, vevent) = await ReadAsync(db, member, booked.BookingId.Value);

        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal(title.Replace("\r\n", "\n", StringComparison.Ordinal), vevent.Summary!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(place.Replace("\r\n", "\n", StringComparison.Ordinal), vevent.Location!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal($"booking-{booked.BookingId}@portal.test", vevent.Uid);
        // Every line is CRLF-terminated and at most 75 octets; nothing the manager typed starts a line of its own.
        var lines = file!.Content.Split("\r\n");
        Assert.All(lines, line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain(lines, line => line.StartsWith("UID:evil", StringComparison.Ordinal));
        Assert.Single(lines, line => line == "BEGIN:VEVENT");
    }

    [Theory, AllProviders]
    public async Task Moving_the_event_raises_the_sequence_of_its_bookings(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var member = (await db.AddMemberAsync()).Caller!;
        var booked = await db.Get<BookingService>().BookAsync(member, benefit.Id, new(), Ct);
        var (_, before) = await ReadAsync(db, member, booked.BookingId!.Value);
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();
        var editor = (await admin.GetEditorAsync(manager, benefit.Id, Ct))!;
        editor.StartsAt = editor.StartsAt!.Value.AddHours(1);
        editor.EndsAt = editor.EndsAt!.Value.AddHours(1);

        Assert.True((await admin.SaveAsync(manager, editor, Ct)).Succeeded);
        var (_, after) = await ReadAsync(db, member, booked.BookingId.Value);

        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal(benefit.StartsAt!.Value.AddHours(1), after.DtStart!.AsUtc);
    }

    [Theory, AllProviders]
    public async Task Saving_the_event_unchanged_keeps_the_sequence(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var member = (await db.AddMemberAsync()).Caller!;
        var booked = await db.Get<BookingService>().BookAsync(member, benefit.Id, new(), Ct);
        var (_, before) = await ReadAsync(db, member, booked.BookingId!.Value);
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();

        Assert.True((await admin.SaveAsync(manager, (await admin.GetEditorAsync(manager, benefit.Id, Ct))!, Ct)).Succeeded);
        var (_, after) = await ReadAsync(db, member, booked.BookingId.Value);

        Assert.Equal(before.Sequence, after.Sequence);
    }

    [Theory, AllProviders]
    public async Task Promotion_from_the_waitlist_raises_the_sequence(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1);
        var first = (await db.AddMemberAsync("First")).Caller!;
        var second = (await db.AddMemberAsync("Second")).Caller!;
        var bookings = db.Get<BookingService>();
        var seated = await bookings.BookAsync(first, benefit.Id, new(), Ct);
        var waiting = await bookings.BookAsync(second, benefit.Id, new(), Ct);
        var (_, before) = await ReadAsync(db, second, waiting.BookingId!.Value);

        await bookings.CancelAsync(first, seated.BookingId!.Value, Ct);
        var (_, after) = await ReadAsync(db, second, waiting.BookingId.Value);

        Assert.EndsWith("(waitlist)", before.Summary);
        Assert.Equal(EventStatus.Tentative, before.Status);
        Assert.Equal((benefit.Title, EventStatus.Confirmed), (after.Summary, after.Status));
        Assert.True(after.Sequence > before.Sequence);
    }
}
