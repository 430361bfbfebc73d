using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// The insights page's tier, experience performance and experience ROI queries over a large database, for the
/// default filter (the last 12 whole weeks) and a one-year range, all stores and one store. The first run prepares
/// the database once: outcomes for past experiences, feedback, and tier history replayed from the ledger.
/// Prepare with <c>seed --members 1000000 --benefits 5000</c>.
/// </summary>
internal static class InsightsBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        await PrepareAsync(dbFactory);

        var insights = services.GetRequiredService<InsightsService>();
        var tiers = services.GetRequiredService<TierInsightsService>();
        var experiences = services.GetRequiredService<ExperienceInsightsService>();
        var manager = BenchmarkRunner.Manager;
        var options = await insights.GetOptionsAsync(manager);
        var twelveWeeks = InsightsFilter.Default(insights.Today);
        var year = new InsightsFilter(insights.Today.AddDays(-365), insights.Today.AddDays(-1));
        var store = options.Stores[0].Id;

        foreach (var filter in new[] { twelveWeeks, year })
        {
            var roi = await experiences.GetRoiAsync(manager, filter);
            var rows = await experiences.GetPerformanceAsync(manager, filter);
            Console.WriteLine($"{filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}: {rows.Count:N0} experiences, {roi.AttendeesInRange:N0} attendees "
                + $"({roi.TooRecent:N0} too recent; {roi.Attendees.Members:N0} measured{(roi.Sampled ? ", sampled" : "")} against {roi.Others.Members:N0}).");
        }
        // Past the JIT's first tiers, so the figures are the steady state a running app sees.
        for (var i = 0; i < 10; i++)
        {
            await tiers.GetAsync(manager, twelveWeeks);
            await experiences.GetPerformanceAsync(manager, twelveWeeks);
            await experiences.GetRoiAsync(manager, twelveWeeks);
        }

        Console.WriteLine();
        Console.WriteLine("| Insights query | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (label, filter) in new[] { ("last 12 weeks", twelveWeeks), ("one year", year), ("one year, one store", year with { StoreId = store }) })
        {
            await BenchmarkRunner.MeasureAsync($"Tiers (distribution + monthly moves), {label}", 40, _ => tiers.GetAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Experience performance, {label}", 40, _ => experiences.GetPerformanceAsync(manager, filter));
            await BenchmarkRunner.MeasureAsync($"Experience ROI, {label}", 40, _ => experiences.GetRoiAsync(manager, filter));
        }
        return 0;
    }

    private static async Task PrepareAsync(IDbContextFactory<LoyaltyDbContext> dbFactory)
    {
        var history = new InsightsHistoryGenerator(TimeProvider.System);
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var started = Stopwatch.GetTimestamp();
        var outcomes = await history.AddExperienceOutcomesAsync(db, default);
        if (outcomes > 0) Console.WriteLine($"Recorded outcomes for {outcomes:N0} bookings in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
        if (!await db.ExperienceFeedback.AnyAsync())
        {
            started = Stopwatch.GetTimestamp();
            var feedback = await history.AddFeedbackAsync(db, share: 0.4, default);
            Console.WriteLine($"Added {feedback:N0} ratings in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
        }
        started = Stopwatch.GetTimestamp();
        var moves = await history.AddTierHistoryAsync(db, days: 420, step: TimeSpan.FromDays(14), default);
        if (moves > 0) Console.WriteLine($"Replayed {moves:N0} tier moves from the ledger in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
        Console.WriteLine($"Insights data: {await db.TierChanges.CountAsync():N0} tier moves, {await db.ExperienceFeedback.CountAsync():N0} ratings, "
            + $"{await db.Bookings.CountAsync(b => b.Status == Features.Benefits.BookingStatus.Attended):N0} attended bookings.");
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;");
    }
}
