using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Experience performance and ROI on hand-made datasets with known answers. The test clock reads Friday
/// 20 Nov 2026, 10:00 UTC; the programme runs on Europe/London time (BST until 25 Oct 2026).
/// </summary>
public sealed class ExperienceInsightsServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly InsightsFilter JuneToOctober = new(new(2026, 6, 1), new(2026, 10, 31));

    private static DateTime Utc(int month, int day, int hour = 12, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory, AllProviders]
    public async Task Experience_insights_for_staff_or_a_member_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var service = db.Get<ExperienceInsightsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetPerformanceAsync(staff, JuneToOctober, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetRoiAsync(staff, JuneToOctober, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetPerformanceAsync(member!, JuneToOctober, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetRoiAsync(member!, JuneToOctober, Ct));
    }

    [Theory, AllProviders]
    public async Task Performance_counts_bookings_waitlist_attendance_keeps_and_feedback_per_experience_in_the_range(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        var people = new List<Member>();
        for (var i = 0; i < 8; i++) people.Add(await db.AddMemberSinceAsync($"Member {i}", ExperienceInsightsTestData.LongAgo));

        var run = await db.AddExperienceAsync(BenefitKind.Event, "Run club", Utc(7, 4), covent.Id);
        var attended = new List<Booking>();
        for (var i = 0; i < 3; i++) attended.Add(await db.AddBookingAsync(run.Id, people[i].Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 4)));
        await db.AddBookingAsync(run.Id, people[3].Id, BookingStatus.NoShow);
        await db.AddBookingAsync(run.Id, people[4].Id, BookingStatus.Confirmed);
        await db.AddBookingAsync(run.Id, people[5].Id, BookingStatus.Cancelled, b => b.CancelledAt = Utc(7, 1));
        await db.AddBookingAsync(run.Id, people[6].Id, BookingStatus.Waitlisted, b => b.WaitlistedAt = Utc(6, 20));
        await db.AddBookingAsync(run.Id, people[7].Id, BookingStatus.Confirmed, b => { b.WaitlistedAt = Utc(6, 21); b.PromotedAt = Utc(6, 25); });
        await db.AddFeedbackAsync(attended[0], 5);
        await db.AddFeedbackAsync(attended[1], 4);

        var trial = await db.AddExperienceAsync(BenefitKind.Trial, "Shoe trial", storeId: leeds.Id);
        await db.AddBookingAsync(trial.Id, people[0].Id, BookingStatus.Kept, b => b.HandedOutAt = Utc(8, 1));
        for (var i = 1; i <= 3; i++) await db.AddBookingAsync(trial.Id, people[i].Id, BookingStatus.Returned, b => b.HandedOutAt = Utc(8, 2));
        await db.AddBookingAsync(trial.Id, people[4].Id, BookingStatus.Kept, b => b.HandedOutAt = Utc(5, 2));   // handed out before the range

        var coaching = await db.AddExperienceAsync(BenefitKind.Guidance, "Gait analysis");
        var inRange = await db.AddSlotAsync(coaching.Id, Utc(9, 9, 17));
        var later = await db.AddSlotAsync(coaching.Id, Utc(11, 3, 17));
        await db.AddBookingAsync(coaching.Id, people[0].Id, BookingStatus.Attended, b => { b.SlotId = inRange; b.ClosedAt = Utc(9, 9, 18); });
        await db.AddBookingAsync(coaching.Id, people[1].Id, BookingStatus.Confirmed, b => b.SlotId = later);

        await db.AddExperienceAsync(BenefitKind.Event, "Autumn social", Utc(11, 12), covent.Id);   // after the range: not listed
        var service = db.Get<ExperienceInsightsService>();

        var all = await service.GetPerformanceAsync(manager, JuneToOctober, Ct);
        var inCovent = await service.GetPerformanceAsync(manager, JuneToOctober with { StoreId = covent.Id }, Ct);

        Assert.Equal(["Run club", "Shoe trial", "Gait analysis"], all.Select(p => p.Title));   // dated events first, then by bookings
        var r = all[0];
        Assert.Equal((6, 2, 3, 1, 4.5, 2), (r.Bookings, r.WaitlistDemand, r.Attended, r.NoShows, r.AverageRating, r.Ratings));
        Assert.Equal((0.5, 1 / 6d, (double?)null), (r.AttendanceRate, r.NoShowRate, r.KeepRate));
        var g = all[2];
        Assert.Equal((1, 1, 1.0, 0.0, (double?)null), (g.Bookings, g.Attended, g.AttendanceRate, g.NoShowRate, g.AverageRating));
        var t = all[1];
        Assert.Equal((4, 1, 3, 0.25, (double?)null, (double?)null), (t.Bookings, t.Kept, t.Returned, t.KeepRate, t.AttendanceRate, t.AverageRating));
        // The run is held at Covent Garden and the coaching is offered everywhere; the trial is picked up in Leeds.
        Assert.Equal(["Run club", "Gait analysis"], inCovent.Select(p => p.Title));
    }

    [Theory, AllProviders]
    public async Task Performance_with_a_tier_filter_counts_only_bookings_of_members_in_the_tier(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var gold = await db.QueryAsync(c => c.Tiers.Where(t => t.Name == "Gold").Select(t => t.Id).SingleAsync(Ct));
        var (ann, ben) = (await db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo), await db.AddMemberSinceAsync("Ben", ExperienceInsightsTestData.LongAgo));
        await using (var context = db.NewContext())
        {
            context.MemberStandings.Add(new() { MemberId = ann.Id, TierId = gold, UpdatedAt = Utc(11, 1) });
            await context.SaveChangesAsync(Ct);
        }
        var run = await db.AddExperienceAsync(BenefitKind.Event, "Run club", Utc(7, 4));
        await db.AddBookingAsync(run.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 4));
        await db.AddBookingAsync(run.Id, ben.Id, BookingStatus.NoShow);
        var service = db.Get<ExperienceInsightsService>();

        var goldOnly = Assert.Single(await service.GetPerformanceAsync(manager, JuneToOctober with { TierId = gold }, Ct));

        Assert.Equal((1, 1, 0), (goldOnly.Bookings, goldOnly.Attended, goldOnly.NoShows));
        Assert.Empty(await service.GetPerformanceAsync(manager, new(new(2026, 8, 1), new(2026, 8, 31)), Ct));
    }

    /// <summary>
    /// Ann and Ben attend in the range (Ben's session is completed, so it has ClosedAt, not CheckedInAt); Cy attends
    /// too recently for a full 60 days after; Gus joined too late for a full 60 days before. Dee and Eve attend
    /// nothing and take Ann's and Ben's reference days (in that order). Fay is anonymised.
    /// </summary>
    [Theory, AllProviders]
    public async Task Roi_compares_visits_and_spend_60_days_either_side_of_the_first_attendance_with_non_attendees(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var since = ExperienceInsightsTestData.LongAgo;
        var ann = await db.AddMemberSinceAsync("Ann", since);
        var ben = await db.AddMemberSinceAsync("Ben", since);
        var cy = await db.AddMemberSinceAsync("Cy", since);
        var dee = await db.AddMemberSinceAsync("Dee", since);
        var eve = await db.AddMemberSinceAsync("Eve", since);
        var fay = await db.AddMemberSinceAsync("Fay", since);
        var gus = await db.AddMemberSinceAsync("Gus", Utc(7, 1));
        await db.QueryAsync(c => c.Members.Where(m => m.Id == fay.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, Utc(11, 1)), Ct));

        var summer = await db.AddExperienceAsync(BenefitKind.Event, "Summer social", Utc(7, 10));
        var later = await db.AddExperienceAsync(BenefitKind.Event, "Later social", Utc(8, 1));
        var coaching = await db.AddExperienceAsync(BenefitKind.Guidance, "Gait analysis");
        var autumn = await db.AddExperienceAsync(BenefitKind.Event, "Autumn social", Utc(10, 1));
        await db.AddBookingAsync(summer.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10, 12));   // reference day 10 Jul
        await db.AddBookingAsync(later.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(8, 1));          // not her first
        await db.AddBookingAsync(coaching.Id, ben.Id, BookingStatus.Attended, b => b.ClosedAt = Utc(8, 20, 17));     // reference day 20 Aug
        await db.AddBookingAsync(autumn.Id, cy.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(10, 1));         // too recent
        await db.AddBookingAsync(summer.Id, gus.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10, 12));    // a member for 9 days only
        await db.AddBookingAsync(summer.Id, fay.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10, 12));    // anonymised
        await db.AddBookingAsync(later.Id, dee.Id, BookingStatus.NoShow);

        // Ann, reference day 10 Jul: before is 11 May to 9 Jul, after 11 Jul to 8 Sep (local days; BST is UTC+1).
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(5, 10, 22));        // 10 May 23:00 BST: outside
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(5, 10, 23, 30));     // 11 May 00:30 BST: before
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(6, 20));            // before
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(6, 1), amount: 20m);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(7, 10, 13));         // the day itself: neither
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(7, 10, 13), amount: 500m);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(7, 11));             // after
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(8, 1));              // after
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(9, 8, 22, 30));      // 8 Sep 23:30 BST: after
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(9, 8, 23, 30));      // 9 Sep 00:30 BST: outside
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(7, 20), amount: 30m);
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(8, 20), amount: 10m);
        await db.AddActivityAsync(ann.Id, ActivityType.FeedbackGiven, Utc(7, 12));     // not a visit

        // Ben, reference day 20 Aug: before 21 Jun to 19 Aug, after 21 Aug to 19 Oct.
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(7, 1));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(8, 19));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(8, 21));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(10, 18));
        await db.AddActivityAsync(ben.Id, ActivityType.Purchase, Utc(9, 1), amount: 50m);

        // Dee takes 10 Jul, Eve 20 Aug.
        await db.AddActivityAsync(dee.Id, ActivityType.Visit, Utc(6, 1));
        await db.AddActivityAsync(dee.Id, ActivityType.Visit, Utc(8, 1));
        await db.AddActivityAsync(dee.Id, ActivityType.Purchase, Utc(6, 2), amount: 10m);
        await db.AddActivityAsync(dee.Id, ActivityType.Purchase, Utc(8, 2), amount: 10m);
        await db.AddActivityAsync(eve.Id, ActivityType.Visit, Utc(8, 1));
        await db.AddActivityAsync(eve.Id, ActivityType.Visit, Utc(9, 1));
        await db.AddActivityAsync(eve.Id, ActivityType.Visit, Utc(10, 1));

        var roi = await db.Get<ExperienceInsightsService>().GetRoiAsync(manager, JuneToOctober, Ct);

        Assert.Equal((4, 1, false), (roi.AttendeesInRange, roi.TooRecent, roi.Sampled));
        Assert.Equal(new RoiGroup(2, 2, 2.5, 10m, 45m), roi.Attendees);
        Assert.Equal(new RoiGroup(2, 1, 1.5, 5m, 5m), roi.Others);
        Assert.Equal((0.25, 3.5), (roi.Attendees.VisitUplift, roi.Attendees.SpendUplift));
        Assert.Equal((0.5, 0.0), (roi.Others.VisitUplift, roi.Others.SpendUplift));
    }

    [Theory, AllProviders]
    public async Task Roi_with_a_store_filter_keeps_members_of_that_home_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        var ann = await db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo, covent.Id);
        var ben = await db.AddMemberSinceAsync("Ben", ExperienceInsightsTestData.LongAgo, leeds.Id);
        var dee = await db.AddMemberSinceAsync("Dee", ExperienceInsightsTestData.LongAgo, covent.Id);
        await db.AddMemberSinceAsync("Eve", ExperienceInsightsTestData.LongAgo, leeds.Id);
        var summer = await db.AddExperienceAsync(BenefitKind.Event, "Summer social", Utc(7, 10));
        await db.AddBookingAsync(summer.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10));
        await db.AddBookingAsync(summer.Id, ben.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10));
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(7, 20));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(7, 20));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(7, 21));
        await db.AddActivityAsync(dee.Id, ActivityType.Visit, Utc(7, 1));

        var roi = await db.Get<ExperienceInsightsService>().GetRoiAsync(manager, JuneToOctober with { StoreId = covent.Id }, Ct);

        Assert.Equal(new RoiGroup(1, 0, 1, 0m, 0m), roi.Attendees);
        Assert.Equal(new RoiGroup(1, 1, 0, 0m, 0m), roi.Others);
        Assert.Null(roi.Attendees.VisitUplift);
    }

    [Theory, AllProviders]
    public async Task Roi_counts_only_visits_and_purchases_whatever_else_carries_an_amount(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo);
        var dee = await db.AddMemberSinceAsync("Dee", ExperienceInsightsTestData.LongAgo);
        var summer = await db.AddExperienceAsync(BenefitKind.Event, "Summer social", Utc(7, 10));
        await db.AddBookingAsync(summer.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(7, 10));
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(7, 20), amount: 40m);
        await db.AddActivityAsync(ann.Id, ActivityType.TrialHandedOut, Utc(7, 21), amount: 900m);
        await db.AddActivityAsync(ann.Id, ActivityType.GuestBrought, Utc(7, 22));
        await db.AddActivityAsync(dee.Id, ActivityType.TrialReturned, Utc(6, 1), amount: 900m);

        var roi = await db.Get<ExperienceInsightsService>().GetRoiAsync(manager, JuneToOctober, Ct);

        Assert.Equal(new RoiGroup(1, 0, 0, 0m, 40m), roi.Attendees);
        Assert.Equal(new RoiGroup(1, 0, 0, 0m, 0m), roi.Others);
    }

    [Theory, AllProviders]
    public async Task Roi_without_attendees_is_empty(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberSinceAsync("Dee", ExperienceInsightsTestData.LongAgo);

        var roi = await db.Get<ExperienceInsightsService>().GetRoiAsync(manager, JuneToOctober, Ct);

        Assert.False(roi.HasAttendees);
        Assert.Equal((0, 0), (roi.AttendeesInRange, roi.Others.Members));
    }
}
