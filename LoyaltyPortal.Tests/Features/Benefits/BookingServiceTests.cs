using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>Booking rules: guests, cut-offs, eligibility, early access, promotion, and whose booking is whose.</summary>
public sealed class BookingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Cancelling_frees_the_seat_and_promotes_the_first_in_line_who_is_notified_and_emailed(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 2);
        var bookings = db.Get<BookingService>();
        var first = (await db.AddMemberAsync("First", email: "first@example.com")).Caller!;
        var second = (await db.AddMemberAsync("Second", email: "second@example.com")).Caller!;
        var third = (await db.AddMemberAsync("Third", email: "third@example.com")).Caller!;
        var fourth = (await db.AddMemberAsync("Fourth", email: "fourth@example.com")).Caller!;
        var firstBooking = await bookings.BookAsync(first, benefit.Id, new(), Ct);
        await bookings.BookAsync(second, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var thirdBooking = await bookings.BookAsync(third, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await bookings.BookAsync(fourth, benefit.Id, new(), Ct);
        Assert.Equal((BookingStatus.Waitlisted, 1), (thirdBooking.Status!.Value, thirdBooking.WaitlistPosition!.Value));

        var cancelled = await bookings.CancelAsync(first, firstBooking.BookingId!.Value, Ct);

        Assert.True(cancelled.Succeeded, cancelled.Message);
        var promoted = await db.QueryAsync(c => c.Bookings.SingleAsync(b => b.Id == thirdBooking.BookingId, Ct));
        Assert.Equal(BookingStatus.Confirmed, promoted.Status);
        Assert.NotNull(promoted.PromotedAt);
        Assert.Equal(2, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).Select(b => b.Taken).SingleAsync(Ct)));
        var notification = await db.QueryAsync(c => c.Notifications.SingleAsync(Ct));
        Assert.Equal((promoted.MemberId, NotificationKind.PromotedFromWaitlist), (notification.MemberId, notification.Kind));
        Assert.Equal("third@example.com", Assert.Single(db.Get<RecordingEmailSender>().Sent).To);
        var fourthMine = Assert.Single(await bookings.GetMyBookingsAsync(fourth, Ct));
        Assert.Equal(1, fourthMine.WaitlistPosition);
    }

    [Theory, AllProviders]
    public async Task A_guest_takes_a_second_seat_only_where_guests_are_allowed(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var withGuests = await db.AddEventAsync(capacity: 3, guests: true);
        var noGuests = await db.AddEventAsync(capacity: 3);
        var bookings = db.Get<BookingService>();
        var member = (await db.AddMemberAsync()).Caller!;
        var other = (await db.AddMemberAsync("Other")).Caller!;

        Assert.True((await bookings.BookAsync(member, withGuests.Id, new(WithGuest: true), Ct)).Succeeded);
        Assert.Equal(2, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == withGuests.Id).Select(b => b.Taken).SingleAsync(Ct)));
        var refused = await bookings.BookAsync(member, noGuests.Id, new(WithGuest: true), Ct);
        Assert.False(refused.Succeeded);
        Assert.Equal("This event doesn't take guests.", refused.Message);
        // One seat left: a member with a guest goes on the waitlist.
        Assert.Equal(BookingStatus.Waitlisted, (await bookings.BookAsync(other, withGuests.Id, new(WithGuest: true), Ct)).Status);
    }

    [Theory, AllProviders]
    public async Task Without_a_waitlist_a_full_event_refuses(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1, waitlist: false);
        var bookings = db.Get<BookingService>();
        await bookings.BookAsync((await db.AddMemberAsync("A")).Caller!, benefit.Id, new(), Ct);

        var result = await bookings.BookAsync((await db.AddMemberAsync("B")).Caller!, benefit.Id, new(), Ct);

        Assert.Equal((false, "This event is full."), (result.Succeeded, result.Message));
    }

    [Theory, AllProviders]
    public async Task Cancelling_after_the_cutoff_is_refused_with_a_message(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromHours(30), cutoffHours: 24);
        var bookings = db.Get<BookingService>();
        var member = (await db.AddMemberAsync()).Caller!;
        var booked = await bookings.BookAsync(member, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromHours(7));

        var result = await bookings.CancelAsync(member, booked.BookingId!.Value, Ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Cancelling closed 24 hours before the start", result.Message);
        Assert.Equal(BookingStatus.Confirmed, await db.QueryAsync(c => c.Bookings.Select(b => b.Status).SingleAsync(Ct)));
        Assert.False(Assert.Single(await bookings.GetMyBookingsAsync(member, Ct)).CanCancel);
    }

    [Theory, AllProviders]
    public async Task A_member_can_neither_see_nor_cancel_another_members_booking(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var bookings = db.Get<BookingService>();
        var owner = (await db.AddMemberAsync("Owner")).Caller!;
        var intruder = (await db.AddMemberAsync("Intruder")).Caller!;
        var booked = await bookings.BookAsync(owner, benefit.Id, new(), Ct);

        Assert.Empty(await bookings.GetMyBookingsAsync(intruder, Ct));
        Assert.Null(await bookings.GetCalendarFileAsync(intruder, booked.BookingId!.Value, Ct));
        var result = await bookings.CancelAsync(intruder, booked.BookingId!.Value, Ct);

        Assert.Equal((false, "We couldn't find that booking."), (result.Succeeded, result.Message));
        Assert.Equal(BookingStatus.Confirmed, await db.QueryAsync(c => c.Bookings.Select(b => b.Status).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Ineligible_members_cannot_book_by_calling_the_service(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var gold = await db.QueryAsync(c => c.Tiers.SingleAsync(t => t.Name == "Gold", Ct));
        var running = await db.QueryAsync(c => c.Interests.SingleAsync(i => i.Name == "Running", Ct));
        var goldOnly = await db.AddEventAsync(configure: b => b.MinimumTierId = gold.Id);
        var runnersOnly = await db.AddEventAsync(configure: b => b.EligibleInterests.Add(new BenefitEligibleInterest { InterestId = running.Id }));
        var draft = await db.AddEventAsync(configure: b => b.Status = BenefitStatus.Draft);
        var archived = await db.AddEventAsync(configure: b => b.Status = BenefitStatus.Archived);
        var member = (await db.AddMemberAsync()).Caller!;
        var bookings = db.Get<BookingService>();

        foreach (var benefit in new[] { goldOnly, runnersOnly, draft, archived })
        {
            var result = await bookings.BookAsync(member, benefit.Id, new(), Ct);
            Assert.Equal((false, "This benefit isn't open to you."), (result.Succeeded, result.Message));
            Assert.Null(await db.Get<ForYouService>().GetDetailAsync(member, benefit.Id, Ct));
        }
        Assert.Equal((false, "This benefit isn't open to you."), ((await bookings.BookAsync(member, 999_999, new(), Ct)) is var missing ? (missing.Succeeded, missing.Message) : default));
        Assert.Equal(0, await db.QueryAsync(c => c.Bookings.CountAsync(Ct)));
        Assert.Empty(await db.Get<ForYouService>().GetForYouAsync(member, Ct));
    }

    [Theory, AllProviders]
    public async Task Gold_members_book_in_the_early_window_while_others_see_when_it_opens(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var gold = await db.QueryAsync(c => c.Tiers.SingleAsync(t => t.Name == "Gold", Ct));
        var opens = db.Clock.GetUtcNow().UtcDateTime.AddHours(24);
        var benefit = await db.AddEventAsync(configure: b => { b.BookingOpensAt = opens; b.EarlyAccessTierId = gold.Id; b.EarlyAccessHours = 48; });
        var (goldMember, goldCaller) = await db.AddMemberAsync("Gold Member");
        await using (var context = db.NewContext())
        {
            context.MemberStandings.Add(new MemberStanding { MemberId = goldMember.Id, TierId = gold.Id, PointsInWindow = 1000, UpdatedAt = opens });
            await context.SaveChangesAsync(Ct);
        }
        var everyone = (await db.AddMemberAsync("Everyone")).Caller!;
        var bookings = db.Get<BookingService>();

        var card = Assert.Single(await db.Get<ForYouService>().GetForYouAsync(everyone, Ct));
        Assert.Equal((BenefitCardState.OpensLater, opens), (card.State, card.OpensAt!.Value));
        Assert.False((await bookings.BookAsync(everyone, benefit.Id, new(), Ct)).Succeeded);
        Assert.Equal(BenefitCardState.Book, Assert.Single(await db.Get<ForYouService>().GetForYouAsync(goldCaller!, Ct)).State);
        Assert.True((await bookings.BookAsync(goldCaller!, benefit.Id, new(), Ct)).Succeeded);
    }

    [Theory, AllProviders]
    public async Task A_guidance_session_can_be_moved_to_a_free_slot_but_not_a_taken_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (benefit, slots) = await db.AddGuidanceAsync(slots: 3);
        var bookings = db.Get<BookingService>();
        var member = (await db.AddMemberAsync("Mover")).Caller!;
        var other = (await db.AddMemberAsync("Other")).Caller!;
        var booked = await bookings.BookAsync(member, benefit.Id, new(SlotId: slots[0].Id), Ct);
        await bookings.BookAsync(other, benefit.Id, new(SlotId: slots[2].Id), Ct);

        Assert.True((await bookings.RescheduleAsync(member, booked.BookingId!.Value, slots[1].Id, Ct)).Succeeded);
        var taken = await bookings.RescheduleAsync(member, booked.BookingId!.Value, slots[2].Id, Ct);

        Assert.Equal((false, "That time was just taken; pick another."), (taken.Succeeded, taken.Message));
        Assert.Equal(slots[1].Id, await db.QueryAsync(c => c.Bookings.Where(b => b.Id == booked.BookingId).Select(b => b.SlotId).SingleAsync(Ct)));
        var detail = await db.Get<ForYouService>().GetDetailAsync(member, benefit.Id, Ct);
        Assert.Equal(slots[1].Id, detail!.MySlotId);
        Assert.Equal([slots[0].Id], detail.FreeSlots.Select(s => s.Id));
    }

    [Theory, AllProviders]
    public async Task The_calendar_file_is_valid_icalendar_for_the_members_own_event(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(configure: b => { b.Title = "Run, eat; repeat"; b.LocationAddress = "Pier 4, Riverside"; });
        var member = (await db.AddMemberAsync()).Caller!;
        var bookings = db.Get<BookingService>();
        var booked = await bookings.BookAsync(member, benefit.Id, new(), Ct);

        var file = await bookings.GetCalendarFileAsync(member, booked.BookingId!.Value, Ct);

        Assert.NotNull(file);
        Assert.Equal("run-eat-repeat.ics", file.FileName);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", file.Content);
        Assert.EndsWith("END:VCALENDAR\r\n", file.Content);
        Assert.Contains("SUMMARY:Run\\, eat\\; repeat\r\n", file.Content);
        Assert.Contains("LOCATION:Pier 4\\, Riverside\r\n", file.Content);
        Assert.Contains($"DTSTART:{benefit.StartsAt:yyyyMMdd'T'HHmmss'Z'}\r\n", file.Content);
        Assert.DoesNotContain("\n", file.Content.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Theory, AllProviders]
    public async Task Staff_and_managers_cannot_book_as_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var staff = await db.AddUserAsync(Roles.Staff);
        var manager = await db.AddUserAsync(Roles.Manager);

        foreach (var caller in new[] { staff, manager })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<BookingService>().BookAsync(caller, benefit.Id, new(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<ForYouService>().GetForYouAsync(caller, Ct));
        }
    }

    [Theory, AllProviders]
    public async Task For_you_orders_by_matching_interests_and_shows_social_proof_and_state(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var interests = await db.QueryAsync(c => c.Interests.ToDictionaryAsync(i => i.Name, i => i.Id, Ct));
        var (member, caller) = await db.AddMemberAsync("Runner");
        await using (var context = db.NewContext())
        {
            context.MemberInterests.AddRange(new() { MemberId = member.Id, InterestId = interests["Running"] }, new() { MemberId = member.Id, InterestId = interests["Yoga"] });
            await context.SaveChangesAsync(Ct);
        }
        var none = await db.AddEventAsync(capacity: 10, configure: b => b.Title = "Cheese night");
        var one = await db.AddEventAsync(capacity: 1, configure: b => { b.Title = "Yoga"; b.Interests.Add(new BenefitInterest { InterestId = interests["Yoga"] }); });
        var two = await db.AddEventAsync(capacity: 5, configure: b =>
        {
            b.Title = "Run and stretch";
            b.Interests.AddRange([new BenefitInterest { InterestId = interests["Running"] }, new BenefitInterest { InterestId = interests["Yoga"] }]);
        });
        var bookings = db.Get<BookingService>();
        await bookings.BookAsync((await db.AddMemberAsync("Taker")).Caller!, one.Id, new(), Ct);
        await bookings.BookAsync((await db.AddMemberAsync("Waiter")).Caller!, one.Id, new(), Ct);
        await bookings.BookAsync(caller!, two.Id, new(), Ct);

        var cards = await db.Get<ForYouService>().GetForYouAsync(caller!, Ct);

        Assert.Equal([two.Id, one.Id, none.Id], cards.Select(c => c.Id));
        Assert.Equal(["Running", "Yoga"], cards[0].MatchingInterests);
        Assert.Equal((BenefitCardState.Booked, 1, 4), (cards[0].State, cards[0].Going, cards[0].SeatsLeft!.Value));
        Assert.Equal((BenefitCardState.JoinWaitlist, 0, 1), (cards[1].State, cards[1].SeatsLeft!.Value, cards[1].WaitlistLength));
        Assert.Equal(BenefitCardState.Book, cards[2].State);
        Assert.Equal("An easy 5 km loop.", cards[2].Summary);
    }
}
