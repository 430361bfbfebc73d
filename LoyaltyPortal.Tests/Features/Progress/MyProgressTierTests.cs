using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>The tier card on My progress: head start, points to go, tier boundaries, the lapse warning and the top tier.</summary>
public sealed class MyProgressTierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task EarnAsync(TestDb db, int memberId, ActivityType type, decimal? amount = null, DateTime? at = null)
    {
        await using var context = db.NewContext();
        await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
        {
            MemberId = memberId, Type = type, Amount = amount, OccurredAt = at ?? db.Clock.GetUtcNow().UtcDateTime, SourceKey = Guid.NewGuid().ToString("N"),
        }, Ct);
        await context.SaveChangesAsync(Ct);
    }

    private static async Task<TierProgress> TierAsync(TestDb db, LoyaltyPortal.Components.Account.Caller caller) =>
        (await db.Get<MyProgressService>().GetAsync(caller, Ct))!.Tier;

    [Theory, AllProviders]
    public async Task A_head_start_shows_a_partly_filled_ring_toward_the_first_tier(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await EarnAsync(db, member.Id, ActivityType.Joined);

        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Member", "Silver", 50, 250, 16, (int?)null), (tier.Held.Name, tier.Next!.Name, tier.Points, tier.ToGo, tier.Percent, tier.VisitsToGo));
        Assert.Equal("50 of 300 points to Silver, 16%. 250 to go.", TestText.For<ProgressText>().TierSummary(tier));
    }

    [Theory, AllProviders]
    public async Task One_point_below_the_threshold_is_one_visit_to_go_and_exactly_at_it_is_the_tier(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await EarnAsync(db, member.Id, ActivityType.Purchase, 299.99m);

        var below = await TierAsync(db, caller!);
        Assert.Equal(("Member", 299, 1, (int?)1), (below.Held.Name, below.Points, below.ToGo, below.VisitsToGo));

        await EarnAsync(db, member.Id, ActivityType.Purchase, 1m);
        var at = await TierAsync(db, caller!);
        Assert.Equal(("Silver", "Gold", 300, 600), (at.Held.Name, at.Next!.Name, at.Points, at.ToGo));
    }

    [Theory, AllProviders]
    public async Task Points_age_out_of_the_window_and_the_tier_is_kept_through_grace_with_a_warning(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var earnedAt = db.Clock.GetUtcNow().UtcDateTime;
        await EarnAsync(db, member.Id, ActivityType.Purchase, 320m);

        // Eleven months on: still Silver, drop date a year and 30 days after the purchase, no warning yet.
        db.Clock.Advance(TimeSpan.FromDays(330));
        var early = await TierAsync(db, caller!);
        Assert.Equal(("Silver", earnedAt.AddMonths(12).AddDays(30), false), (early.Held.Name, early.DropsAt!.Value, early.LapseWarning));

        // Just after the purchase ages out: no points, but Silver is kept for the grace period, with a warning.
        db.Clock.SetUtcNow(earnedAt.AddMonths(12).AddDays(1));
        var grace = await TierAsync(db, caller!);
        Assert.Equal(("Silver", 0, true, 300, "Member"), (grace.Held.Name, grace.Points, grace.LapseWarning, grace.PointsToKeep, grace.DropsTo!.Name));

        // After the grace period: back to Member.
        db.Clock.SetUtcNow(earnedAt.AddMonths(12).AddDays(31));
        var after = await TierAsync(db, caller!);
        Assert.Equal(("Member", (DateTime?)null, false), (after.Held.Name, after.DropsAt, after.LapseWarning));
    }

    [Theory, AllProviders]
    public async Task The_warning_comes_only_within_the_configured_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var earnedAt = db.Clock.GetUtcNow().UtcDateTime;
        await EarnAsync(db, member.Id, ActivityType.Purchase, 320m);
        await using (var context = db.NewContext())
        {
            await context.ProgressSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.LapseWarningDays, 60), Ct);
        }
        var dropsAt = earnedAt.AddMonths(12).AddDays(30);

        db.Clock.SetUtcNow(dropsAt.AddDays(-61));
        Assert.False((await TierAsync(db, caller!)).LapseWarning);
        db.Clock.SetUtcNow(dropsAt.AddDays(-59));
        var warned = await TierAsync(db, caller!);
        Assert.Equal((true, 300), (warned.LapseWarning, warned.PointsToKeep));
    }

    [Theory, AllProviders]
    public async Task The_top_tier_has_nothing_next_and_a_full_ring(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await EarnAsync(db, member.Id, ActivityType.Purchase, 1000m);

        var tier = await TierAsync(db, caller!);

        Assert.Equal(("Gold", (TierBadge?)null, 100, 0), (tier.Held.Name, tier.Next, tier.Percent, tier.ToGo));
        Assert.Equal("1000 points. You are in our top tier, Gold.", TestText.For<ProgressText>().TierSummary(tier));
    }
}
