using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

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
        var cache = services.GetRequiredService<HybridCache>();
        var advocacy = services.GetRequiredService<AdvocacyInsightsService>();
        var significance = services.GetRequiredService<SignificanceInsightsService>();
        var manager = BenchmarkRunner.Manager;

        var spenders = await advocacy.GetAsync(manager, twelveWeeks);
        var pulse = await significance.GetAsync(manager, twelveWeeks);
        Console.WriteLine($"12 weeks: {spenders.Members:N0} members bought or advocated{(spenders.IsEstimate ? $" (estimated from {spenders.SampledMembers:N0} sampled)" : "")}; "
            + $"{pulse.Overall.Answers.Sum():N0} pulse answers.");

        var options = await services.GetRequiredService<InsightsService>().GetOptionsAsync(manager);
        var (store, tier) = (options.Stores[0], options.Tiers[Math.Min(1, options.Tiers.Count - 1)]);
        // --Benchmark:SkipExact=true leaves out the exact passes (tens of seconds) when only the timings are wanted.
        if (!services.GetRequiredService<IConfiguration>().GetValue<bool>("Benchmark:SkipExact")) await CompareWithExactAsync(services, [("12 weeks", twelveWeeks), ("1 year", year)]);

        Console.WriteLine();
        Console.WriteLine("| Insights: spenders vs senders, significance | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        var ranges = new[] { ("12 weeks", twelveWeeks), ("1 year", year) };
        foreach (var (name, filter) in ranges)
        {
            await ColdAsync($"Spenders vs senders, {name}, cold", 40, cache, () => advocacy.GetAsync(manager, filter));
            await ColdAsync($"Spenders vs senders, {name}, one store ({store.Name}), cold", 40, cache, () => advocacy.GetAsync(manager, filter with { StoreId = store.Id }));
            await ColdAsync($"Spenders vs senders, {name}, one tier ({tier.Name}), cold", 40, cache, () => advocacy.GetAsync(manager, filter with { TierId = tier.Id }));
        }
        foreach (var (name, filter) in ranges)
        {
            await ColdAsync($"Significance trend, {name}, cold", 8, cache, () => significance.GetAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Spenders vs senders, {name}, cached", 100, _ => advocacy.GetAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Significance trend, {name}, cached", 100, _ => significance.GetAsync(manager, filter));
        }
        return 0;
    }

    /// <summary>
    /// The sampled estimate against the exact count (every member read, seconds each), for a few sample sizes:
    /// the error each quadrant's share and the median make, and the time each size takes.
    /// </summary>
    private static async Task CompareWithExactAsync(IServiceProvider services, (string Name, InsightsFilter Filter)[] ranges)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        var calendar = services.GetRequiredService<ProgrammeCalendar>();
        // Each size gets a cache of its own, so no size is answered from another's kept result.
        static HybridCache FreshCache() => new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        AdvocacyInsightsService With(int exactUpTo, int sample) =>
            new(dbFactory, calendar, FreshCache(), Options.Create(new InsightsSettings { ExactUpToMembers = exactUpTo, SampleMembers = sample }),
                services.GetRequiredService<ActiveCallers>(), services.GetRequiredService<IStringLocalizer<InsightsText>>());

        Console.WriteLine();
        Console.WriteLine("| Spenders vs senders: sample vs exact | members | median | champions | spenders | senders | quiet | p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, filter) in ranges)
        {
            var started = Stopwatch.GetTimestamp();
            var exact = await With(int.MaxValue, 20_000).GetAsync(BenchmarkRunner.Manager, filter);
            Console.WriteLine(Row($"{name}, exact", exact, exact, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            foreach (var size in new[] { 5_000, 10_000, 20_000, 40_000 })
            {
                var times = new double[7];
                SpendersSendersReport estimate = null!;
                for (var i = 0; i < times.Length; i++)
                {
                    started = Stopwatch.GetTimestamp();
                    estimate = await With(0, size).GetAsync(BenchmarkRunner.Manager, filter);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                Array.Sort(times);
                Console.WriteLine(Row($"{name}, sample {size:N0} ({estimate.SampledMembers:N0} members, {estimate.SampleInScope:N0} in scope)", estimate, exact, times[times.Length / 2]));
            }
        }
    }

    /// <summary>Counts and shares; for an estimate, each share's difference from the exact one in points.</summary>
    private static string Row(string label, SpendersSendersReport report, SpendersSendersReport exact, double ms)
    {
        string Share(AdvocacyQuadrant q)
        {
            var share = 100.0 * report.Count(q) / Math.Max(1, report.Members);
            var off = share - 100.0 * exact.Count(q) / Math.Max(1, exact.Members);
            return report.IsEstimate ? $"{report.Count(q):N0} ({share:F1}%, {Math.Round(off, 1) + 0.0:+0.0;-0.0;0.0} pt)" : $"{report.Count(q):N0} ({share:F1}%)";
        }
        var members = report.IsEstimate ? $"{report.Members:N0} ({Math.Round(100.0 * (report.Members - exact.Members) / Math.Max(1, exact.Members), 1) + 0.0:+0.0;-0.0;0.0}%)" : $"{report.Members:N0}";
        var median = report.IsEstimate ? $"{report.MedianSpend:F2} ({report.MedianSpend - exact.MedianSpend:+0.00;-0.00})" : $"{report.MedianSpend:F2}";
        return $"| {label} | {members} | {median} | {Share(AdvocacyQuadrant.Champion)} | {Share(AdvocacyQuadrant.Spender)} | {Share(AdvocacyQuadrant.Sender)} | {Share(AdvocacyQuadrant.Quiet)} | {ms:F0} |";
    }

    /// <summary>Like <see cref="BenchmarkRunner.MeasureAsync"/>, with one warm-up and the result cache emptied before every run.</summary>
    private static async Task ColdAsync(string label, int iterations, HybridCache cache, Func<Task> action)
    {
        await cache.RemoveByTagAsync(AdvocacyInsightsService.CacheTag);
        await action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            await cache.RemoveByTagAsync(AdvocacyInsightsService.CacheTag);
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
