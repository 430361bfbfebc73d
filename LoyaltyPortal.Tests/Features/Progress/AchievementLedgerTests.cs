using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using static LoyaltyPortal.Tests.Features.Progress.AchievementTestData;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Achievements awarded by the ledger, in the same save as the activity that meets them. Now is 20 Nov 2026 10:00 UTC.</summary>
public sealed class AchievementLedgerTests
{
    [Theory, AllProviders]
    public async Task Two_events_do_not_earn_attend_three_events(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 3);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(member.Id, now.AddDays(-10)));
        await db.AppendAsync(Event(member.Id, now.AddDays(-5)));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task The_third_event_earns_attend_three_events_at_the_time_it_happened(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 3);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(member.Id, now.AddDays(-10)));
        await db.AppendAsync(Event(member.Id, now.AddDays(-5)));
        await db.AppendAsync(Event(member.Id, now.AddHours(-2)));

        Assert.Equal([now.AddHours(-2)], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task Four_visits_spread_over_sixty_days_do_not_earn_four_visits_in_thirty_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 4, windowDays: 30);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        foreach (var day in new[] { -60, -40, -20, 0 }) await db.AppendAsync(Visit(member.Id, store.Id, now.AddDays(day)));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task Four_visits_within_thirty_days_earn_it_at_the_fourth(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 4, windowDays: 30);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Visit(member.Id, covent.Id, now.AddDays(-60)));
        await db.AppendAsync(Visit(member.Id, leeds.Id, now.AddDays(-29)));
        await db.AppendAsync(Visit(member.Id, covent.Id, now.AddDays(-20)));
        await db.AppendAsync(Visit(member.Id, leeds.Id, now.AddDays(-10)));
        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));

        await db.AppendAsync(Visit(member.Id, covent.Id, now));

        Assert.Equal([now], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_visit_exactly_thirty_days_before_is_outside_the_thirty_day_window(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var store = await db.AddStoreAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.Visit, target: 3, windowDays: 30);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        foreach (var day in new[] { -30, -15, 0 }) await db.AppendAsync(Visit(member.Id, store.Id, now.AddDays(day)));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task Several_appends_in_one_save_award_once_at_the_activity_that_met_the_target(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 2);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(member.Id, now.AddDays(-3)), Event(member.Id, now.AddDays(-2)), Event(member.Id, now.AddDays(-1)));

        Assert.Equal([now.AddDays(-2)], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task A_retired_achievement_is_never_awarded(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 1, retired: true);

        await db.AppendAsync(Event(member.Id, db.Clock.GetUtcNow().UtcDateTime));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task An_achievement_already_earned_is_kept_from_the_first_time_and_not_awarded_again(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 1);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(member.Id, now.AddDays(-1)));
        await db.AppendAsync(Event(member.Id, now));

        Assert.Equal([now.AddDays(-1)], await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task The_same_source_key_twice_counts_once_toward_an_achievement(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 2);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(member.Id, now.AddDays(-1), "event:1"), Event(member.Id, now.AddDays(-1), "event:1"));
        await db.AppendAsync(Event(member.Id, now, "event:1"));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }

    [Theory, AllProviders]
    public async Task Another_members_activity_does_not_count(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var (other, _) = await db.AddMemberAsync("Jo Smith");
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 2);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.AppendAsync(Event(other.Id, now.AddDays(-1)));
        await db.AppendAsync(Event(member.Id, now));

        Assert.Empty(await db.EarnedAtAsync(member.Id, achievement));
    }
}
