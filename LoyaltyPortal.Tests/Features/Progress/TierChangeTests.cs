using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Tier history: every change of held tier leaves one <see cref="TierChange"/> row, up or down by tier order.</summary>
public sealed class TierChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<List<(int? From, int To, bool IsUp, DateTime At)>> ChangesAsync(TestDb db, int memberId) =>
        db.QueryAsync(async c => (await c.TierChanges.Where(t => t.MemberId == memberId).OrderBy(t => t.Id).ToListAsync(Ct))
            .Select(t => (t.FromTierId, t.ToTierId, t.IsUp, t.ChangedAt)).ToList());

    private static Task<Dictionary<string, int>> TiersAsync(TestDb db) =>
        db.QueryAsync(c => c.Tiers.ToDictionaryAsync(t => t.Name, t => t.Id, Ct));

    [Theory, AllProviders]
    public async Task Earning_into_a_higher_tier_records_one_move_up_when_it_happened(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var tiers = await TiersAsync(db);
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.EarnPointsAsync(member.Id, 100, now.AddDays(-3));   // still the entry tier: no change
        await db.EarnPointsAsync(member.Id, 250, now.AddDays(-2));   // 350: Silver
        await db.EarnPointsAsync(member.Id, 50, now.AddDays(-1));    // 400: still Silver

        Assert.Equal([(tiers["Member"], tiers["Silver"], true, now.AddDays(-2))], await ChangesAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Jumping_two_tiers_in_one_purchase_is_one_move(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var tiers = await TiersAsync(db);
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await db.EarnPointsAsync(member.Id, 1_000, now);

        Assert.Equal([(tiers["Member"], tiers["Gold"], true, now)], await ChangesAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task The_nightly_recompute_records_a_drop_once_points_and_grace_have_run_out(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var tiers = await TiersAsync(db);
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        var (other, _) = await db.AddMemberAsync("Still Silver", withLogin: false);
        var start = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 300, start);
        await db.EarnPointsAsync(other.Id, 300, start);

        db.Clock.Advance(TimeSpan.FromDays(200));
        await db.EarnPointsAsync(other.Id, 300, db.Clock.GetUtcNow().UtcDateTime);
        db.Clock.Advance(TimeSpan.FromDays(200));   // 400 days on: the first 300 points left the 12-month window, and 30 days of grace passed
        var maintenance = db.Get<StandingMaintenance>();
        await maintenance.RecomputeAllAsync(Ct);
        await maintenance.RecomputeAllAsync(Ct);   // a second run changes nothing, so records nothing

        var now = db.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal([(tiers["Member"], tiers["Silver"], true, start), (tiers["Silver"], tiers["Member"], false, now)], await ChangesAsync(db, member.Id));
        Assert.Single(await ChangesAsync(db, other.Id));
    }

    [Theory, AllProviders]
    public async Task Placing_a_member_whose_history_was_loaded_in_bulk_is_not_a_move(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        await using (var context = db.NewContext())
        {
            // Written as the bulk seeder writes: points stamped, no standing kept.
            context.Activities.Add(new Activity
            {
                MemberId = member.Id, Type = ActivityType.Purchase, Amount = 400m, Points = 400, SourceKey = "bulk:1",
                OccurredAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-5),
            });
            await context.SaveChangesAsync(Ct);
        }

        await db.Get<StandingMaintenance>().RecomputeAllAsync(Ct);

        Assert.Equal(400, await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == member.Id).Select(s => s.PointsInWindow).SingleAsync(Ct)));
        Assert.Empty(await ChangesAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Deleting_a_tier_records_its_members_moving_down(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var tiers = await TiersAsync(db);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        var (gold, _) = await db.AddMemberAsync("Gail Gold", withLogin: false);
        var earnedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.EarnPointsAsync(member.Id, 300, earnedAt);
        await db.EarnPointsAsync(gold.Id, 1_000, earnedAt);
        db.Clock.Advance(TimeSpan.FromHours(1));

        var result = await db.Get<ProgrammeSetupService>().DeleteTierAsync(manager, tiers["Silver"], Ct);

        Assert.True(result.Succeeded, result.Message);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal([(tiers["Member"], tiers["Silver"], true, earnedAt), (tiers["Silver"], tiers["Member"], false, now)], await ChangesAsync(db, member.Id));
        Assert.Single(await ChangesAsync(db, gold.Id));
        // The raw insert stores the instant as EF does, so range queries find it.
        Assert.Equal(1, await db.QueryAsync(c => c.TierChanges.CountAsync(t => t.ChangedAt >= now && t.ChangedAt < now.AddSeconds(1), Ct)));
    }
}
