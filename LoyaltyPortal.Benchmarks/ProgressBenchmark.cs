using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// My progress over a large ledger: one member's page data (standing computed from the ledger, achievements,
/// timeline) for a member with 10,000 activities and for a sample of ordinary members, then the time to recompute
/// every standing from the ledger and award achievements from history. Prepare with <c>seed --members 1000000</c>.
/// </summary>
internal static class ProgressBenchmark
{
    private const int HeavyActivities = 10_000;
    private const string HeavyKey = "bench-heavy:";

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        // Brings an older benchmark database up to the current schema (achievements) and reference data.
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        Caller heavy;
        List<Caller> sample;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            sample = await ForYouBenchmark.EnsureSampleLoginsAsync(db);
            heavy = await EnsureHeavyMemberAsync(db, sample[0]);
            sample = sample.Skip(1).ToList();
        }

        var progress = services.GetRequiredService<MyProgressService>();
        var probe = await progress.GetAsync(heavy) ?? throw new InvalidOperationException("The heavy member has no progress.");
        Console.WriteLine($"Heavy member {probe.MemberCode}: {probe.Tier.Points:N0} points in the window, tier {probe.Tier.Held.Name}.");
        // Past the JIT's first tiers, so the figures are the steady state a running app sees.
        for (var i = 0; i < 300; i++)
        {
            await progress.GetAsync(heavy);
            await progress.GetAsync(sample[i % sample.Count]);
        }
        Console.WriteLine();
        Console.WriteLine("| My progress | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        await BenchmarkRunner.MeasureAsync($"Page data, member with {HeavyActivities:N0} activities", 400, _ => progress.GetAsync(heavy));
        var heavyId = probe.MemberId;
        await BenchmarkRunner.MeasureAsync("The heavy member's standing computed from the ledger alone (as after a rule change)", 400, async _ =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var rules = await ProgressRules.LoadAsync(db, default);
            var now = DateTime.UtcNow;
            rules.Compute(await StandingKeeper.EarnedAsync(db, heavyId, rules.LooksBackTo(now), now, default), now);
        });
        await BenchmarkRunner.MeasureAsync($"Page data, {sample.Count} sampled members", 400, i => progress.GetAsync(sample[i % sample.Count]));
        await BenchmarkRunner.MeasureAsync("Why am I in this tier?, first page, the heavy member", 200, _ => progress.ExplainAsync(heavy, 0, 50));
        var suggestions = services.GetRequiredService<ProgressSuggestionService>();
        await BenchmarkRunner.MeasureAsync("Suggestions (For you, top 3), the heavy member", 200, _ => suggestions.GetAsync(heavy));

        Console.WriteLine();
        var standings = services.GetRequiredService<StandingMaintenance>();
        var started = Stopwatch.GetTimestamp();
        var members = await standings.RecomputeAllAsync();
        Console.WriteLine($"Recomputed {members:N0} standings from the ledger in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
        started = Stopwatch.GetTimestamp();
        var awarded = await services.GetRequiredService<AchievementKeeper>().AwardFromHistoryAsync();
        Console.WriteLine($"Awarded {awarded:N0} achievements from history in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
        started = Stopwatch.GetTimestamp();
        var report = await standings.CheckAsync();
        Console.WriteLine($"Checked {report.MembersChecked:N0} standings in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s: {report.Mismatches.Count} mismatches.");
        await BenchmarkRunner.MeasureAsync($"Page data, member with {HeavyActivities:N0} activities, after the recompute", 400, _ => progress.GetAsync(heavy));
        return 0;
    }

    /// <summary>Gives one sampled member 10,000 activities over the last three years (once), as a long-standing regular.</summary>
    private static async Task<Caller> EnsureHeavyMemberAsync(LoyaltyDbContext db, Caller caller)
    {
        var memberId = await db.Members.Where(m => m.UserId == caller.UserId).Select(m => m.Id).SingleAsync();
        var existing = await db.Activities.CountAsync(a => a.MemberId == memberId);
        if (existing >= HeavyActivities) return caller;

        var random = new Random(memberId);
        var now = DateTime.UtcNow;
        var storeIds = await db.Stores.Select(s => s.Id).ToListAsync();
        for (var i = existing; i < HeavyActivities; i++)
        {
            var (type, amount) = random.NextDouble() switch
            {
                < 0.55 => (ActivityType.Visit, (decimal?)null),
                < 0.85 => (ActivityType.Purchase, Math.Round((decimal)(5 + random.NextDouble() * 120), 2)),
                < 0.90 => (ActivityType.FeedbackGiven, null),
                < 0.95 => (ActivityType.EventAttended, null),
                < 0.98 => (ActivityType.GuestBrought, null),
                _ => (ActivityType.GuidanceSession, null),
            };
            db.Activities.Add(new Data.Activity
            {
                MemberId = memberId, Type = type, Amount = amount, StoreId = storeIds[random.Next(storeIds.Count)],
                OccurredAt = now.AddMinutes(-random.Next(3 * 365 * 24 * 60)), SourceKey = HeavyKey + i, Points = StarterRules.SeedPoints(type, amount),
            });
        }
        await db.SaveChangesAsync();
        return caller;
    }
}
