using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights.Rollups;

/// <summary>
/// The rollups against hand-counted days. The test clock reads Friday 20 Nov 2026, 10:00 UTC; the programme runs on
/// Europe/London time (BST, UTC+1, in June).
/// </summary>
public sealed class InsightsRollupsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Days_follow_the_programme_time_zone_and_totals_split_by_store_tier_and_type(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var leeds = await db.AddStoreAsync("Leeds");
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        // 23:30 UTC on 10 June is 00:30 on 11 June in London.
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, new DateTime(2026, 6, 10, 23, 30, 0, DateTimeKind.Utc), leeds.Id, 12.25m);
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, new DateTime(2026, 6, 11, 9, 0, 0, DateTimeKind.Utc), leeds.Id, 7.75m);
        await db.AddActivityAsync(ann.Id, ActivityType.FeedbackGiven, new DateTime(2026, 6, 11, 10, 0, 0, DateTimeKind.Utc));

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var totals = await db.QueryAsync(c => c.ActivityDayTotals.OrderBy(t => t.Type).ToListAsync(Ct));
        var entryTier = await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct));

        Assert.Equal(
            [(new DateOnly(2026, 6, 11), leeds.Id, entryTier, ActivityType.Purchase, 2, 20.00), (new DateOnly(2026, 6, 11), ActivityDayTotal.NoStore, entryTier, ActivityType.FeedbackGiven, 1, 0.0)],
            totals.Select(t => (t.Day, t.StoreId, t.TierId, t.Type, t.Activities, t.Amount)).OrderBy(t => t.Type == ActivityType.Purchase ? 0 : 1));
    }

    [Theory, AllProviders]
    public async Task Refreshing_again_changes_nothing_and_a_backdated_activity_recounts_its_own_day(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var longAgo = new DateTime(2025, 3, 4, 12, 0, 0, DateTimeKind.Utc);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, longAgo);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, new DateTime(2026, 11, 19, 12, 0, 0, DateTimeKind.Utc));
        var rollups = db.Get<InsightsRollups>();

        await rollups.RefreshAsync(Ct);
        var first = await SnapshotAsync(db);
        var idle = await rollups.RefreshAsync(Ct);
        var second = await SnapshotAsync(db);
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, longAgo.AddHours(1));
        var late = await rollups.RefreshAsync(Ct);
        var third = await SnapshotAsync(db);

        Assert.Equal(first, second);
        Assert.Equal((0, 0), (idle.ActivityDays, idle.Weeks));
        Assert.Equal((1, 1), (late.ActivityDays, late.Weeks));
        Assert.Contains((new DateOnly(2025, 3, 4), 2), third.Days);
        Assert.Contains((new DateOnly(2025, 3, 3), 2), third.Weeks);
        Assert.Contains((new DateOnly(2026, 11, 16), 1), third.Weeks);
    }

    [Theory, AllProviders]
    public async Task Weekly_active_members_are_counted_once_per_store_tier_and_overall(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var leeds = await db.AddStoreAsync("Leeds");
        var york = await db.AddStoreAsync("York");
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var monday = new DateTime(2026, 11, 9, 12, 0, 0, DateTimeKind.Utc);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, monday, leeds.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, monday.AddDays(1), leeds.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, monday.AddDays(2), york.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.FeedbackGiven, monday.AddDays(6));

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var weeks = await db.QueryAsync(c => c.ActiveMembersWeeks.Where(w => w.WeekStart == new DateOnly(2026, 11, 9)).ToListAsync(Ct));
        var entryTier = await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct));

        int Members(int store, int tier) => weeks.SingleOrDefault(w => w.StoreId == store && w.TierId == tier)?.Members ?? 0;
        Assert.Equal(2, Members(ActiveMembersWeek.All, ActiveMembersWeek.All));
        Assert.Equal(2, Members(ActiveMembersWeek.All, entryTier));
        Assert.Equal(1, Members(leeds.Id, ActiveMembersWeek.All));
        Assert.Equal(1, Members(york.Id, entryTier));
    }

    [Theory, AllProviders]
    public async Task Freshness_is_unknown_until_the_first_refresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var rollups = db.Get<InsightsRollups>();

        var before = await RefreshedAtAsync(db);
        await rollups.RefreshAsync(Ct);
        var after = await RefreshedAtAsync(db);

        Assert.Null(before);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, after);
    }

    private static Task<DateTime?> RefreshedAtAsync(TestDb db) =>
        db.QueryAsync(c => c.InsightsRollupStates.Select(r => r.RefreshedAt).SingleOrDefaultAsync(Ct));

    private sealed record Snapshot(IReadOnlyList<(DateOnly Day, int Activities)> Days, IReadOnlyList<(DateOnly Week, int Members)> Weeks)
    {
        public bool Equals(Snapshot? other) => other is not null && Days.SequenceEqual(other.Days) && Weeks.SequenceEqual(other.Weeks);
        public override int GetHashCode() => Days.Count;
    }

    private static async Task<Snapshot> SnapshotAsync(TestDb db)
    {
        var days = await db.QueryAsync(c => c.ActivityDayTotals.OrderBy(t => t.Day).Select(t => new { t.Day, t.Activities }).ToListAsync(Ct));
        var weeks = await db.QueryAsync(c => c.ActiveMembersWeeks.Where(w => w.StoreId == ActiveMembersWeek.All && w.TierId == ActiveMembersWeek.All)
            .OrderBy(w => w.WeekStart).Select(w => new { w.WeekStart, w.Members }).ToListAsync(Ct));
        return new(days.Select(d => (d.Day, d.Activities)).ToList(), weeks.Select(w => (w.WeekStart, w.Members)).ToList());
    }
}
