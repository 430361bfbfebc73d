using LoyaltyPortal.Data;
using static LoyaltyPortal.Tests.Features.Progress.AchievementTestData;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Visits recorded "now" as the clock moves on: the window slides with them.</summary>
public sealed class AchievementClockTests
{
    private static Task VisitNowAsync(TestDb db, int memberId, int storeId) =>
        db.AppendAsync(Visit(memberId, storeId, db.Clock.GetUtcNow().UtcDateTime));

    [Theory, AllProviders]
    public async Task Visits_four_days_apart_never_put_three_in_seven_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 3, windowDays: 7);

        await VisitNowAsync(db, member.Id, store.Id);
        db.Clock.Advance(TimeSpan.FromDays(4));
        await VisitNowAsync(db, member.Id, store.Id);
        db.Clock.Advance(TimeSpan.FromDays(4));
        await VisitNowAsync(db, member.Id, store.Id);

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_visit_a_day_later_brings_three_into_seven_days_and_earns_it_then(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 3, windowDays: 7);
        foreach (var days in new[] { 0, 4, 4 })
        {
            db.Clock.Advance(TimeSpan.FromDays(days));
            await VisitNowAsync(db, member.Id, store.Id);
        }

        db.Clock.Advance(TimeSpan.FromDays(1));
        await VisitNowAsync(db, member.Id, store.Id);

        Assert.Equal([db.Clock.GetUtcNow().UtcDateTime], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_visit_seven_days_to_the_second_after_the_first_leaves_it_outside_the_window(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 2, windowDays: 7);

        await VisitNowAsync(db, member.Id, store.Id);
        db.Clock.Advance(TimeSpan.FromDays(7));
        await VisitNowAsync(db, member.Id, store.Id);

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_visit_a_second_under_seven_days_after_the_first_earns_two_in_seven_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 2, windowDays: 7);

        await VisitNowAsync(db, member.Id, store.Id);
        db.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        await VisitNowAsync(db, member.Id, store.Id);

        Assert.Equal([db.Clock.GetUtcNow().UtcDateTime], await db.EarnedAtAsync(member.Id, achievement));
    }
}
