using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>The pulse trend on hand-made answers; the test clock reads Friday 20 Nov 2026.</summary>
public sealed class SignificanceInsightsServiceTests
{
    private const int DeletedTierId = 9_999;
    private static readonly InsightsFilter AugustToNovember = new(new(2026, 8, 1), new(2026, 11, 19));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    private static async Task<Dictionary<string, int>> TierIdsAsync(TestDb db)
    {
        await using var context = db.NewContext();
        return await context.Tiers.ToDictionaryAsync(t => t.Name, t => t.Id, Ct);
    }

    private static async Task AnswerAsync(TestDb db, int memberId, DateTime at, int? score, int? tierId, params string[] matters)
    {
        await using var context = db.NewContext();
        context.PulseResponses.Add(new PulseResponse { MemberId = memberId, RespondedAt = at, Score = score, TierId = tierId, Matters = [.. matters] });
        await context.SaveChangesAsync(Ct);
    }

    /// <summary>August: 8 (Silver) and 6 (entry); September: 9 (Gold) and a dismissal; October: nothing; November: 5 and 4 from a deleted tier.</summary>
    private static async Task<(int Ann, int Ben)> AnswersAsync(TestDb db, int? annStoreId = null)
    {
        var tiers = await TierIdsAsync(db);
        var ann = (await db.AddMemberAsync("Ann", withLogin: false, homeStoreId: annStoreId)).Member.Id;
        var ben = (await db.AddMemberAsync("Ben", withLogin: false)).Member.Id;
        await AnswerAsync(db, ann, Utc(8, 10), 8, tiers["Silver"], "rewards", "community");
        await AnswerAsync(db, ben, Utc(8, 20), 6, tiers[StarterTiers.Entry], "rewards");
        await AnswerAsync(db, ann, Utc(9, 5), 9, tiers["Gold"]);
        await AnswerAsync(db, ben, Utc(9, 6), null, tiers["Gold"], "community");
        await AnswerAsync(db, ann, Utc(11, 3), 5, DeletedTierId, "service");
        await AnswerAsync(db, ben, Utc(11, 4), 4, DeletedTierId);
        await AnswerAsync(db, ben, Utc(11, 20), 10, DeletedTierId); // the day after the range
        return (ann, ben);
    }

    [Theory, AllProviders]
    public async Task Averages_per_month_leave_out_dismissals_and_count_the_answers(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AnswersAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<SignificanceInsightsService>().GetAsync(manager, AugustToNovember, Ct);

        Assert.True(report.Monthly);
        Assert.Equal([new DateOnly(2026, 8, 1), new(2026, 9, 1), new(2026, 10, 1), new(2026, 11, 1)], report.Periods);
        Assert.Equal([7, 9, null, 4.5], report.Overall.Averages);
        Assert.Equal([2, 1, 0, 2], report.Overall.Answers);
        Assert.Equal(1, report.Dismissed);
    }

    [Theory, AllProviders]
    public async Task Each_tier_held_when_answering_has_its_line_and_deleted_tiers_show_as_former(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AnswersAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<SignificanceInsightsService>().GetAsync(manager, AugustToNovember, Ct);

        Assert.Equal([StarterTiers.Entry, "Silver", "Gold", SignificanceInsightsService.FormerTierLabel], report.ByTier.Select(l => l.Label));
        Assert.Equal([6, null, null, null], report.ByTier[0].Averages);
        Assert.Equal([8, null, null, null], report.ByTier[1].Averages);
        Assert.Equal([null, 9, null, null], report.ByTier[2].Averages);
        Assert.Equal([null, null, null, 4.5], report.ByTier[3].Averages);
        Assert.Equal([0, 0, 0, 2], report.ByTier[3].Answers);
    }

    [Theory, AllProviders]
    public async Task What_matters_most_counts_the_choices_of_answers_only(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AnswersAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<SignificanceInsightsService>().GetAsync(manager, AugustToNovember, Ct);

        Assert.Equal([new MattersCount("rewards", 2), new MattersCount("community", 1), new MattersCount("service", 1)], report.Matters);
    }

    [Theory, AllProviders]
    public async Task Short_ranges_go_week_by_week(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AnswersAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<SignificanceInsightsService>().GetAsync(manager, new(new(2026, 10, 26), new(2026, 11, 19)), Ct);

        Assert.False(report.Monthly);
        Assert.Equal([new DateOnly(2026, 10, 26), new(2026, 11, 2), new(2026, 11, 9), new(2026, 11, 16)], report.Periods);
        Assert.Equal([null, 4.5, null, null], report.Overall.Averages);
    }

    [Theory, AllProviders]
    public async Task Tier_and_store_filters_use_the_tier_held_when_answering_and_the_home_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var leeds = await db.AddStoreAsync("Leeds");
        await AnswersAsync(db, annStoreId: leeds.Id);
        var tiers = await TierIdsAsync(db);
        var service = db.Get<SignificanceInsightsService>();

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var gold = await service.GetAsync(manager, AugustToNovember with { TierId = tiers["Gold"] }, Ct);
        var atLeeds = await service.GetAsync(manager, AugustToNovember with { StoreId = leeds.Id }, Ct);

        Assert.Equal([null, 9, null, null], gold.Overall.Averages);
        Assert.Equal(1, gold.Dismissed);
        Assert.Equal([8, 9, null, 5], atLeeds.Overall.Averages);
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var service = db.Get<SignificanceInsightsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(staff, AugustToNovember, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(member!, AugustToNovember, Ct));
    }
}
