using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>The recognition card: what it shows, the audit of who opened it, and the one-tap actions.</summary>
public sealed class RecognitionCardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, Caller Staff, Store Store)> SetUpAsync(DatabaseProvider provider)
    {
        var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync("Covent Garden");
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        return (db, staff, store);
    }

    private static async Task<int> AddInterestAsync(TestDb db, int memberId, string name)
    {
        await using var context = db.NewContext();
        var interest = await context.Interests.FirstOrDefaultAsync(i => i.Name == name, Ct) ?? context.Interests.Add(new Interest { Name = name }).Entity;
        await context.SaveChangesAsync(Ct);
        context.Set<MemberInterest>().Add(new MemberInterest { MemberId = memberId, InterestId = interest.Id });
        await context.SaveChangesAsync(Ct);
        return interest.Id;
    }

    [Theory, AllProviders]
    public async Task The_card_shows_what_matters_notes_newest_first_last_visit_and_cues(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync("Anna Müller");
        await AddInterestAsync(db, member.Id, "Running");
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        await using (var context = db.NewContext())
        {
            var stored = await context.Members.SingleAsync(m => m.Id == member.Id, Ct);
            stored.WhatMatters = "Getting back to trail running after a knee injury";
            stored.Birthday = new DateOnly(1990, today.Month, today.Day).AddDays(2);
            context.StaffNotes.Add(new StaffNote { MemberId = member.Id, AuthorUserId = staff.UserId, AuthorName = "Sam Okafor", StoreId = store.Id, Text = "Older", CreatedAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-3) });
            context.StaffNotes.Add(new StaffNote { MemberId = member.Id, AuthorUserId = staff.UserId, AuthorName = "Sam Okafor", StoreId = store.Id, Text = "Newer", CreatedAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-1) });
            await context.SaveChangesAsync(Ct);
        }
        await db.AddActivityAsync(member.Id, ActivityType.Visit, db.Clock.GetUtcNow().UtcDateTime.AddDays(-5), store.Id);

        var card = (await db.Get<RecognitionService>().GetCardAsync(staff, member.MemberCode, Ct))!;

        Assert.Equal("AM", card.Initials);
        Assert.Equal(["Running"], card.Interests);
        Assert.Equal("Getting back to trail running after a knee injury", card.WhatMatters);
        Assert.Equal(["Newer", "Older"], card.Notes.Select(n => n.Text));
        Assert.All(card.Notes, n => Assert.Equal(("Sam Okafor", "Covent Garden"), (n.AuthorName, n.StoreName)));
        Assert.Equal("Covent Garden", card.LastVisit!.StoreName);
        Assert.Contains(card.Cues, c => c.IsBirthday && c.Text.StartsWith("Birthday ", StringComparison.Ordinal));
    }

    [Theory, AllProviders]
    public async Task The_card_lists_todays_events_and_trials_waiting_or_out_with_due_dates(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var todayEvent = await db.AddEventAsync(startsIn: TimeSpan.FromHours(3), configure: b => b.Title = "Evening yoga");
        var laterEvent = await db.AddEventAsync(startsIn: TimeSpan.FromDays(3), configure: b => b.Title = "Trail day");
        var trial = await db.AddTrialAsync();
        var (memberCaller, eventBooking) = await db.BookAsync(todayEvent.Id, "Jo Mullins");
        var member = await db.NewContext().Members.SingleAsync(m => m.UserId == memberCaller.UserId, Ct);
        var bookings = db.Get<BookingService>();
        Assert.True((await bookings.BookAsync(memberCaller, laterEvent.Id, new(), Ct)).Succeeded);
        var trialBooking = (await bookings.BookAsync(memberCaller, trial.Id, new(), Ct)).BookingId!.Value;
        var service = db.Get<RecognitionService>();

        var card = (await service.GetCardAsync(staff, member.MemberCode, Ct))!;
        Assert.Equal([("Evening yoga", true)], card.TodaysBookings.Select(b => (b.Title, b.CanCheckIn)));
        Assert.Equal([(trialBooking, BookingStatus.Confirmed, (DateTime?)null)], card.ActiveTrials.Select(t => (t.BookingId, t.Status, t.DueAt)));
        Assert.Equal("Check Jo in to Evening yoga (13:00)", card.Gesture!.Text);

        var operations = db.Get<BenefitOperationsService>();
        Assert.True((await operations.HandOutAsync(staff, trialBooking, Ct)).Succeeded);
        db.Clock.Advance(TimeSpan.FromHours(3));
        Assert.True((await operations.CheckInAsync(staff, eventBooking, Ct)).Succeeded);

        card = (await service.GetCardAsync(staff, member.MemberCode, Ct))!;
        Assert.Equal([("Evening yoga", BookingStatus.Attended, false)], card.TodaysBookings.Select(b => (b.Title, b.Status, b.CanCheckIn)));
        var handedOut = Assert.Single(card.ActiveTrials);
        Assert.Equal((BookingStatus.HandedOut, db.Clock.GetUtcNow().UtcDateTime.AddHours(-3).AddDays(30), false), (handedOut.Status, handedOut.DueAt!.Value, handedOut.IsOverdue));

        db.Clock.Advance(TimeSpan.FromDays(31));
        card = (await service.GetCardAsync(staff, member.MemberCode, Ct))!;
        Assert.True(Assert.Single(card.ActiveTrials).IsOverdue);
        Assert.StartsWith("Trial was due back", card.Gesture!.Text);
    }

    [Theory, AllProviders]
    public async Task Handing_out_and_taking_back_a_trial_append_to_the_ledger_once_each(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;
        var trial = await db.AddTrialAsync();
        var (memberCaller, booking) = await db.BookAsync(trial.Id);
        var operations = db.Get<BenefitOperationsService>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => operations.HandOutAsync(staff, booking, Ct)));
        await operations.ReturnAsync(staff, booking, Ct);
        await operations.ReturnAsync(staff, booking, Ct);

        await using var context = db.NewContext();
        var rows = await context.Activities.Where(a => a.Type == ActivityType.TrialHandedOut || a.Type == ActivityType.TrialReturned)
            .OrderBy(a => a.Type).Select(a => new { a.Type, a.SourceKey, a.StoreId }).ToListAsync(Ct);
        Assert.Equal([(ActivityType.TrialHandedOut, $"trial-handed-out:{booking}"), (ActivityType.TrialReturned, $"trial-returned:{booking}")], rows.Select(r => (r.Type, r.SourceKey)));
        Assert.All(rows, r => Assert.Equal(store.Id, r.StoreId));
    }

    [Theory, AllProviders]
    public async Task The_gesture_invites_to_an_event_that_matches_an_interest_and_has_seats(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync("Anna Müller");
        var running = await AddInterestAsync(db, member.Id, "Running");
        await db.AddEventAsync(capacity: 10, startsIn: TimeSpan.FromDays(1), configure: b => { b.Title = "Pottery"; });
        var full = await db.AddEventAsync(capacity: 1, startsIn: TimeSpan.FromDays(1), configure: b => { b.Title = "Sold-out run"; b.Taken = 1; b.Interests = [new() { InterestId = running }]; });
        await db.AddEventAsync(capacity: 10, startsIn: TimeSpan.FromDays(30), configure: b => { b.Title = "Far-off run"; b.Interests = [new() { InterestId = running }]; });
        await db.AddEventAsync(capacity: 12, startsIn: TimeSpan.FromDays(8), configure: b => { b.Title = "Saturday run club"; b.Taken = 8; b.Interests = [new() { InterestId = running }]; });

        var card = (await db.Get<RecognitionService>().GetCardAsync(staff, member.MemberCode, Ct))!;

        Assert.Equal("Invite to Saturday run club (28 Nov 10:00): matches ‘running’, 4 seats left", card.Gesture!.Text);
        Assert.NotNull(full);
    }

    [Theory, AllProviders]
    public async Task Opening_a_card_is_audited_with_who_when_which_store_and_which_member_but_refreshing_is_not(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();

        await service.GetCardAsync(staff, member.MemberCode, Ct);
        await service.GetCardAsync(staff, member.MemberCode, Ct, isOpening: false);
        await service.GetCardAsync(staff, "NOBODY99", Ct);

        await using var context = db.NewContext();
        var view = Assert.Single(await context.CardViews.ToListAsync(Ct));
        Assert.Equal((member.Id, staff.UserId, "Sam Okafor", (int?)store.Id, db.Clock.GetUtcNow().UtcDateTime), (view.MemberId, view.StaffUserId, view.StaffName, view.StoreId, view.ViewedAt));
    }

    [Theory, AllProviders]
    public async Task Members_and_anonymous_callers_cannot_open_cards_or_act(DatabaseProvider provider)
    {
        var (db, _, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (victim, _) = await db.AddMemberAsync("Victim");
        var (_, snoop) = await db.AddMemberAsync("Snoop");
        var service = db.Get<RecognitionService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetCardAsync(snoop!, victim.MemberCode, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.RecordPurchaseAsync(snoop!, victim.Id, new(10, "GBP", Guid.NewGuid()), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.AddNoteAsync(snoop!, victim.Id, new("hi", Guid.NewGuid()), Ct));
        await using var context = db.NewContext();
        Assert.Empty(await context.CardViews.ToListAsync(Ct));
        Assert.Empty(await context.StaffNotes.ToListAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task A_purchase_records_amount_currency_and_points_once_per_form(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => service.RecordPurchaseAsync(staff, member.Id, new(24.99m, "gbp", key), Ct)));
        var again = await service.RecordPurchaseAsync(staff, member.Id, new(24.99m, "GBP", key), Ct);
        var euros = await service.RecordPurchaseAsync(staff, member.Id, new(10m, "EUR", Guid.NewGuid()), Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Contains(results, r => r.Message == "Purchase of £24.99 recorded for Alex Morgan.");
        Assert.Equal("That purchase is already recorded for Alex Morgan.", again.Message);
        Assert.Equal("Purchase of EUR 10.00 recorded for Alex Morgan.", euros.Message);
        await using var context = db.NewContext();
        var rows = await context.Activities.Where(a => a.Type == ActivityType.Purchase).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([(24.99m, "GBP", $"purchase:{member.Id}:{key:N}"), (10m, "EUR", rows[1].SourceKey)], rows.Select(r => (r.Amount!.Value, r.Currency!, r.SourceKey)));
        Assert.All(rows, r => Assert.Equal((store.Id, staff.UserId), (r.StoreId!.Value, r.StaffUserId!)));
        var rule = await context.EngagementRules.SingleAsync(r => r.Type == ActivityType.Purchase, Ct);
        Assert.Equal(24 * rule.Points, rows[0].Points);
    }

    public static TheoryData<DatabaseProvider, decimal?, string?, string> BadPurchases => new(TestDb.Providers.SelectMany(p => new (decimal?, string?, string)[]
    {
        (null, "GBP", "Enter the amount paid."),
        (0m, "GBP", "Enter an amount more than 0. Refunds are handled at the till, not here."),
        (-5m, "GBP", "Enter an amount more than 0. Refunds are handled at the till, not here."),
        (10_000.01m, "GBP", "£10,000.01 is more than £10,000.00; check the amount."),
        (79_228_162_514_264_337_593_543_950_335m, "GBP", "£79,228,162,514,264,337,593,543,950,335.00 is more than £10,000.00; check the amount."),
        (1.999m, "GBP", "GBP amounts have at most 2 decimal places; check the amount."),
        (12.345m, "GBP", "GBP amounts have at most 2 decimal places; check the amount."),
        (12.001m, "EUR", "EUR amounts have at most 2 decimal places; check the amount."),
        (10m, "XYZ", "Choose a currency: GBP, EUR."),
        (10m, null, "Choose a currency: GBP, EUR."),
        (10m, "' OR 1=1 --", "Choose a currency: GBP, EUR."),
    }.Select(x => (p, x.Item1, x.Item2, x.Item3))));

    [Theory, AllProviders]
    public async Task Purchase_in_a_currency_without_minor_units_refuses_decimals_and_takes_whole_amounts(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync();
        db.Get<Microsoft.Extensions.Options.IOptions<RecognitionOptions>>().Value.Currencies = ["GBP", "JPY"];
        var service = db.Get<RecognitionService>();

        var fractional = await service.RecordPurchaseAsync(staff, member.Id, new(1500.5m, "JPY", Guid.NewGuid()), Ct);
        var whole = await service.RecordPurchaseAsync(staff, member.Id, new(1500m, "JPY", Guid.NewGuid()), Ct);

        Assert.Equal((false, "JPY amounts are whole numbers; check the amount."), (fractional.Succeeded, fractional.Message));
        Assert.True(whole.Succeeded, whole.Message);
    }

    [Theory]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("XYZ", 2)]
    public void Currency_decimal_places_follow_the_currency(string currency, int places) =>
        Assert.Equal(places, CurrencyUnits.DecimalPlaces(currency));

    [Theory, MemberData(nameof(BadPurchases))]
    public async Task Negative_absurd_or_malformed_purchases_are_refused_with_a_clear_message(DatabaseProvider provider, decimal? amount, string? currency, string message)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync();

        var result = await db.Get<RecognitionService>().RecordPurchaseAsync(staff, member.Id, new(amount, currency, Guid.NewGuid()), Ct);

        Assert.Equal((false, message), (result.Succeeded, result.Message));
        await using var context = db.NewContext();
        Assert.False(await context.Activities.AnyAsync(a => a.Type == ActivityType.Purchase, Ct));
    }

    [Theory, AllProviders]
    public async Task A_note_is_saved_once_with_author_and_store_and_never_shows_on_the_members_timeline(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, memberCaller) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => service.AddNoteAsync(staff, member.Id, new("  Prefers the window fitting room\u0007\r\n\r\n\r\n\r\nAsk about the knee  ", key), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var card = (await service.GetCardAsync(staff, member.MemberCode, Ct))!;
        var note = Assert.Single(card.Notes);
        Assert.Equal(("Prefers the window fitting room\n\nAsk about the knee", "Sam Okafor", "Covent Garden"), (note.Text, note.AuthorName, note.StoreName));
        await using var context = db.NewContext();
        Assert.Equal($"note:{member.Id}:{key:N}", (await context.Activities.SingleAsync(a => a.Type == ActivityType.StaffNoteAdded, Ct)).SourceKey);
        var progress = (await db.Get<MyProgressService>().GetAsync(memberCaller!, Ct))!;
        Assert.DoesNotContain(progress.RecentActivity, a => a.Type == ActivityType.StaffNoteAdded);
        Assert.DoesNotContain(card.RecentActivity, a => a.Type == ActivityType.StaffNoteAdded);
    }

    [Theory, AllProviders]
    public async Task Empty_or_overlong_notes_are_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();

        Assert.Equal("Write the note first.", (await service.AddNoteAsync(staff, member.Id, new("   \u0000\u0001  ", Guid.NewGuid()), Ct)).Message);
        Assert.Equal("Write the note first.", (await service.AddNoteAsync(staff, member.Id, new(null, Guid.NewGuid()), Ct)).Message);
        Assert.Equal("Keep notes to 500 characters (10000 now).", (await service.AddNoteAsync(staff, member.Id, new(new string('x', 10_000), Guid.NewGuid()), Ct)).Message);
        Assert.Equal("We couldn't find that member.", (await service.AddNoteAsync(staff, 987_654, new("hello", Guid.NewGuid()), Ct)).Message);

        await using var context = db.NewContext();
        Assert.Empty(await context.StaffNotes.ToListAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Staff_notes_can_not_earn_points_or_found_an_achievement(DatabaseProvider provider)
    {
        var (db, _, _) = await SetUpAsync(provider);
        await using var _ = db;
        var manager = await db.AddUserAsync(Roles.Manager, "Mina Manager");
        var setup = db.Get<ProgrammeSetupService>();

        Assert.DoesNotContain(await setup.GetRulesAsync(manager, Ct), r => r.Type == ActivityType.StaffNoteAdded);
        var result = await setup.SaveRuleAsync(manager, new EngagementRuleEditor { Type = ActivityType.StaffNoteAdded, Points = 50 }, Ct);
        Assert.False(result.Succeeded);
    }
}
