using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>
/// The tier card under the starter rules and tiers (Member 0, Silver 300, Gold 900; a visit is 10 points; a 12-month
/// window and 30 days' grace). Now is 20 Nov 2026 10:00 UTC.
/// </summary>
public sealed class MyProgressTierLedgerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TierProgress> TierAsync(TestDb db, Caller caller) =>
        (await db.Get<MyProgressService>().GetAsync(caller, Ct))!.Tier;

    [Theory, AllProviders]
    public async Task A_joining_head_start_of_50_is_16_percent_of_the_way_to_silver(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.EarnAsync(member.Id, ActivityType.Joined, db.Clock.GetUtcNow().UtcDateTime);

        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Member", (string?)"Silver", 50, 250, 16), (tier.Held.Name, tier.Next?.Name, tier.Points, tier.ToGo, tier.Percent));
        Assert.Null(tier.VisitsToGo);
        Assert.Equal("50 of 300 points to Silver, 16%. 250 to go.", TestText.For<ProgressText>().TierSummary(tier));
    }

    [Theory, AllProviders]
    public async Task Exactly_300_points_holds_silver_with_gold_next(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.EarnPointsAsync(member.Id, 300, db.Clock.GetUtcNow().UtcDateTime);

        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Silver", (string?)"Gold", 900, 600), (tier.Held.Name, tier.Next?.Name, tier.NextThreshold, tier.ToGo));
    }

    [Theory, AllProviders]
    public async Task One_point_below_silver_is_one_visit_to_go(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.EarnPointsAsync(member.Id, 299, db.Clock.GetUtcNow().UtcDateTime);

        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Member", 1, (int?)1, 99), (tier.Held.Name, tier.ToGo, tier.VisitsToGo, tier.Percent));
    }

    [Theory, AllProviders]
    public async Task Visits_to_go_shows_from_five_visits_away_and_not_before(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (near, nearCaller) = await db.AddMemberAsync("Near");
        var (far, farCaller) = await db.AddMemberAsync("Far");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(near.Id, 250, now);
        await db.EarnPointsAsync(far.Id, 249, now);

        Assert.Equal(5, (await TierAsync(db, nearCaller!)).VisitsToGo);
        Assert.Null((await TierAsync(db, farCaller!)).VisitsToGo);
    }

    [Theory, AllProviders]
    public async Task Points_age_out_of_the_twelve_month_window(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 100, now.AddMonths(-11));
        await db.EarnPointsAsync(member.Id, 20, now.AddMonths(-1));
        Assert.Equal(120, (await TierAsync(db, caller!)).Points);

        db.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(20, (await TierAsync(db, caller!)).Points);
    }

    [Theory, AllProviders]
    public async Task Silver_whose_points_age_out_in_ten_days_shows_a_drop_date_but_no_warning_yet(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 300, now.AddMonths(-12).AddDays(10));

        var tier = await TierAsync(db, caller!);

        // The points age out on 30 Nov; 30 days' grace keeps Silver until 30 Dec, 40 days away.
        Assert.Equal(("Silver", (DateTime?)new DateTime(2026, 12, 30, 10, 0, 0), false), (tier.Held.Name, tier.DropsAt, tier.LapseWarning));
    }

    [Theory, AllProviders]
    public async Task In_grace_after_points_age_out_silver_is_kept_with_a_warning_of_what_keeps_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 300, now.AddMonths(-12).AddDays(10));

        db.Clock.Advance(TimeSpan.FromDays(11));
        var tier = await TierAsync(db, caller!);

        Assert.Equal((0, "Silver", (DateTime?)new DateTime(2026, 12, 30, 10, 0, 0)), (tier.Points, tier.Held.Name, tier.DropsAt));
        Assert.Equal((true, 300, (string?)"Member"), (tier.LapseWarning, tier.PointsToKeep, tier.DropsTo?.Name));
    }

    [Theory, AllProviders]
    public async Task When_grace_ends_the_member_holds_the_entry_tier(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 300, now.AddMonths(-12).AddDays(10));
        db.Clock.Advance(TimeSpan.FromDays(40) - TimeSpan.FromMinutes(1));
        Assert.Equal("Silver", (await TierAsync(db, caller!)).Held.Name);

        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Member", (DateTime?)null, false), (tier.Held.Name, tier.DropsAt, tier.LapseWarning));
    }

    [Theory, AllProviders]
    public async Task A_lapsing_gold_member_drops_to_the_tier_their_remaining_points_reach(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 900, now.AddMonths(-12).AddDays(10));
        await db.EarnPointsAsync(member.Id, 400, now.AddMonths(-1));

        db.Clock.Advance(TimeSpan.FromDays(11));
        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Gold", 400, 500, (string?)"Silver"), (tier.Held.Name, tier.Points, tier.PointsToKeep, tier.DropsTo?.Name));
    }

    [Theory, AllProviders]
    public async Task A_top_tier_member_has_no_next_tier_and_a_full_ring(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.EarnPointsAsync(member.Id, 1000, db.Clock.GetUtcNow().UtcDateTime);

        var tier = await TierAsync(db, caller!);

        Assert.Null(tier.Next);
        Assert.Equal(("Gold", 100, 0), (tier.Held.Name, tier.Percent, tier.ToGo));
        Assert.Equal("1000 points. You are in our top tier, Gold.", TestText.For<ProgressText>().TierSummary(tier));
    }
}
