using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Members at risk on a hand-made ledger, read from a snapshot worked out up to now. The test clock reads Friday
/// 20 Nov 2026, so the recent window is 22 Oct to 20 Nov and the baseline 25 Apr to 21 Oct (180 days, six 30-day
/// months). The filter's dates don't move either.
/// </summary>
public sealed class AtRiskServiceTests
{
    private static readonly InsightsFilter ToNineteenth = new(new(2026, 8, 24), new(2026, 11, 19));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Visits every five days from 1 May, all inside the baseline; returns the last one's time.</summary>
    private static async Task<DateTime> BaselineVisitsAsync(TestDb db, int memberId, int count, ActivityType type = ActivityType.Visit)
    {
        var at = Utc(5, 1);
        for (var i = 0; i < count; i++) await db.AddActivityAsync(memberId, type, at = Utc(5, 1).AddDays(5 * i));
        return at;
    }

    private static async Task<int> MemberAsync(TestDb db, string name) => (await db.AddMemberAsync(name, withLogin: false)).Member.Id;

    private static Task<AtRiskRun> SnapshotAsync(TestDb db) => db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Ct);

    /// <summary>Computes a snapshot, then reads it as a manager.</summary>
    private static async Task<AtRiskReport> ComputeAndReadAsync(TestDb db, Caller manager, InsightsFilter? filter = null)
    {
        await SnapshotAsync(db);
        return await db.Get<AtRiskService>().GetAsync(manager, filter ?? ToNineteenth, ct: Ct);
    }

    [Theory, AllProviders]
    public async Task Regulars_whose_last_thirty_days_fell_to_a_quarter_of_their_usual_month_are_listed_most_fallen_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        var ben = await MemberAsync(db, "Ben");
        var cy = await MemberAsync(db, "Cy");
        var dee = await MemberAsync(db, "Dee");
        var eve = await MemberAsync(db, "Eve");
        var fay = await MemberAsync(db, "Fay");
        await BaselineVisitsAsync(db, ann, 30);                       // 5 a month
        await db.AddActivityAsync(ann, ActivityType.Purchase, Utc(11, 1), amount: 12m); // 1 recent: 20% of usual
        var benLast = await BaselineVisitsAsync(db, ben, 24);         // exactly 4 a month, nothing since
        await BaselineVisitsAsync(db, cy, 23);                        // under 4 a month
        for (var i = 0; i < 20; i++) await db.AddActivityAsync(cy, ActivityType.Visit, Utc(3, 1).AddDays(i)); // before the baseline
        await BaselineVisitsAsync(db, dee, 30);
        await db.AddActivityAsync(dee, ActivityType.Visit, Utc(10, 25));
        await db.AddActivityAsync(dee, ActivityType.Visit, Utc(11, 19));  // 2 recent: 40% of usual
        await BaselineVisitsAsync(db, eve, 30);                       // at risk, but anonymised
        await BaselineVisitsAsync(db, fay, 20);
        await BaselineVisitsAsync(db, fay, 10, ActivityType.Joined);  // joining is not activity
        await db.AddActivityAsync(ben, ActivityType.StaffNoteAdded, Utc(11, 2)); // a staff note is not the member's activity
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == eve).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, Utc(11, 1)), Ct);
        }

        var report = await ComputeAndReadAsync(db, manager);

        Assert.Equal((new DateOnly(2026, 4, 25), new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20)), (report.BaselineFrom, report.RecentFrom, report.RecentTo));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, report.ComputedAt);
        Assert.Equal(2, report.Total);
        Assert.Equal([ben, ann], report.Members.Select(m => m.MemberId));
        var (first, second) = (report.Members[0], report.Members[1]);
        Assert.Equal(("Ben", 4d, 0, 1d, benLast), (first.Name, first.BaselinePerMonth, first.Recent, first.Drop, first.LastActivityAt!.Value));
        Assert.Equal(("Ann", 5d, 1, 0.8, Utc(11, 1)), (second.Name, second.BaselinePerMonth, second.Recent, second.Drop, second.LastActivityAt!.Value));
        Assert.Equal(StarterTiers.Entry, first.TierName);
    }

    [Theory, AllProviders]
    public async Task The_suggested_action_comes_from_a_missed_booking_a_lapsing_tier_or_an_event_for_their_interests(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var missed = await MemberAsync(db, "Mia");
        var lapsing = await MemberAsync(db, "Leo");
        var invited = await MemberAsync(db, "Ivy");
        var noted = await MemberAsync(db, "Ned");
        foreach (var id in new[] { missed, lapsing, invited, noted }) await BaselineVisitsAsync(db, id, 24);
        var trail = await db.AddEventAsync(startsIn: -TimeSpan.FromDays(50), configure: b => b.Title = "Trail morning");
        int interestId;
        await using (var context = db.NewContext())
        {
            interestId = await context.Interests.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(Ct);
            var silverId = await context.Tiers.Where(t => t.Name == "Silver").Select(t => t.Id).SingleAsync(Ct);
            context.Bookings.Add(new Booking { BenefitId = trail.Id, MemberId = missed, Status = BookingStatus.NoShow, CreatedAt = Utc(9, 1) });
            context.MemberStandings.Add(new MemberStanding { MemberId = lapsing, TierId = silverId, PointsInWindow = 350, DropsAt = Utc(11, 30), UpdatedAt = Utc(11, 1) });
            context.MemberInterests.Add(new() { MemberId = invited, InterestId = interestId });
            await context.SaveChangesAsync(Ct);
        }
        await db.AddEventAsync(capacity: 12, startsIn: TimeSpan.FromDays(8), configure: b => b.Interests = [new BenefitInterest { InterestId = interestId }]);
        var interest = await InterestNameAsync(db, interestId);

        var actions = (await ComputeAndReadAsync(db, manager)).Members.ToDictionary(m => m.MemberId, m => m.SuggestedAction);

        Assert.Equal("Missed Trail morning (1 Oct): ask what got in the way and offer another date", actions[missed]);
        Assert.Equal("Silver lapses 30 Nov: invite them back before then", actions[lapsing]);
        Assert.Equal($"Invite to Saturday run club (28 Nov): matches ‘{interest}’, 12 seats left", actions[invited]);
        Assert.Equal(AtRiskService.PersonalNote, actions[noted]);
    }

    [Theory, AllProviders]
    public async Task A_busy_programme_with_nobody_falling_away_gives_an_empty_list(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        await BaselineVisitsAsync(db, ann, 30);
        for (var i = 0; i < 5; i++) await db.AddActivityAsync(ann, ActivityType.Visit, Utc(11, 1 + i));

        var report = await ComputeAndReadAsync(db, manager);

        Assert.True(report.IsWorkedOut);
        Assert.Equal(0, report.Total);
        Assert.Empty(report.Members);
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var service = db.Get<AtRiskService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(staff, ToNineteenth, ct: Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(member!, ToNineteenth, ct: Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.RequestRecalculationAsync(staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.RequestRecalculationAsync(member!, Ct));
        Assert.False(db.Get<AtRiskRecalculation>().IsBusy);
    }

    [Theory, AllProviders]
    public async Task Before_the_first_snapshot_the_list_is_being_worked_out_not_empty(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        await BaselineVisitsAsync(db, ann, 30);

        var report = await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct);

        Assert.False(report.IsWorkedOut);
        Assert.Null(report.ComputedAt);
        Assert.Empty(report.Members);
    }

    [Theory, AllProviders]
    public async Task Each_store_ranks_its_own_activity_and_all_stores_add_a_members_stores_together(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (north, south) = ((await db.AddStoreAsync("North")).Id, (await db.AddStoreAsync("South")).Id);
        var gus = await MemberAsync(db, "Gus");
        var hal = await MemberAsync(db, "Hal");
        for (var i = 0; i < 12; i++)
        {
            await db.AddActivityAsync(gus, ActivityType.Visit, Utc(5, 1).AddDays(7 * i), north);  // 2 a month at each store,
            await db.AddActivityAsync(gus, ActivityType.Visit, Utc(5, 2).AddDays(7 * i), south);  // 4 a month in all, none lately
        }
        for (var i = 0; i < 30; i++) await db.AddActivityAsync(hal, ActivityType.Visit, Utc(5, 1).AddDays(5 * i), north);
        for (var i = 0; i < 5; i++) await db.AddActivityAsync(hal, ActivityType.Visit, Utc(11, 1 + i), south); // moved to South

        await SnapshotAsync(db);
        var service = db.Get<AtRiskService>();
        var all = await service.GetAsync(manager, ToNineteenth, ct: Ct);
        var atNorth = await service.GetAsync(manager, ToNineteenth with { StoreId = north }, ct: Ct);
        var atSouth = await service.GetAsync(manager, ToNineteenth with { StoreId = south }, ct: Ct);

        Assert.Equal([gus], all.Members.Select(m => m.MemberId));
        Assert.Equal([hal], atNorth.Members.Select(m => m.MemberId));
        Assert.Equal((5d, 0), (atNorth.Members[0].BaselinePerMonth, atNorth.Members[0].Recent));
        Assert.Equal(0, atSouth.Total);
    }

    [Theory, AllProviders]
    public async Task The_tier_filter_applies_the_tier_held_at_reading_time(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        var ben = await MemberAsync(db, "Ben");
        await BaselineVisitsAsync(db, ann, 30);
        await BaselineVisitsAsync(db, ben, 24);
        await SnapshotAsync(db);
        var (entryId, silverId) = await db.QueryAsync(async c => (
            await c.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => t.Id).FirstAsync(Ct),
            await c.Tiers.Where(t => t.Name == "Silver").Select(t => t.Id).SingleAsync(Ct)));
        await using (var context = db.NewContext())
        {
            // Ben reached Silver after the snapshot was taken.
            context.MemberStandings.Add(new MemberStanding { MemberId = ben, TierId = silverId, PointsInWindow = 350, UpdatedAt = Utc(11, 20) });
            await context.SaveChangesAsync(Ct);
        }
        var service = db.Get<AtRiskService>();

        var silver = await service.GetAsync(manager, ToNineteenth with { TierId = silverId }, ct: Ct);
        var entry = await service.GetAsync(manager, ToNineteenth with { TierId = entryId }, ct: Ct);

        Assert.Equal([ben], silver.Members.Select(m => m.MemberId));
        Assert.Equal(1, silver.Total);
        Assert.Equal("Silver", silver.Members[0].TierName);
        Assert.Equal([ann], entry.Members.Select(m => m.MemberId));
        Assert.Equal(1, entry.Total);
    }

    [Theory, AllProviders]
    public async Task A_member_anonymised_after_the_snapshot_leaves_the_list_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        var ben = await MemberAsync(db, "Ben");
        await BaselineVisitsAsync(db, ann, 30);
        await BaselineVisitsAsync(db, ben, 30);
        await SnapshotAsync(db);
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == ann).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, Utc(11, 20)), Ct);
        }

        var report = await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct);

        Assert.Equal([ben], report.Members.Select(m => m.MemberId));
        Assert.Equal(1, report.Total);
    }

    [Theory, AllProviders]
    public async Task The_latest_snapshot_is_read_and_only_the_one_before_it_is_kept(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var ann = await MemberAsync(db, "Ann");
        var ben = await MemberAsync(db, "Ben");
        await BaselineVisitsAsync(db, ann, 30);
        for (var i = 0; i < 40; i++) await db.AddActivityAsync(ben, ActivityType.Visit, Utc(9, 1).AddDays(2 * i)); // busy until 18 Nov
        var first = await SnapshotAsync(db);
        db.Clock.Advance(TimeSpan.FromDays(40));   // 30 Dec: Ben quiet for a month; Ann's regular months now mostly before the baseline
        var second = await SnapshotAsync(db);

        var report = await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct);

        Assert.Equal([ann], await RankedAsync(db, first.SnapshotId));
        Assert.Equal([ben], report.Members.Select(m => m.MemberId));
        Assert.Equal((db.Clock.GetUtcNow().UtcDateTime, new DateOnly(2026, 12, 30)), (report.ComputedAt!.Value, report.RecentTo));

        var third = await SnapshotAsync(db);
        var kept = await db.QueryAsync(c => c.AtRiskSnapshots.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct));
        Assert.Equal([second.SnapshotId, third.SnapshotId], kept);
        Assert.False(await db.QueryAsync(c => c.AtRiskCandidates.AnyAsync(r => r.SnapshotId == first.SnapshotId, Ct)));
    }

    private static Task<List<int>> RankedAsync(TestDb db, int snapshotId) =>
        db.QueryAsync(c => c.AtRiskCandidates.Where(r => r.SnapshotId == snapshotId && r.StoreId == null).OrderBy(r => r.Rank).Select(r => r.MemberId).ToListAsync(Ct));

    private static async Task<string> InterestNameAsync(TestDb db, int id)
    {
        await using var context = db.NewContext();
        return await context.Interests.Where(i => i.Id == id).Select(i => i.Name).SingleAsync(Ct);
    }
}
