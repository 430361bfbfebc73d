using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Achievements and the pinned goal on My progress, and "Why am I in this tier?": always the caller's own.</summary>
public sealed class MyProgressGoalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Achievement> AddAchievementAsync(TestDb db, string name, ActivityType type, int target, int? windowDays = null, bool retired = false)
    {
        await using var context = db.NewContext();
        var achievement = new Achievement
        {
            Name = name, Description = name, ActivityType = type, TargetCount = target, WindowDays = windowDays, IsRetired = retired,
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        context.Achievements.Add(achievement);
        await context.SaveChangesAsync(Ct);
        return achievement;
    }

    private static async Task EarnAsync(TestDb db, int memberId, ActivityType type, int storeId, DateTime? at = null)
    {
        await using var context = db.NewContext();
        await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
        {
            MemberId = memberId, Type = type, StoreId = storeId, OccurredAt = at ?? db.Clock.GetUtcNow().UtcDateTime, SourceKey = Guid.NewGuid().ToString("N"),
        }, Ct);
        await context.SaveChangesAsync(Ct);
    }

    [Theory, AllProviders]
    public async Task Progress_counts_only_the_window_ending_now_and_earned_ones_show_when(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync();
        var regular = await AddAchievementAsync(db, "Test regular", ActivityType.Visit, 3, windowDays: 30);
        var first = await AddAchievementAsync(db, "Test first visit", ActivityType.Visit, 1);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await EarnAsync(db, member.Id, ActivityType.Visit, store.Id, now.AddDays(-40));
        await EarnAsync(db, member.Id, ActivityType.Visit, store.Id, now.AddDays(-10));

        var achievements = (await db.Get<MyProgressService>().GetAsync(caller!, Ct))!.Achievements;

        var shown = achievements.Single(a => a.Id == regular.Id);
        Assert.Equal((1, 3, false, 33), (shown.Count, shown.Target, shown.Earned, shown.Percent));
        Assert.Equal(now.AddDays(-40), achievements.Single(a => a.Id == first.Id).EarnedAt);
    }

    [Theory, AllProviders]
    public async Task A_retired_achievement_shows_only_to_those_who_earned_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (earner, earnerCaller) = await db.AddMemberAsync("Earner");
        var (_, otherCaller) = await db.AddMemberAsync("Other");
        var achievement = await AddAchievementAsync(db, "Test first visit", ActivityType.Visit, 1);
        await EarnAsync(db, earner.Id, ActivityType.Visit, store.Id);
        await using (var context = db.NewContext())
        {
            await context.Achievements.Where(a => a.Id == achievement.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsRetired, true), Ct);
        }
        var progress = db.Get<MyProgressService>();

        Assert.Contains((await progress.GetAsync(earnerCaller!, Ct))!.Achievements, a => a.Id == achievement.Id && a.Earned);
        Assert.DoesNotContain((await progress.GetAsync(otherCaller!, Ct))!.Achievements, a => a.Id == achievement.Id);
    }

    [Theory, AllProviders]
    public async Task A_member_pins_one_goal_which_comes_first_and_can_unpin_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var (_, otherCaller) = await db.AddMemberAsync("Other");
        var events = await AddAchievementAsync(db, "Test events", ActivityType.EventAttended, 3);
        var guests = await AddAchievementAsync(db, "Test guests", ActivityType.GuestBrought, 1);
        var progress = db.Get<MyProgressService>();

        Assert.True(await progress.PinGoalAsync(caller!, events.Id, Ct));
        Assert.True(await progress.PinGoalAsync(caller!, guests.Id, Ct));
        var mine = (await progress.GetAsync(caller!, Ct))!;
        Assert.Equal((guests.Id, guests.Id), (mine.PinnedGoal!.Id, mine.Achievements[0].Id));
        Assert.Single(mine.Achievements, a => a.Pinned);
        Assert.Null((await progress.GetAsync(otherCaller!, Ct))!.PinnedGoal);

        Assert.True(await progress.PinGoalAsync(caller!, null, Ct));
        Assert.Null((await progress.GetAsync(caller!, Ct))!.PinnedGoal);
    }

    [Theory, AllProviders]
    public async Task Retired_unknown_achievements_and_callers_without_a_membership_cannot_pin(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var retired = await AddAchievementAsync(db, "Test retired", ActivityType.Visit, 2, retired: true);
        var live = await AddAchievementAsync(db, "Test live", ActivityType.Visit, 2);
        var progress = db.Get<MyProgressService>();

        Assert.False(await progress.PinGoalAsync(caller!, retired.Id, Ct));
        Assert.False(await progress.PinGoalAsync(caller!, 99_999, Ct));
        Assert.False(await progress.PinGoalAsync(staff, live.Id, Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.PinnedGoals.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Why_lists_only_the_callers_counting_activities_in_the_window_a_page_at_a_time(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync();
        var (other, _) = await db.AddMemberAsync("Other");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        for (var day = 1; day <= 60; day++) await EarnAsync(db, member.Id, ActivityType.Visit, store.Id, now.AddDays(-day));
        await EarnAsync(db, member.Id, ActivityType.Visit, store.Id, now.AddMonths(-13));
        await EarnAsync(db, other.Id, ActivityType.Visit, store.Id, now.AddHours(-1));
        var progress = db.Get<MyProgressService>();

        var first = (await progress.ExplainAsync(caller!, 0, 50, Ct))!;
        var second = (await progress.ExplainAsync(caller!, 50, 50, Ct))!;

        Assert.Equal((60, 50, 10), (first.TotalCounting, first.Activities.Count, second.Activities.Count));
        Assert.Equal(now.AddDays(-1), first.Activities[0].OccurredAt);
        Assert.Equal(now.AddDays(-1).AddMonths(12), first.Activities[0].AgesOutAt);
        Assert.All(first.Activities.Concat(second.Activities), a => Assert.Equal(10, a.Points));
        Assert.Equal(600, first.Tier.Points);
    }
}
