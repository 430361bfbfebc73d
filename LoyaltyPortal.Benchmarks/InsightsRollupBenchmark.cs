using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// The insight queries that read the rollups (engagement, tiers, significance, the manager dashboard) on a large
/// programme, and the refreshes that keep the rollups current: the first (the whole history), one with nothing new,
/// and one after a day's worth of new activity lands in the current week. Prepare with <c>seed --members 1000000</c>;
/// pulse answers and tier moves come from the <c>insights-advocacy</c> and <c>insights</c> preparations.
/// </summary>
internal static class InsightsRollupBenchmark
{
    private const int Runs = 200;

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var started = Stopwatch.GetTimestamp();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Console.WriteLine($"Schema up to date in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");

        var rollups = services.GetRequiredService<InsightsRollups>();
        await TimeRefreshAsync("Refresh (reads whatever is not rolled up yet; the first run reads the whole history)", rollups);
        await TimeRefreshAsync("Refresh with nothing new", rollups);
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        var calendar = services.GetRequiredService<ProgrammeCalendar>();
        var added = await AddTodaysActivityAsync(dbFactory, calendar);
        await TimeRefreshAsync(
            $"Refresh after {added:N0} new activities today (adds them to today and this week; first in the process)", rollups);
        // The background worker refreshes every minute, so the queries are compiled and the code is warm from then on.
        added = await AddTodaysActivityAsync(dbFactory, calendar);
        await TimeRefreshAsync($"Refresh after {added:N0} more new activities today (warm)", rollups);

        var today = services.GetRequiredService<InsightsService>().Today;
        var twelveWeeks = InsightsFilter.Default(today);
        var year = twelveWeeks with { From = InsightsFilter.WeekStart(twelveWeeks.To).AddDays(-7 * 51) };
        var options = await services.GetRequiredService<InsightsService>().GetOptionsAsync(BenchmarkRunner.Manager);
        var (store, tier) = (options.Stores[0].Id, options.Tiers[^1].Id);
        var manager = BenchmarkRunner.Manager;
        var engagement = services.GetRequiredService<InsightsService>();
        var tiers = services.GetRequiredService<TierInsightsService>();
        var significance = services.GetRequiredService<SignificanceInsightsService>();
        var dashboard = services.GetRequiredService<DashboardService>();

        var sample = await engagement.GetEngagementAsync(manager, twelveWeeks);
        var pulse = await significance.GetAsync(manager, twelveWeeks);
        var moves = await tiers.GetAsync(manager, year);
        Console.WriteLine($"12 weeks: {sample.Activities.Sum(a => a.Counts.Sum()):N0} activities, {sample.ActiveMembers[^1]:N0} active members in the last week, "
            + $"{pulse.Overall.Answers.Sum():N0} pulse answers; a year: {moves.Movement.Sum(m => m.Up + m.Down):N0} tier moves.");

        Console.WriteLine();
        Console.WriteLine($"| Insights from the rollups ({Runs} runs each) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        await BenchmarkRunner.MeasureAsync("Engagement, 12 weeks", Runs, _ => engagement.GetEngagementAsync(manager, twelveWeeks));
        await BenchmarkRunner.MeasureAsync("Engagement, 1 year", Runs, _ => engagement.GetEngagementAsync(manager, year));
        await BenchmarkRunner.MeasureAsync("Engagement, 1 year, one store and one tier", Runs, _ => engagement.GetEngagementAsync(manager, year with { StoreId = store, TierId = tier }));
        await BenchmarkRunner.MeasureAsync("Tiers (distribution + monthly moves), 12 weeks", Runs, _ => tiers.GetAsync(manager, twelveWeeks));
        await BenchmarkRunner.MeasureAsync("Tiers, 1 year", Runs, _ => tiers.GetAsync(manager, year));
        await BenchmarkRunner.MeasureAsync("Tiers, 1 year, one store and one tier", Runs, _ => tiers.GetAsync(manager, year with { StoreId = store, TierId = tier }));
        await BenchmarkRunner.MeasureAsync("Significance trend, 12 weeks", Runs, _ => significance.GetAsync(manager, twelveWeeks));
        await BenchmarkRunner.MeasureAsync("Significance trend, 1 year", Runs, _ => significance.GetAsync(manager, year));
        await BenchmarkRunner.MeasureAsync("Significance trend, 1 year, one store and one tier", Runs, _ => significance.GetAsync(manager, year with { StoreId = store, TierId = tier }));
        await BenchmarkRunner.MeasureAsync("Manager dashboard", Runs, _ => dashboard.GetAsync(manager));
        return 0;
    }

    private static async Task TimeRefreshAsync(string label, InsightsRollups rollups)
    {
        var started = Stopwatch.GetTimestamp();
        var run = await rollups.RefreshAsync();
        Console.WriteLine($"{label}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({run.ActivityDays:N0} activity days, {run.Weeks:N0} weeks, "
            + $"{run.PulseDays:N0} pulse days, {run.TierMoveDays:N0} tier-move days).");
    }

    /// <summary>A busy day's visits for a spread of members, as if recorded at the counters in the last hour.</summary>
    private static async Task<int> AddTodaysActivityAsync(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
    {
        const int visits = 20_000;
        await using var db = await dbFactory.CreateDbContextAsync();
        var maxMember = await db.Members.MaxAsync(m => m.Id);
        var stores = await db.Stores.Select(s => s.Id).ToListAsync();
        var now = calendar.UtcNow;
        var random = new Random(20261123);
        var batch = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < visits; i++)
        {
            db.Activities.Add(new LoyaltyPortal.Data.Activity
            {
                MemberId = random.Next(1, maxMember + 1), Type = ActivityType.Visit, OccurredAt = now.AddSeconds(-random.Next(3600)),
                StoreId = stores[random.Next(stores.Count)], SourceKey = $"bench-rollup-{batch}-{i}",
            });
        }
        await db.SaveChangesAsync();
        return visits;
    }
}
