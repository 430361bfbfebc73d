using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Tier distribution and monthly movement on a hand-made dataset. The test clock reads Friday 20 Nov 2026, 10:00 UTC;
/// the programme runs on Europe/London time (BST until 25 Oct 2026, GMT after).
/// </summary>
public sealed class TierInsightsServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly InsightsFilter SepToNov = new(new(2026, 9, 15), new(2026, 11, 19));

    private static async Task<Dictionary<string, int>> TiersAsync(TestDb db) => await db.QueryAsync(c => c.Tiers.ToDictionaryAsync(t => t.Name, t => t.Id, Ct));

    private static async Task HoldAsync(TestDb db, int memberId, int tierId)
    {
        await using var context = db.NewContext();
        context.MemberStandings.Add(new MemberStanding { MemberId = memberId, TierId = tierId, UpdatedAt = db.Clock.GetUtcNow().UtcDateTime });
        await context.SaveChangesAsync(Ct);
    }

    private static async Task MoveAsync(TestDb db, int memberId, int from, int to, bool up, DateTime at)
    {
        await using var context = db.NewContext();
        context.TierChanges.Add(new TierChange { MemberId = memberId, FromTierId = from, ToTierId = to, IsUp = up, ChangedAt = at });
        await context.SaveChangesAsync(Ct);
    }

    [Theory, AllProviders]
    public async Task Tiers_for_staff_or_a_member_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<TierInsightsService>().GetAsync(staff, SepToNov, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<TierInsightsService>().GetAsync(member!, SepToNov, Ct));
    }

    [Theory, AllProviders]
    public async Task Distribution_counts_members_by_the_tier_held_now_and_the_store_filter_uses_home_stores(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var tiers = await TiersAsync(db);
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        await db.AddMemberAsync("No Standing", withLogin: false, homeStoreId: covent.Id);
        var (silver, _) = await db.AddMemberAsync("Sam Silver", withLogin: false, homeStoreId: covent.Id);
        var (gold, _) = await db.AddMemberAsync("Gail Gold", withLogin: false, homeStoreId: leeds.Id);
        var (gone, _) = await db.AddMemberAsync("Gone Gold", withLogin: false, homeStoreId: leeds.Id);
        await HoldAsync(db, silver.Id, tiers["Silver"]);
        await HoldAsync(db, gold.Id, tiers["Gold"]);
        await HoldAsync(db, gone.Id, tiers["Gold"]);
        await db.QueryAsync(c => c.Members.Where(m => m.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, DateTime.UtcNow), Ct));
        var service = db.Get<TierInsightsService>();

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var all = await service.GetAsync(manager, SepToNov, Ct);
        var inCovent = await service.GetAsync(manager, SepToNov with { StoreId = covent.Id }, Ct);

        Assert.Equal([("Member", 1), ("Silver", 1), ("Gold", 1)], all.Distribution.Select(t => (t.Name, t.Members)));
        Assert.Equal([("Member", 1), ("Silver", 1), ("Gold", 0)], inCovent.Distribution.Select(t => (t.Name, t.Members)));
    }

    [Theory, AllProviders]
    public async Task Movement_counts_ups_and_downs_per_local_calendar_month(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var t = await TiersAsync(db);
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false, homeStoreId: covent.Id);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false, homeStoreId: leeds.Id);
        await MoveAsync(db, ann.Id, t["Member"], t["Silver"], true, new(2026, 9, 14, 22, 59, 0, DateTimeKind.Utc));   // 14 Sep 23:59 BST: before the range
        await MoveAsync(db, ann.Id, t["Silver"], t["Gold"], true, new(2026, 9, 14, 23, 30, 0, DateTimeKind.Utc));     // 15 Sep 00:30 BST: September
        await MoveAsync(db, ben.Id, t["Member"], t["Silver"], true, new(2026, 9, 30, 23, 30, 0, DateTimeKind.Utc));   // 1 Oct 00:30 BST: October
        await MoveAsync(db, ben.Id, t["Silver"], t["Gold"], true, new(2026, 10, 12, 9, 0, 0, DateTimeKind.Utc));
        await MoveAsync(db, ann.Id, t["Gold"], t["Silver"], false, new(2026, 10, 31, 23, 59, 0, DateTimeKind.Utc));   // 31 Oct 23:59 GMT: October
        await MoveAsync(db, ben.Id, t["Gold"], t["Member"], false, new(2026, 11, 19, 23, 59, 59, DateTimeKind.Utc)); // the range's last second
        await MoveAsync(db, ann.Id, t["Silver"], t["Member"], false, new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc));   // the day after
        var service = db.Get<TierInsightsService>();

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var all = await service.GetAsync(manager, SepToNov, Ct);
        var gold = await service.GetAsync(manager, SepToNov with { TierId = t["Gold"] }, Ct);
        var leedsOnly = await service.GetAsync(manager, SepToNov with { StoreId = leeds.Id }, Ct);

        Assert.Equal([new(new(2026, 9, 1), true, 1, 0), new(new(2026, 10, 1), false, 2, 1), new MonthlyTierMoves(new(2026, 11, 1), true, 0, 1)], all.Movement);
        Assert.Equal([(1, 0), (1, 1), (0, 1)], gold.Movement.Select(m => (m.Up, m.Down)));
        Assert.Equal([(0, 0), (2, 0), (0, 1)], leedsOnly.Movement.Select(m => (m.Up, m.Down)));
        Assert.True(all.HasMovement);
    }

    [Theory, AllProviders]
    public async Task A_range_without_moves_has_every_month_at_zero(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var report = await db.Get<TierInsightsService>().GetAsync(manager, new(new(2026, 1, 1), new(2026, 3, 31)), Ct);

        Assert.Equal([new(2026, 1, 1), new(2026, 2, 1), new DateOnly(2026, 3, 1)], report.Movement.Select(m => m.Month));
        Assert.All(report.Movement, m => Assert.False(m.IsPartial));
        Assert.False(report.HasMovement);
        Assert.False(report.HasMembers);
    }
}
