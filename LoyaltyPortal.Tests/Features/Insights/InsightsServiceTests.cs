using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Engagement per ISO week on a tiny hand-made ledger. The test clock reads Friday 20 Nov 2026, 10:00 UTC; the
/// programme runs on Europe/London time (GMT in November, BST in June).
/// </summary>
public sealed class InsightsServiceTests
{
    private static readonly DateOnly Mon26Oct = new(2026, 10, 26);
    private static readonly DateOnly Fri20Nov = new(2026, 11, 20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    [Theory, AllProviders]
    public async Task Engagement_for_staff_or_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var insights = db.Get<InsightsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => insights.GetEngagementAsync(staff, new(Mon26Oct, Fri20Nov), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => insights.GetEngagementAsync(member!, new(Mon26Oct, Fri20Nov), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => insights.GetOptionsAsync(member!, Ct));
    }

    [Theory, AllProviders]
    public async Task Weekly_active_members_are_distinct_members_and_activities_are_counted_by_type(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 2));
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 8, 20));
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(11, 4));
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(11, 10), amount: 20m);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<InsightsService>().GetEngagementAsync(manager, new(Mon26Oct, Fri20Nov), Ct);

        Assert.Equal([Mon26Oct, new(2026, 11, 2), new(2026, 11, 9), new(2026, 11, 16)], report.Weeks);
        Assert.Equal([0, 2, 1, null], report.ActiveMembers);
        Assert.Equal([ActivityType.Visit, ActivityType.Purchase], report.Activities.Select(a => a.Type));
        Assert.Equal([0, 3, 0, 0], report.Activities[0].Counts);
        Assert.Equal([0, 0, 1, 0], report.Activities[1].Counts);
    }

    [Theory, AllProviders]
    public async Task An_empty_range_has_every_week_at_zero_and_no_activity_types(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<InsightsService>().GetEngagementAsync(manager, new(Mon26Oct, Fri20Nov), Ct);

        Assert.Equal([0, 0, 0, null], report.ActiveMembers);
        Assert.Empty(report.Activities);
        Assert.False(report.HasActivity);
    }

    [Theory, AllProviders]
    public async Task Both_range_ends_are_whole_local_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 2, 23, 59, 59));   // Monday, the day before the range
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(11, 3, 0, 0, 0));   // the first instant of the range
        await db.AddActivityAsync(ann.Id, ActivityType.FeedbackGiven, Utc(11, 10, 23, 59, 59)); // the last second of the range
        await db.AddActivityAsync(ann.Id, ActivityType.GuestBrought, Utc(11, 11, 0, 0, 0)); // the day after

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<InsightsService>().GetEngagementAsync(manager, new(new(2026, 11, 3), new(2026, 11, 10)), Ct);

        Assert.Equal([new DateOnly(2026, 11, 2), new(2026, 11, 9)], report.Weeks);
        Assert.Equal([ActivityType.Purchase, ActivityType.FeedbackGiven], report.Activities.Select(a => a.Type));
        Assert.Equal([1, 0], report.Activities[0].Counts);
        Assert.Equal([0, 1], report.Activities[1].Counts);
    }

    [Theory, AllProviders]
    public async Task Weeks_and_days_follow_the_programme_time_zone_in_summer(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(6, 7, 22, 59));  // Sun 7 Jun, 23:59 in London: before the range
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(6, 7, 23, 30));  // Mon 8 Jun, 00:30 in London
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(6, 14, 23, 30)); // Mon 15 Jun, 00:30 in London: week two

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<InsightsService>().GetEngagementAsync(manager, new(new(2026, 6, 8), new(2026, 6, 21)), Ct);

        Assert.Equal([new DateOnly(2026, 6, 8), new(2026, 6, 15)], report.Weeks);
        Assert.Equal([1, 1], report.ActiveMembers);
        Assert.Equal([1, 1], Assert.Single(report.Activities).Counts);
    }

    [Theory, AllProviders]
    public async Task A_store_filter_counts_only_activities_at_that_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var garden = await db.AddStoreAsync("Covent Garden");
        var leeds = await db.AddStoreAsync("Leeds");
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 3), garden.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 4), leeds.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, Utc(11, 5), leeds.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.FeedbackGiven, Utc(11, 5));

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<InsightsService>().GetEngagementAsync(manager, new(Mon26Oct, Fri20Nov, StoreId: leeds.Id), Ct);

        Assert.Equal([0, 2, 0, null], report.ActiveMembers);
        Assert.Equal([0, 2, 0, 0], Assert.Single(report.Activities).Counts);
    }

    [Theory, AllProviders]
    public async Task A_tier_filter_counts_members_by_their_current_standing_and_the_entry_tier_includes_members_without_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (silverAnn, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (entryBen, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var (noStandingCy, _) = await db.AddMemberAsync("Cy", withLogin: false);
        int entryId, silverId;
        await using (var context = db.NewContext())
        {
            entryId = await context.Tiers.Where(t => t.Name == StarterTiers.Entry).Select(t => t.Id).SingleAsync(Ct);
            silverId = await context.Tiers.Where(t => t.Name == "Silver").Select(t => t.Id).SingleAsync(Ct);
            context.MemberStandings.AddRange(
                new MemberStanding { MemberId = silverAnn.Id, TierId = silverId, PointsInWindow = 320, UpdatedAt = Utc(11, 1) },
                new MemberStanding { MemberId = entryBen.Id, TierId = entryId, PointsInWindow = 20, UpdatedAt = Utc(11, 1) });
            await context.SaveChangesAsync(Ct);
        }
        foreach (var member in new[] { silverAnn, entryBen, noStandingCy }) await db.AddActivityAsync(member.Id, ActivityType.Visit, Utc(11, 10));
        await db.AddActivityAsync(silverAnn.Id, ActivityType.Purchase, Utc(11, 11), amount: 50m);
        var insights = db.Get<InsightsService>();

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var silver = await insights.GetEngagementAsync(manager, new(Mon26Oct, Fri20Nov, TierId: silverId), Ct);
        var entry = await insights.GetEngagementAsync(manager, new(Mon26Oct, Fri20Nov, TierId: entryId), Ct);

        Assert.Equal([0, 0, 1, null], silver.ActiveMembers);
        Assert.Equal([0, 0, 1, 0], silver.Activities.Single(a => a.Type == ActivityType.Purchase).Counts);
        Assert.Equal([0, 0, 2, null], entry.ActiveMembers);
        Assert.Equal([ActivityType.Visit], entry.Activities.Select(a => a.Type));
    }

    [Theory, AllProviders]
    public async Task A_range_inside_one_week_and_the_longest_range_both_work(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 18));
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, new DateTime(2024, 11, 27, 12, 0, 0, DateTimeKind.Utc));
        var insights = db.Get<InsightsService>();
        var longest = new InsightsFilter(InsightsFilter.WeekStart(Fri20Nov).AddDays(-7 * (InsightsFilter.MaxWeeks - 1)), Fri20Nov);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var oneWeek = await insights.GetEngagementAsync(manager, new(new(2026, 11, 17), new(2026, 11, 19)), Ct);
        var twoYears = await insights.GetEngagementAsync(manager, longest, Ct);

        // Distinct members are counted per whole week: a week the range cuts short shows its activities only.
        Assert.Equal([null], oneWeek.ActiveMembers);
        Assert.Equal([1], oneWeek.Activities.Single().Counts);
        Assert.Equal(InsightsFilter.MaxWeeks, twoYears.Weeks.Count);
        Assert.Equal(1, twoYears.ActiveMembers[0]);
        Assert.Null(twoYears.ActiveMembers[^1]);
        Assert.Equal(1, twoYears.ActiveMembers.Sum());
        Assert.Equal(2, twoYears.Activities.Single().Counts.Sum());
    }

    [Theory, AllProviders]
    public async Task Before_the_rollups_first_run_engagement_says_it_is_preparing_and_a_refresh_catches_up(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 2));
        var insights = db.Get<InsightsService>();
        var filter = new InsightsFilter(Mon26Oct, new(2026, 11, 15));

        var preparing = await insights.GetEngagementAsync(manager, filter, Ct);
        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var first = await insights.GetEngagementAsync(manager, filter, Ct);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 3));
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(11, 10));
        var beforeRefresh = await insights.GetEngagementAsync(manager, filter, Ct);
        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var caughtUp = await insights.GetEngagementAsync(manager, filter, Ct);

        Assert.True(preparing.IsPreparing);
        Assert.False(preparing.HasActivity);
        Assert.Equal([0, 1, 0], first.Activities.Single().Counts);
        Assert.Equal(first.Activities.Single().Counts, beforeRefresh.Activities.Single().Counts);
        Assert.Equal([0, 1, 1], caughtUp.ActiveMembers);
        Assert.Equal([0, 2, 1], caughtUp.Activities.Single().Counts);
        Assert.False(caughtUp.IsPreparing);
    }

    [Theory, AllProviders]
    public async Task Filter_options_list_stores_by_name_and_tiers_from_the_entry_tier_up(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddStoreAsync("Leeds");
        await db.AddStoreAsync("Bath");

        var options = await db.Get<InsightsService>().GetOptionsAsync(manager, Ct);

        Assert.Equal(["Bath", "Leeds"], options.Stores.Select(s => s.Name));
        Assert.Equal([StarterTiers.Entry, "Silver", "Gold"], options.Tiers.Select(t => t.Name));
    }
}
