using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using static LoyaltyPortal.Tests.Features.Progress.AchievementTestData;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>The sweep that awards achievements already met by history written past the ledger.</summary>
public sealed class AchievementHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task The_sweep_awards_history_at_the_first_instant_the_rule_was_met(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 3, windowDays: 7);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        // Out of order on purpose; the window ending at day -7 is the first to hold three (-12, -9, -7).
        await db.InsertHistoryAsync([.. new[] { -3, -40, -7, -12, -20, -9 }.Select(day => Visit(member.Id, store.Id, now.AddDays(day)))]);

        await db.Get<AchievementKeeper>().AwardFromHistoryAsync(Ct);

        Assert.Equal([now.AddDays(-7)], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task The_sweep_leaves_out_members_whose_history_falls_short(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 3);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.InsertHistoryAsync(Event(member.Id, now.AddDays(-300)), Event(member.Id, now.AddDays(-2)));

        await db.Get<AchievementKeeper>().AwardFromHistoryAsync(Ct);

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task The_sweep_skips_retired_achievements(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 1, retired: true);
        await db.InsertHistoryAsync(Event(member.Id, db.Clock.GetUtcNow().UtcDateTime));

        await db.Get<AchievementKeeper>().AwardFromHistoryAsync(Ct);

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_second_sweep_awards_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        await db.AddAchievementAsync(ActivityType.EventAttended, target: 1);
        await db.InsertHistoryAsync(Event(member.Id, db.Clock.GetUtcNow().UtcDateTime));
        var keeper = db.Get<AchievementKeeper>();
        Assert.NotEqual(0, await keeper.AwardFromHistoryAsync(Ct));

        Assert.Equal(0, await keeper.AwardFromHistoryAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task The_sweep_keeps_an_achievement_the_ledger_already_awarded(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 1);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.AppendAsync(Event(member.Id, now));
        await db.InsertHistoryAsync(Event(member.Id, now.AddDays(-30)));

        await db.Get<AchievementKeeper>().AwardFromHistoryAsync(Ct);

        Assert.Equal([now], await db.EarnedAtAsync(member.Id, achievement));
    }
}
