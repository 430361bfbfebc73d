using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>
/// My progress reuses the stored standing when it still holds. Whatever the history and however far time has
/// moved, the page must say exactly what a full computation from the ledger says.
/// </summary>
public sealed class StoredStandingShortcutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task The_page_always_matches_a_full_computation_from_the_ledger(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var random = new Random(2026);
        var progress = db.Get<MyProgressService>();
        for (var m = 0; m < 4; m++)
        {
            var (member, caller) = await db.AddMemberAsync($"Member {m}");
            for (var step = 0; step < 40; step++)
            {
                db.Clock.Advance(TimeSpan.FromHours(random.Next(1, 24 * 40)));
                if (random.NextDouble() < 0.6)
                {
                    await using var context = db.NewContext();
                    var purchase = random.NextDouble() < 0.5;
                    await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
                    {
                        MemberId = member.Id, Type = purchase ? ActivityType.Purchase : ActivityType.EventAttended, StoreId = store.Id,
                        Amount = purchase ? random.Next(5, 200) : null, OccurredAt = db.Clock.GetUtcNow().UtcDateTime, SourceKey = Guid.NewGuid().ToString("N"),
                    }, Ct);
                    await context.SaveChangesAsync(Ct);
                }
                if (random.NextDouble() < 0.1) await db.Get<StandingMaintenance>().RecomputeAllAsync(Ct);

                var shown = (await progress.GetAsync(caller!, Ct))!.Tier;
                Assert.Equal(await FullComputationAsync(db, member.Id), shown);
            }
        }
    }

    [Theory, AllProviders]
    public async Task A_stored_standing_computed_before_the_tiers_changed_is_not_trusted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await using (var context = db.NewContext())
        {
            await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
            {
                MemberId = member.Id, Type = ActivityType.Purchase, Amount = 350, OccurredAt = db.Clock.GetUtcNow().UtcDateTime, SourceKey = "p1",
            }, Ct);
            await context.SaveChangesAsync(Ct);
        }
        Assert.Equal("Silver", (await db.Get<MyProgressService>().GetAsync(caller!, Ct))!.Tier.Held.Name);

        // Silver now starts at 400: the stored row still says Silver until the background refresh runs.
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var context = db.NewContext())
        {
            await context.Tiers.Where(t => t.Name == "Silver").ExecuteUpdateAsync(s => s.SetProperty(t => t.Threshold, 400), Ct);
            await context.ProgressSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.StandingsChangedAt, db.Clock.GetUtcNow().UtcDateTime), Ct);
        }

        Assert.Equal("Member", (await db.Get<MyProgressService>().GetAsync(caller!, Ct))!.Tier.Held.Name);
    }

    private static async Task<TierProgress> FullComputationAsync(TestDb db, int memberId)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var context = db.NewContext();
        var rules = await ProgressRules.LoadAsync(context, Ct);
        var earned = await context.Activities.Where(a => a.MemberId == memberId && a.OccurredAt <= now)
            .Select(a => new EarnedPoints(a.OccurredAt, a.Points)).ToListAsync(Ct);
        var tiers = await context.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToListAsync(Ct);
        var visitPoints = await context.EngagementRules.Where(r => r.Type == ActivityType.Visit).Select(r => r.Points).SingleAsync(Ct);
        return MyProgressService.Describe(rules.Compute(earned, now), tiers, visitPoints, rules.LapseWarningDays, now);
    }
}
