using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Features.Insights.Rollups;

/// <summary>
/// Refreshes after the first add the new rows' deltas; whatever the order and however many instances race, the
/// totals must be the ones a rebuild from scratch gives.
/// </summary>
public sealed class IncrementalRollupsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Racing_refreshes_after_random_inserts_end_with_the_totals_a_rebuild_from_scratch_gives(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var stores = new[] { (await db.AddStoreAsync("Leeds")).Id, (await db.AddStoreAsync("York")).Id };
        var members = new List<int>();
        for (var i = 0; i < 8; i++) members.Add((await db.AddMemberAsync($"Member {i}", withLogin: false)).Member.Id);
        var random = new Random(18);
        async Task AddRandomAsync(int count)
        {
            var now = db.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                // Mostly the last few weeks (added to), some months back (older than the presence kept: recounted).
                var at = now.AddMinutes(-random.Next(random.NextDouble() < 0.7 ? 30 * 24 * 60 : 200 * 24 * 60));
                var type = random.NextDouble() < 0.5 ? ActivityType.Visit : ActivityType.Purchase;
                var store = random.NextDouble() < 0.2 ? (int?)null : stores[random.Next(stores.Length)];
                var amount = type == ActivityType.Purchase ? random.Next(100, 9000) / 100m : (decimal?)null;
                await db.AddActivityAsync(members[random.Next(members.Count)], type, at, store, amount);
            }
        }

        await AddRandomAsync(60);
        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        for (var round = 0; round < 3; round++)
        {
            await AddRandomAsync(25);
            var one = ActivatorUtilities.CreateInstance<InsightsRollups>(db.Services);
            var two = ActivatorUtilities.CreateInstance<InsightsRollups>(db.Services);
            await Task.WhenAll(Task.Run(() => one.RefreshAsync(Ct), Ct), Task.Run(() => two.RefreshAsync(Ct), Ct));
        }
        var incremental = await TotalsAsync(db);
        await using (var context = await db.Factory.CreateDbContextAsync(Ct))
        {
            await context.InsightsRollupStates.ExecuteDeleteAsync(Ct);
            await context.ActivityDayTotals.ExecuteDeleteAsync(Ct);
            await context.ActiveMembersWeeks.ExecuteDeleteAsync(Ct);
            await context.ActiveMemberPresences.ExecuteDeleteAsync(Ct);
        }
        await ActivatorUtilities.CreateInstance<InsightsRollups>(db.Services).RefreshAsync(Ct);

        Assert.Equal(await TotalsAsync(db), incremental);
    }

    [Theory, AllProviders]
    public async Task A_refresh_after_new_visits_adds_them_to_the_existing_day_and_week(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var leeds = await db.AddStoreAsync("Leeds");
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var today = db.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, today, leeds.Id);
        var rollups = db.Get<InsightsRollups>();
        await rollups.RefreshAsync(Ct);

        await db.AddActivityAsync(ann.Id, ActivityType.Visit, today.AddMinutes(5), leeds.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, today.AddMinutes(6), leeds.Id);
        await rollups.RefreshAsync(Ct);

        var totals = await TotalsAsync(db);
        Assert.Equal(3, totals.Days.Single().Activities);
        Assert.Equal(2, totals.Weeks.Single(w => w.Store == ActiveMembersWeek.All && w.Tier == ActiveMembersWeek.All).Members);
        Assert.Equal(2, totals.Weeks.Single(w => w.Store == leeds.Id && w.Tier == ActiveMembersWeek.All).Members);
    }

    private sealed record Totals(
        IReadOnlyList<(DateOnly Day, int Store, int Tier, ActivityType Type, int Activities, double Amount)> Days,
        IReadOnlyList<(DateOnly Week, int Store, int Tier, int Members)> Weeks)
    {
        public bool Equals(Totals? other) => other is not null && Days.SequenceEqual(other.Days) && Weeks.SequenceEqual(other.Weeks);
        public override int GetHashCode() => Days.Count;
    }

    private static async Task<Totals> TotalsAsync(TestDb db)
    {
        var days = await db.QueryAsync(c => c.ActivityDayTotals.ToListAsync(Ct));
        var weeks = await db.QueryAsync(c => c.ActiveMembersWeeks.ToListAsync(Ct));
        return new(
            days.Select(d => (d.Day, d.StoreId, d.TierId, d.Type, d.Activities, Math.Round(d.Amount, 2))).Order().ToList(),
            weeks.Select(w => (w.WeekStart, w.StoreId, w.TierId, w.Members)).Order().ToList());
    }
}
