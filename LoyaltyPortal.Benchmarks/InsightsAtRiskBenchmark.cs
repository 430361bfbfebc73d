using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Members at risk over a large programme: one background snapshot computation (timed once: it runs nightly, not
/// while anyone waits), then the page's read of it, top 50 with member facts and suggested actions, for all stores,
/// the store with the most members at risk and the entry tier (the tier most members hold, so the most lookups).
/// Prepare with <c>seed --members 1000000</c>.
/// </summary>
internal static class InsightsAtRiskBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var started = Stopwatch.GetTimestamp();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Console.WriteLine($"Schema up to date in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");

        var run = await services.GetRequiredService<AtRiskSnapshotBuilder>().ComputeAsync();
        Console.WriteLine($"Snapshot computed in {run.Elapsed.TotalSeconds:F1} s: {run.AtRisk:N0} members at risk in all stores, {run.Rows:N0} ranked rows over every scope.");

        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        int? storeId, entryTierId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            storeId = await db.AtRiskCandidates.Where(c => c.SnapshotId == run.SnapshotId && c.StoreId != null)
                .GroupBy(c => c.StoreId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
            entryTierId = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        }

        var atRisk = services.GetRequiredService<AtRiskService>();
        var manager = BenchmarkRunner.Manager;
        var filter = InsightsFilter.Default(services.GetRequiredService<InsightsService>().Today);
        var cases = new[]
        {
            ("all stores", filter),
            ("busiest store", filter with { StoreId = storeId }),
            ("entry tier", filter with { TierId = entryTierId }),
        };
        foreach (var (name, f) in cases)
        {
            var report = await atRisk.GetAsync(manager, f);
            Console.WriteLine($"{name}: {report.Total:N0} at risk, {report.Members.Count} shown.");
        }

        Console.WriteLine();
        Console.WriteLine("| Insights: members at risk (read from the snapshot) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, f) in cases)
        {
            await BenchmarkRunner.MeasureAsync($"Members at risk, top 50, {name}", 200, _ => atRisk.GetAsync(manager, f));
        }
        return 0;
    }
}
