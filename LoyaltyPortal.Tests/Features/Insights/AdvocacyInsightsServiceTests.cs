using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>Spenders vs senders on a hand-made ledger; the test clock reads Friday 20 Nov 2026.</summary>
public sealed class AdvocacyInsightsServiceTests
{
    private static readonly InsightsFilter November = new(new(2026, 11, 1), new(2026, 11, 19));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Nov(int day) => new(2026, 11, day, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Spends 100 (two purchases), 80, 10 and 20, and one advocate who bought nothing: the median spend of the four
    /// buyers is (20 + 80) / 2 = 50.
    /// </summary>
    private static async Task<(Caller Manager, int Ann, int Ben, int Cy, int Dee, int Eve)> FiveMembersAsync(TestDb db, int? storeId = null)
    {
        var manager = await db.AddUserAsync(Roles.Manager);
        var ids = new List<int>();
        foreach (var name in new[] { "Ann", "Ben", "Cy", "Dee", "Eve" }) ids.Add((await db.AddMemberAsync(name, withLogin: false)).Member.Id);
        var (ann, ben, cy, dee, eve) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await db.AddActivityAsync(ann, ActivityType.Purchase, Nov(3), storeId, 60m);
        await db.AddActivityAsync(ann, ActivityType.Purchase, Nov(9), storeId, 40m);
        await db.AddActivityAsync(ann, ActivityType.ReferralConverted, Nov(4), storeId);
        await db.AddActivityAsync(ann, ActivityType.FeedbackGiven, Nov(5), storeId);
        await db.AddActivityAsync(ben, ActivityType.Purchase, Nov(6), storeId, 80m);
        await db.AddActivityAsync(ben, ActivityType.Visit, Nov(6), storeId);
        await db.AddActivityAsync(cy, ActivityType.Purchase, Nov(7), storeId, 10m);
        await db.AddActivityAsync(cy, ActivityType.GuestBrought, Nov(7), storeId);
        await db.AddActivityAsync(dee, ActivityType.Purchase, Nov(8), storeId, 20m);
        await db.AddActivityAsync(eve, ActivityType.FeedbackGiven, Nov(10), storeId);
        await db.AddActivityAsync(eve, ActivityType.GuestBrought, Nov(11), storeId);
        await db.AddActivityAsync(eve, ActivityType.ReferralConverted, Nov(12), storeId);
        // Outside the range: the day after, and October.
        await db.AddActivityAsync(dee, ActivityType.ReferralConverted, Nov(20), storeId);
        await db.AddActivityAsync(ben, ActivityType.FeedbackGiven, new DateTime(2026, 10, 31, 12, 0, 0, DateTimeKind.Utc), storeId);
        return (manager, ann, ben, cy, dee, eve);
    }

    [Theory, AllProviders]
    public async Task Quadrants_split_members_at_the_median_spend_and_one_advocacy_act(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, ann, ben, cy, dee, eve) = await FiveMembersAsync(db);

        var report = await db.Get<AdvocacyInsightsService>().GetAsync(manager, November, Ct);

        Assert.Equal(5, report.Members);
        Assert.Equal(50, report.MedianSpend);
        Assert.Equal(1, report.Count(AdvocacyQuadrant.Champion));
        Assert.Equal(1, report.Count(AdvocacyQuadrant.Spender));
        Assert.Equal(2, report.Count(AdvocacyQuadrant.Sender));
        Assert.Equal(1, report.Count(AdvocacyQuadrant.Quiet));
        var points = report.Sample.ToDictionary(p => p.MemberId);
        Assert.Equal(new SpendAdvocacyPoint(ann, 100, 2, AdvocacyQuadrant.Champion), points[ann]);
        Assert.Equal(new SpendAdvocacyPoint(ben, 80, 0, AdvocacyQuadrant.Spender), points[ben]);
        Assert.Equal(new SpendAdvocacyPoint(cy, 10, 1, AdvocacyQuadrant.Sender), points[cy]);
        Assert.Equal(new SpendAdvocacyPoint(dee, 20, 0, AdvocacyQuadrant.Quiet), points[dee]);
        Assert.Equal(new SpendAdvocacyPoint(eve, 0, 3, AdvocacyQuadrant.Sender), points[eve]);
        Assert.False(report.IsSampled);
    }

    [Theory, AllProviders]
    public async Task A_store_filter_counts_only_purchases_and_advocacy_at_that_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var leeds = await db.AddStoreAsync("Leeds");
        var bath = await db.AddStoreAsync("Bath");
        var (manager, ann, _, _, _, _) = await FiveMembersAsync(db, leeds.Id);
        await db.AddActivityAsync(ann, ActivityType.Purchase, Nov(13), bath.Id, 500m);

        var atBath = await db.Get<AdvocacyInsightsService>().GetAsync(manager, November with { StoreId = bath.Id }, Ct);

        var only = Assert.Single(atBath.Sample);
        Assert.Equal((ann, 500d, 0), (only.MemberId, only.Spend, only.Advocacy));
        Assert.Equal(500, atBath.MedianSpend);
        Assert.Equal(1, atBath.Count(AdvocacyQuadrant.Spender));
    }

    [Theory, AllProviders]
    public async Task A_tier_filter_keeps_members_holding_that_tier_now(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, ann, ben, _, _, _) = await FiveMembersAsync(db);
        int silverId;
        await using (var context = db.NewContext())
        {
            silverId = await context.Tiers.Where(t => t.Name == "Silver").Select(t => t.Id).SingleAsync(Ct);
            context.MemberStandings.AddRange(
                new MemberStanding { MemberId = ann, TierId = silverId, PointsInWindow = 400, UpdatedAt = Nov(1) },
                new MemberStanding { MemberId = ben, TierId = silverId, PointsInWindow = 400, UpdatedAt = Nov(1) });
            await context.SaveChangesAsync(Ct);
        }

        var silver = await db.Get<AdvocacyInsightsService>().GetAsync(manager, November with { TierId = silverId }, Ct);

        Assert.Equal([ann, ben], silver.Sample.Select(p => p.MemberId).Order());
        Assert.Equal(90, silver.MedianSpend);
        Assert.Equal(1, silver.Count(AdvocacyQuadrant.Champion));
        Assert.Equal(1, silver.Count(AdvocacyQuadrant.Quiet));
    }

    [Theory, AllProviders]
    public async Task Nobody_in_range_gives_an_empty_report(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        var report = await db.Get<AdvocacyInsightsService>().GetAsync(manager, November, Ct);

        Assert.Equal(0, report.Members);
        Assert.Empty(report.Sample);
        Assert.All(Enum.GetValues<AdvocacyQuadrant>(), q => Assert.Equal(0, report.Count(q)));
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var service = db.Get<AdvocacyInsightsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(staff, November, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(member!, November, Ct));
    }

    [Fact]
    public void The_chart_sample_is_capped_repeatable_and_the_counts_cover_everyone()
    {
        var members = Enumerable.Range(1, 2_500).Select(id => (id, (double)(id % 100), id % 3)).ToList();

        var first = AdvocacyInsightsService.Classify(members);
        var again = AdvocacyInsightsService.Classify(members.AsEnumerable().Reverse().ToList());

        Assert.Equal(SpendersSendersReport.MaxPoints, first.Sample.Count);
        Assert.True(first.IsSampled);
        Assert.Equal(2_500, first.Quadrants.Values.Sum());
        Assert.Equal(first.Sample.Select(p => p.MemberId).Order(), again.Sample.Select(p => p.MemberId).Order());
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Assert.Equal(20, AdvocacyInsightsService.Median([30, 10, 20]));
        Assert.Equal(0, AdvocacyInsightsService.Median([]));
    }
}
