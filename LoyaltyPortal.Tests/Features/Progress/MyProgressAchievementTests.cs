using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Achievements on the progress page and the pinned goal, over the starter achievements. Now is 20 Nov 2026 10:00 UTC.</summary>
public sealed class MyProgressAchievementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> AchievementIdAsync(TestDb db, string name) =>
        db.QueryAsync(c => c.Achievements.Where(a => a.Name == name).Select(a => a.Id).SingleAsync(Ct));

    private static Task RetireAsync(TestDb db, string name) =>
        db.QueryAsync(c => c.Achievements.Where(a => a.Name == name).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsRetired, true), Ct));

    private static async Task<IReadOnlyList<AchievementProgress>> AchievementsAsync(TestDb db, Caller caller) =>
        (await db.Get<MyProgressService>().GetAsync(caller, Ct))!.Achievements;

    [Theory, AllProviders]
    public async Task A_windowed_achievement_counts_only_activities_in_its_window(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-40), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-20), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-5), store.Id);
        Assert.Equal(2, (await AchievementsAsync(db, caller!)).Single(a => a.Name == "Regular").Count);

        db.Clock.Advance(TimeSpan.FromDays(15));

        Assert.Equal(1, (await AchievementsAsync(db, caller!)).Single(a => a.Name == "Regular").Count);
    }

    [Theory, AllProviders]
    public async Task An_earned_achievement_shows_when_it_was_earned(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var at = db.Clock.GetUtcNow().UtcDateTime.AddDays(-3);
        await db.EarnAsync(member.Id, ActivityType.TrialCompleted, at);

        var tester = (await AchievementsAsync(db, caller!)).Single(a => a.Name == "Tester");

        Assert.Equal((true, (DateTime?)at, 100), (tester.Earned, tester.EarnedAt, tester.Percent));
    }

    [Theory, AllProviders]
    public async Task A_retired_achievement_stays_on_the_page_of_those_who_earned_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.EarnAsync(member.Id, ActivityType.TrialCompleted, db.Clock.GetUtcNow().UtcDateTime);
        await RetireAsync(db, "Tester");

        Assert.Contains(await AchievementsAsync(db, caller!), a => a.Name == "Tester" && a.EarnedAt is not null);
    }

    [Theory, AllProviders]
    public async Task A_retired_achievement_is_hidden_from_those_who_had_not_earned_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.AddActivityAsync(member.Id, ActivityType.FeedbackGiven, db.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        await RetireAsync(db, "Voice");

        Assert.DoesNotContain(await AchievementsAsync(db, caller!), a => a.Name == "Voice");
    }

    [Theory, AllProviders]
    public async Task A_pinned_goal_comes_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var voice = await AchievementIdAsync(db, "Voice");

        Assert.True(await db.Get<MyProgressService>().PinGoalAsync(caller!, voice, Ct));

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);
        Assert.Equal((voice, true), (progress!.Achievements[0].Id, progress.Achievements[0].Pinned));
        Assert.Equal(voice, progress.PinnedGoal?.Id);
    }

    [Theory, AllProviders]
    public async Task Pinning_another_goal_replaces_the_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var service = db.Get<MyProgressService>();
        await service.PinGoalAsync(caller!, await AchievementIdAsync(db, "Voice"), Ct);
        var regular = await AchievementIdAsync(db, "Regular");

        Assert.True(await service.PinGoalAsync(caller!, regular, Ct));

        Assert.Equal([regular], (await AchievementsAsync(db, caller!)).Where(a => a.Pinned).Select(a => a.Id));
    }

    [Theory, AllProviders]
    public async Task Unpinning_leaves_no_goal(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<MyProgressService>();
        await service.PinGoalAsync(caller!, await AchievementIdAsync(db, "Voice"), Ct);

        Assert.True(await service.PinGoalAsync(caller!, null, Ct));

        Assert.Null((await service.GetAsync(caller!, Ct))!.PinnedGoal);
        Assert.False(await db.QueryAsync(c => c.PinnedGoals.AnyAsync(p => p.MemberId == member.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Pinning_a_retired_achievement_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        await RetireAsync(db, "Voice");

        Assert.False(await db.Get<MyProgressService>().PinGoalAsync(caller!, await AchievementIdAsync(db, "Voice"), Ct));
        Assert.False(await db.QueryAsync(c => c.PinnedGoals.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Pinning_an_achievement_that_does_not_exist_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();

        Assert.False(await db.Get<MyProgressService>().PinGoalAsync(caller!, 999_999, Ct));
        Assert.False(await db.QueryAsync(c => c.PinnedGoals.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Staff_cannot_pin_a_goal(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        Assert.False(await db.Get<MyProgressService>().PinGoalAsync(staff, await AchievementIdAsync(db, "Voice"), Ct));
        Assert.False(await db.QueryAsync(c => c.PinnedGoals.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_pin_is_the_callers_own_and_not_another_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync("Alex");
        var (_, other) = await db.AddMemberAsync("Jo");

        await db.Get<MyProgressService>().PinGoalAsync(caller!, await AchievementIdAsync(db, "Voice"), Ct);

        Assert.Equal(member.Id, await db.QueryAsync(c => c.PinnedGoals.Select(p => p.MemberId).SingleAsync(Ct)));
        Assert.Null((await db.Get<MyProgressService>().GetAsync(other!, Ct))!.PinnedGoal);
    }

    [Theory, AllProviders]
    public async Task Pinning_tells_the_members_open_pages(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var raised = new List<(int, MemberChange)>();
        db.Get<MemberEvents>().Changed += (id, change) => raised.Add((id, change));

        await db.Get<MyProgressService>().PinGoalAsync(caller!, await AchievementIdAsync(db, "Voice"), Ct);

        Assert.Equal([(member.Id, MemberChange.Activity)], raised);
    }
}
