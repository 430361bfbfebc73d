using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Saving benefits: each rule answers beside its field, and capacity never drops below the seats taken.</summary>
public sealed class BenefitAdminServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task An_event_ending_before_it_starts_is_refused_on_the_end_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var editor = db.NewEvent();
        editor.EndsAt = editor.StartsAt!.Value.AddMinutes(-30);

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Ends must be after starts.", result.FieldErrors[nameof(BenefitEditor.EndsAt)]);
        Assert.Equal(0, await db.QueryAsync(c => c.Benefits.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_capacity_of_zero_or_less_is_refused_on_the_capacity_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        foreach (var capacity in new[] { 0, -1 })
        {
            var result = await db.Get<BenefitAdminService>().SaveAsync(manager, db.NewEvent(capacity), Ct);

            Assert.Equal("Capacity must be at least 1.", result.FieldErrors[nameof(BenefitEditor.Capacity)]);
        }
    }

    [Theory, AllProviders]
    public async Task A_new_event_starting_in_the_past_is_refused_on_the_start_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var editor = db.NewEvent();
        editor.StartsAt = editor.StartsAt!.Value.AddDays(-8);
        editor.EndsAt = editor.StartsAt.Value.AddHours(2);

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.Equal("Starts must be in the future.", result.FieldErrors[nameof(BenefitEditor.StartsAt)]);
    }

    [Theory, AllProviders]
    public async Task A_trial_of_zero_days_is_refused_on_the_length_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = ManageTestData.NewTrial(days: 0);
        trial.PickupStoreId = (await db.AddStoreAsync()).Id;

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), trial, Ct);

        Assert.Equal("A trial lasts 1 to 365 days.", result.FieldErrors[nameof(BenefitEditor.TrialDays)]);
    }

    [Theory, AllProviders]
    public async Task Availability_ending_before_it_starts_is_refused_on_the_availability_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddUserAsync(Roles.Staff, "Priya Shah");
        var editor = ManageTestData.NewGuidance(expert.UserId, new DateTime(2026, 11, 23), new DateTime(2026, 12, 20), 30,
            ManageTestData.Window(DayOfWeek.Tuesday, 19, 17));

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.Contains("end must be after the start", result.FieldErrors[nameof(BenefitEditor.Availability)]);
    }

    /// <summary>Tuesday evening sessions at the Riverside studio.</summary>
    private static BenefitEditor GaitAnalysis(string expertUserId) =>
        ManageTestData.NewGuidance(expertUserId, new DateTime(2026, 11, 23), new DateTime(2026, 12, 20), 30,
            ManageTestData.Window(DayOfWeek.Tuesday, 17, 19));

    [Theory, AllProviders]
    public async Task Guidance_without_a_store_or_an_address_is_refused_on_the_store_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddUserAsync(Roles.Staff, "Ade Bello");
        var editor = GaitAnalysis(expert.UserId);
        editor.LocationAddress = "   ";

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Choose a store or enter an address.", result.FieldErrors[nameof(BenefitEditor.LocationStoreId)]);
        Assert.False(await db.QueryAsync(c => c.Benefits.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Guidance_at_an_address_keeps_the_address_members_see(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var expert = await db.AddUserAsync(Roles.Staff, "Ade Bello");
        var service = db.Get<BenefitAdminService>();

        var saved = await service.SaveAsync(manager, GaitAnalysis(expert.UserId), Ct);
        var reopened = await service.GetEditorAsync(manager, saved.BenefitId!.Value, Ct);

        Assert.Equal("Riverside studio", reopened!.LocationAddress);
    }

    [Theory, AllProviders]
    public async Task Guidance_saved_before_locations_were_required_is_not_published_without_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var expert = await db.AddUserAsync(Roles.Staff, "Ade Bello");
        var service = db.Get<BenefitAdminService>();
        var saved = await service.SaveAsync(manager, GaitAnalysis(expert.UserId), Ct);
        var id = saved.BenefitId!.Value;
        await db.QueryAsync(c => c.Benefits.Where(b => b.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LocationAddress, (string?)null)
                .SetProperty(b => b.LocationStoreId, (int?)null), Ct));

        var published = await service.PublishAsync(manager, id, Ct);

        Assert.Equal((false, "Add a store or an address first, so members know where to go."), (published.Succeeded, published.Message));
    }

    [Theory, AllProviders]
    public async Task A_weekly_time_too_short_for_one_session_is_refused_on_the_availability_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddUserAsync(Roles.Staff, "Priya Shah");
        var editor = ManageTestData.NewGuidance(expert.UserId, new DateTime(2026, 11, 23), new DateTime(2026, 12, 20), 90,
            ManageTestData.Window(DayOfWeek.Thursday, 17, 18));

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("shorter than one session", result.FieldErrors[nameof(BenefitEditor.Availability)]);
    }

    [Theory, AllProviders]
    public async Task A_valid_event_is_saved_as_a_draft_with_its_local_times_stored_in_utc(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var store = await db.AddStoreAsync();
        var editor = db.NewEvent();
        editor.StoreIds = [store.Id];
        var service = db.Get<BenefitAdminService>();

        var result = await service.SaveAsync(manager, editor, Ct);

        Assert.True(result.Succeeded, result.Message);
        var saved = await db.QueryAsync(c => c.Benefits.Include(b => b.Stores).SingleAsync(Ct));
        Assert.Equal(BenefitStatus.Draft, saved.Status);
        // 27 Nov 2026 is GMT, so local 18:00 is 18:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 27, 18, 0, 0, DateTimeKind.Utc), saved.StartsAt);
        Assert.Equal(store.Id, Assert.Single(saved.Stores).StoreId);
        var reloaded = await service.GetEditorAsync(manager, saved.Id, Ct);
        Assert.Equal(editor.StartsAt, reloaded!.StartsAt);
    }

    [Theory, AllProviders]
    public async Task Lowering_capacity_below_the_seats_taken_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 5);
        var bookings = db.Get<BookingService>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            await bookings.BookAsync((await db.AddMemberAsync(name)).Caller!, benefit.Id, new(), Ct);
        }
        var manager = await db.AddManagerAsync();
        var service = db.Get<BenefitAdminService>();
        var editor = (await service.GetEditorAsync(manager, benefit.Id, Ct))!;
        editor.Capacity = 2;
        editor.Title = "Renamed";

        var result = await service.SaveAsync(manager, editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("3 seats are booked; capacity can't go below 3.", result.FieldErrors[nameof(BenefitEditor.Capacity)]);
        var stored = await db.QueryAsync(c => c.Benefits.SingleAsync(b => b.Id == benefit.Id, Ct));
        Assert.Equal((5, 3, "Saturday run club"), (stored.Capacity, stored.Taken, stored.Title));
    }

    [Theory, AllProviders]
    public async Task Raising_capacity_promotes_the_waitlist_first_in_first_out(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1);
        var bookings = db.Get<BookingService>();
        await bookings.BookAsync((await db.AddMemberAsync("Seated")).Caller!, benefit.Id, new(), Ct);
        var first = await bookings.BookAsync((await db.AddMemberAsync("First")).Caller!, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await bookings.BookAsync((await db.AddMemberAsync("Second")).Caller!, benefit.Id, new(), Ct);
        var manager = await db.AddManagerAsync();
        var service = db.Get<BenefitAdminService>();
        var editor = (await service.GetEditorAsync(manager, benefit.Id, Ct))!;
        editor.Capacity = 2;

        var result = await service.SaveAsync(manager, editor, Ct);

        Assert.True(result.Succeeded, result.Message);
        var statuses = await db.QueryAsync(c => c.Bookings.ToDictionaryAsync(b => b.Id, b => b.Status, Ct));
        Assert.Equal(BookingStatus.Confirmed, statuses[first.BookingId!.Value]);
        Assert.Equal(BookingStatus.Waitlisted, statuses[second.BookingId!.Value]);
        var stored = await db.QueryAsync(c => c.Benefits.SingleAsync(b => b.Id == benefit.Id, Ct));
        Assert.Equal((2, 2), (stored.Capacity, stored.Taken));
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_may_not_manage_benefits(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var service = db.Get<BenefitAdminService>();
        foreach (var caller in new[] { await db.AddUserAsync(Roles.Staff), (await db.AddMemberAsync()).Caller! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.SaveAsync(caller, db.NewEvent(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ListAsync(caller, new(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.PublishAsync(caller, benefit.Id, Ct));
        }
    }

    [Theory, AllProviders]
    public async Task Publishing_moves_a_draft_live_but_never_an_archived_benefit_or_a_started_event(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var service = db.Get<BenefitAdminService>();
        var draft = await db.AddEventAsync(configure: b => b.Status = BenefitStatus.Draft);
        var archived = await db.AddEventAsync(configure: b => b.Status = BenefitStatus.Archived);
        var started = await db.AddEventAsync(startsIn: TimeSpan.FromHours(-1), configure: b => b.Status = BenefitStatus.Unpublished);

        Assert.True((await service.PublishAsync(manager, draft.Id, Ct)).Succeeded);
        Assert.False((await service.PublishAsync(manager, archived.Id, Ct)).Succeeded);
        Assert.Equal("This event has already started, so it can't be published.", (await service.PublishAsync(manager, started.Id, Ct)).Message);
        Assert.True((await service.ArchiveAsync(manager, draft.Id, Ct)).Succeeded);
        var statuses = await db.QueryAsync(c => c.Benefits.ToDictionaryAsync(b => b.Id, b => b.Status, Ct));
        Assert.Equal((BenefitStatus.Archived, BenefitStatus.Unpublished), (statuses[draft.Id], statuses[started.Id]));
    }

    [Theory, AllProviders]
    public async Task The_list_shows_attendance_and_keep_rates_and_hides_archived_benefits(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var evening = await db.AddEventAsync(capacity: 10);
        var trial = await db.AddEventAsync(configure: b => { b.Kind = BenefitKind.Trial; b.Title = "Wear trial"; b.StartsAt = b.EndsAt = null; });
        await db.AddEventAsync(configure: b => { b.Status = BenefitStatus.Archived; b.Title = "Old"; });
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            async Task Add(int benefitId, BookingStatus status)
            {
                var (member, _) = await db.AddMemberAsync(withLogin: false);
                context.Bookings.Add(new Booking { BenefitId = benefitId, MemberId = member.Id, Status = status, CreatedAt = now, WaitlistedAt = status == BookingStatus.Waitlisted ? now : null });
            }
            foreach (var status in new[] { BookingStatus.Attended, BookingStatus.Attended, BookingStatus.Attended, BookingStatus.NoShow, BookingStatus.Waitlisted, BookingStatus.Cancelled })
            {
                await Add(evening.Id, status);
            }
            foreach (var status in new[] { BookingStatus.Kept, BookingStatus.Returned, BookingStatus.Returned, BookingStatus.Returned, BookingStatus.HandedOut })
            {
                await Add(trial.Id, status);
            }
            await context.SaveChangesAsync(Ct);
        }

        var rows = await db.Get<BenefitAdminService>().ListAsync(await db.AddManagerAsync(), new(), Ct);

        Assert.Equal(2, rows.Count);
        var eventRow = rows.Single(r => r.Id == evening.Id);
        Assert.Equal((0.75, 0.25, 3, 1), (eventRow.AttendanceRate!.Value, eventRow.NoShowRate!.Value, eventRow.Bookings, eventRow.WaitlistLength));
        var trialRow = rows.Single(r => r.Id == trial.Id);
        Assert.Equal((0.25, 1), (trialRow.TrialKeepRate!.Value, trialRow.Bookings));
        Assert.Null(trialRow.AttendanceRate);
        var search = await db.Get<BenefitAdminService>().ListAsync(await db.AddManagerAsync(), new(Search: "WEAR", IncludeArchived: true), Ct);
        Assert.Equal(trial.Id, Assert.Single(search).Id);
    }
}
