using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>"Why am I in this tier?" and whose activity the progress page shows. Now is 20 Nov 2026 10:00 UTC.</summary>
public sealed class MyProgressExplainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Explain_pages_through_the_activities_that_count_newest_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        for (var day = 1; day <= 5; day++) await db.EarnAsync(member.Id, ActivityType.EventAttended, now.AddDays(-day));

        var first = await db.Get<MyProgressService>().ExplainAsync(caller!, 0, 2, Ct);
        var last = await db.Get<MyProgressService>().ExplainAsync(caller!, 4, 2, Ct);

        Assert.Equal((5, 5), (first!.TotalCounting, last!.TotalCounting));
        Assert.Equal([now.AddDays(-1), now.AddDays(-2)], first.Activities.Select(a => a.OccurredAt));
        Assert.Equal([now.AddDays(-5)], last.Activities.Select(a => a.OccurredAt));
    }

    [Theory, AllProviders]
    public async Task Explain_leaves_out_activities_without_points_and_those_outside_the_window(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var counted = await db.EarnAsync(member.Id, ActivityType.Visit, now.AddHours(-2), storeId: store.Id);
        await db.EarnAsync(member.Id, ActivityType.Visit, now.AddHours(-1), storeId: store.Id); // capped: 0 points
        await db.EarnAsync(member.Id, ActivityType.EventAttended, now.AddMonths(-13));

        var explanation = await db.Get<MyProgressService>().ExplainAsync(caller!, 0, 50, Ct);

        var only = Assert.Single(explanation!.Activities);
        Assert.Equal((counted.Id, 10, now.AddHours(-2).AddMonths(12)), (only.Id, only.Points, only.AgesOutAt));
        Assert.Equal(1, explanation.TotalCounting);
    }

    [Theory, AllProviders]
    public async Task Explain_never_shows_another_members_activities(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync("Alex");
        var (other, _) = await db.AddMemberAsync("Jo");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var mine = await db.EarnAsync(member.Id, ActivityType.EventAttended, now.AddDays(-2));
        await db.EarnAsync(other.Id, ActivityType.EventAttended, now.AddDays(-1));
        await db.EarnAsync(other.Id, ActivityType.ReferralConverted, now.AddDays(-3));

        var explanation = await db.Get<MyProgressService>().ExplainAsync(caller!, 0, 50, Ct);

        Assert.Equal([mine.Id], explanation!.Activities.Select(a => a.Id));
        Assert.Equal((1, 40), (explanation.TotalCounting, explanation.Tier.Points));
    }

    [Theory, AllProviders]
    public async Task Explain_for_staff_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        Assert.Null(await db.Get<MyProgressService>().ExplainAsync(staff, 0, 10, Ct));
    }

    [Theory, AllProviders]
    public async Task Progress_never_shows_another_members_activity_or_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync("Alex");
        var (other, _) = await db.AddMemberAsync("Jo");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var mine = await db.EarnAsync(member.Id, ActivityType.EventAttended, now.AddDays(-2));
        await db.EarnAsync(other.Id, ActivityType.ReferralConverted, now.AddDays(-1));
        await db.EarnAsync(other.Id, ActivityType.TrialCompleted, now.AddDays(-3));

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal([mine.Id], progress!.RecentActivity.Select(a => a.Id));
        Assert.Equal(40, progress.Tier.Points);
        Assert.DoesNotContain(progress.Achievements, a => a.Earned);
    }
}
