using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Spenders vs senders and the significance trend over a large programme, for the default range
/// (the last 12 whole weeks) and for a year. Cold: the result cache emptied before every run, so each run reads the
/// ledger; warm: the answer a second viewer of the same filter gets. Prepares about two years of pulse answers from
/// 30% of members when the database has none. Members at risk have their own benchmark (<c>insights-atrisk</c>): they
/// are read from a background snapshot. Prepare with <c>seed --members 1000000</c>.
/// </summary>
internal static class InsightsAdvocacyBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        // Brings an older benchmark database up to the current schema (pulse answers, the spend and advocacy index).
        var started = Stopwatch.GetTimestamp();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Console.WriteLine($"Schema up to date in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
        await EnsurePulseAnswersAsync(services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>());

        var today = services.GetRequiredService<InsightsService>().Today;
        var twelveWeeks = InsightsFilter.Default(today);
        var year = twelveWeeks with { From = twelveWeeks.To.AddDays(-364) };
        var cache = services.GetRequiredService<InsightsResultCache>();
        var advocacy = services.GetRequiredService<AdvocacyInsightsService>();
        var significance = services.GetRequiredService<SignificanceInsightsService>();
        var manager = BenchmarkRunner.Manager;

        var spenders = await advocacy.GetAsync(manager, twelveWeeks);
        var pulse = await significance.GetAsync(manager, twelveWeeks);
        Console.WriteLine($"12 weeks: {spenders.Members:N0} members bought or advocated; {pulse.Overall.Answers.Sum():N0} pulse answers.");

        Console.WriteLine();
        Console.WriteLine("| Insights: spenders vs senders, significance | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, filter) in new[] { ("12 weeks", twelveWeeks), ("1 year", year) })
        {
            await ColdAsync($"Spenders vs senders, {name}, cold", 4, cache, () => advocacy.GetAsync(manager, filter));
            await ColdAsync($"Significance trend, {name}, cold", 8, cache, () => significance.GetAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Spenders vs senders, {name}, cached", 100, _ => advocacy.GetAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Significance trend, {name}, cached", 100, _ => significance.GetAsync(manager, filter));
        }
        return 0;
    }

    /// <summary>Like <see cref="BenchmarkRunner.MeasureAsync"/>, with one warm-up: each cold run reads millions of rows.</summary>
    private static async Task ColdAsync(string label, int iterations, InsightsResultCache cache, Func<Task> action)
    {
        cache.Clear();
        await action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            cache.Clear();
            var started = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        var p95 = samples[Math.Clamp((int)Math.Ceiling(0.95 * iterations) - 1, 0, iterations - 1)];
        Console.WriteLine($"| {label} | {samples[(iterations - 1) / 2]:F1} | {p95:F1} | {samples[^1]:F1} |");
    }

    private static async Task EnsurePulseAnswersAsync(IDbContextFactory<LoyaltyDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.PulseResponses.AnyAsync()) return;
        var started = Stopwatch.GetTimestamp();
        Console.WriteLine("Generating significance-pulse answers for 30% of members…");
        var entry = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        var standings = await db.MemberStandings.AsNoTracking().ToDictionaryAsync(s => s.MemberId, s => s.TierId);
        var generator = new PulseResponseGenerator(seed: 20261123, DateTime.UtcNow);
        var written = await generator.AddAsync(db, 0.3, (id, _) => standings.TryGetValue(id, out var tier) ? tier : entry, new HashSet<int>(), chunk: 50_000, default);
        Console.WriteLine($"  {written:N0} answers in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
    }
}
