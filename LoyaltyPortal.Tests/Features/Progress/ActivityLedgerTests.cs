using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Appending to the ledger: points from the rules, caps, source keys, and the standing in the same save.</summary>
public sealed class ActivityLedgerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> AppendAsync(TestDb db, Activity activity)
    {
        await using var context = db.NewContext();
        var added = (await db.Get<ActivityRecorder>().AppendAsync(context, activity, Ct)).Added;
        await context.SaveChangesAsync(Ct);
        return added;
    }

    private static Activity Visit(int memberId, int storeId, DateTime at, string key) =>
        new() { MemberId = memberId, Type = ActivityType.Visit, StoreId = storeId, OccurredAt = at, SourceKey = key };

    [Theory, AllProviders]
    public async Task One_visit_per_day_per_store_earns_points_and_the_same_source_key_counts_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var (covent, leeds) = (await db.AddStoreAsync("Covent Garden"), await db.AddStoreAsync("Leeds"));
        var now = db.Clock.GetUtcNow().UtcDateTime;

        Assert.True(await AppendAsync(db, Visit(member.Id, covent.Id, now, "visit:1")));
        Assert.False(await AppendAsync(db, Visit(member.Id, covent.Id, now, "visit:1")));
        Assert.True(await AppendAsync(db, Visit(member.Id, covent.Id, now.AddHours(1), "visit:2")));
        Assert.True(await AppendAsync(db, Visit(member.Id, leeds.Id, now.AddHours(2), "visit:3")));
        Assert.True(await AppendAsync(db, Visit(member.Id, covent.Id, now.AddDays(1), "visit:4")));

        var points = await db.QueryAsync(c => c.Activities.Where(a => a.MemberId == member.Id && a.Type == ActivityType.Visit)
            .OrderBy(a => a.SourceKey).Select(a => a.Points).ToListAsync(Ct));
        Assert.Equal([10, 0, 10, 10], points);
        Assert.Equal(30, await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == member.Id).Select(s => s.PointsInWindow).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_rule_change_applies_from_now_on_and_past_activity_keeps_its_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        Activity Event(string key, DateTime at) => new() { MemberId = member.Id, Type = ActivityType.EventAttended, OccurredAt = at, SourceKey = key };

        await AppendAsync(db, Event("event:1", now));
        await db.QueryAsync(c => c.EngagementRules.Where(r => r.Type == ActivityType.EventAttended).ExecuteUpdateAsync(s => s.SetProperty(r => r.Points, 100), Ct));
        await AppendAsync(db, Event("event:2", now.AddDays(3)));

        var points = await db.QueryAsync(c => c.Activities.Where(a => a.MemberId == member.Id).OrderBy(a => a.SourceKey).Select(a => a.Points).ToListAsync(Ct));
        Assert.Equal([40, 100], points);
        Assert.Equal(140, await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == member.Id).Select(s => s.PointsInWindow).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_purchase_earns_per_whole_currency_unit_and_lifts_the_tier_in_the_same_save(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;

        await AppendAsync(db, new Activity { MemberId = member.Id, Type = ActivityType.Purchase, Amount = 300.99m, OccurredAt = now, SourceKey = "purchase:1" });

        var standing = await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == member.Id)
            .Join(c.Tiers, s => s.TierId, t => t.Id, (s, t) => new { s.PointsInWindow, t.Name }).SingleAsync(Ct));
        Assert.Equal((300, "Silver"), (standing.PointsInWindow, standing.Name));
    }

    [Theory, AllProviders]
    public async Task After_a_mixed_workload_the_consistency_check_finds_no_mismatch_and_spots_a_tampered_standing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var members = new List<int>();
        for (var i = 0; i < 6; i++) members.Add((await db.AddMemberAsync($"Member {i}")).Member.Id);
        for (var i = 0; i < 60; i++)
        {
            var memberId = members[i % members.Count];
            var at = now.AddDays(-400 + i * 7);
            await AppendAsync(db, (i % 3) switch
            {
                0 => Visit(memberId, store.Id, at, $"visit:{i}"),
                1 => new Activity { MemberId = memberId, Type = ActivityType.Purchase, Amount = 20m * i, OccurredAt = at, StoreId = store.Id, SourceKey = $"purchase:{i}" },
                _ => new Activity { MemberId = memberId, Type = ActivityType.FeedbackGiven, OccurredAt = at, SourceKey = $"feedback:{i}" },
            });
        }
        var maintenance = db.Services.GetRequiredService<StandingMaintenance>();

        var report = await maintenance.CheckAsync(Ct);
        Assert.Equal(6, report.MembersChecked);
        Assert.Empty(report.Mismatches);

        await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == members[2]).ExecuteUpdateAsync(s => s.SetProperty(x => x.PointsInWindow, x => x.PointsInWindow + 1), Ct));
        Assert.Equal(members[2], Assert.Single((await maintenance.CheckAsync(Ct)).Mismatches).MemberId);

        await maintenance.RecomputeAllAsync(Ct);
        Assert.Empty((await maintenance.CheckAsync(Ct)).Mismatches);
    }
}
