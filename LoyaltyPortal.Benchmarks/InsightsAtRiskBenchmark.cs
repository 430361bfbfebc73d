using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Members at risk over a large programme: one background snapshot computation (timed once: it runs nightly, not
/// while anyone waits), then the page's read of it, top 50 with member facts and suggested actions, for all stores,
/// the store with the most members at risk and the tier with the most. <c>--AtRisk:ReuseSnapshot=true</c> times the
/// read again over the latest snapshot without computing another. Prepare with <c>seed --members 1000000</c>.
/// </summary>
internal static class InsightsAtRiskBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var started = Stopwatch.GetTimestamp();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Console.WriteLine($"Schema up to date in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");

        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        int snapshotId;
        if (services.GetRequiredService<IConfiguration>().GetValue<bool>("AtRisk:ReuseSnapshot"))
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            snapshotId = await db.AtRiskSnapshots.MaxAsync(s => s.Id);
            Console.WriteLine($"Reusing snapshot {snapshotId}.");
        }
        else
        {
            var run = await services.GetRequiredService<AtRiskSnapshotBuilder>().ComputeAsync();
            snapshotId = run.SnapshotId;
            Console.WriteLine($"Snapshot computed in {run.Elapsed.TotalSeconds:F1} s: {run.AtRisk:N0} members at risk in all stores, {run.Rows:N0} ranked rows over every scope.");
        }

        int? storeId, tierId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            storeId = await db.AtRiskCandidates.Where(c => c.SnapshotId == snapshotId && c.StoreId != null)
                .GroupBy(c => c.StoreId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
            tierId = await db.MemberStandings
                .Where(s => db.AtRiskCandidates.Any(c => c.SnapshotId == snapshotId && c.StoreId == null && c.MemberId == s.MemberId))
                .GroupBy(s => s.TierId).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefaultAsync();
        }

        var atRisk = services.GetRequiredService<AtRiskService>();
        var manager = BenchmarkRunner.Manager;
        var filter = InsightsFilter.Default(services.GetRequiredService<InsightsService>().Today);
        var cases = new[]
        {
            ("all stores", filter),
            ("busiest store", filter with { StoreId = storeId }),
            ("busiest tier", filter with { TierId = tierId }),
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
