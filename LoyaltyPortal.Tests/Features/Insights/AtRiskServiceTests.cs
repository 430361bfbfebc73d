using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Members at risk on a hand-made ledger. The range ends Thursday 19 Nov 2026, so the recent window is 21 Oct to
/// 19 Nov and the baseline 24 Apr to 20 Oct (180 days, six 30-day months). The test clock reads Friday 20 Nov 2026.
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

        var report = await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct);

        Assert.Equal((new DateOnly(2026, 4, 24), new DateOnly(2026, 10, 21), new DateOnly(2026, 11, 19)), (report.BaselineFrom, report.RecentFrom, report.RecentTo));
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

        var actions = (await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct)).Members.ToDictionary(m => m.MemberId, m => m.SuggestedAction);

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

        var report = await db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct);

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
    }

    private static async Task<string> InterestNameAsync(TestDb db, int id)
    {
        await using var context = db.NewContext();
        return await context.Interests.Where(i => i.Id == id).Select(i => i.Name).SingleAsync(Ct);
    }
}
