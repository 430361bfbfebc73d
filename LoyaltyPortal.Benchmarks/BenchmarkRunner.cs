using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Latency benchmarks of service-layer queries against a large database: each case runs after a warm-up,
/// many times, and reports p50 / p95 / max. The figures go into the README's Performance section.
/// </summary>
internal static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "member-list";
        // The circuit benchmark drives a running app over its socket; it needs no database of its own.
        if (name == "circuits") return await Circuits.CircuitBenchmark.RunAsync(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        // The API benchmark hosts the whole app (or drives --Base) and calls it over HTTP.
        if (name == "api") return await TillApiBenchmark.RunAsync(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        // The import benchmark starts from an empty database of its own, never the one the other benchmarks read.
        if (name == "import" && !args.Any(a => a.StartsWith("--Database:DataFolder", StringComparison.Ordinal)))
        {
            args = [.. args, "--Database:DataFolder=" + Path.Combine(Path.GetTempPath(), "loyalty-import-benchmark-" + Guid.NewGuid().ToString("N"))];
        }
        var builder = Host.CreateApplicationBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        builder.Environment.ContentRootPath = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../LoyaltyPortal"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<MemberSettings>(builder.Configuration.GetSection(MemberSettings.Section));
        builder.AddLoyaltyDatabase();
        // Benchmarks time queries and bookings, not mail delivery.
        builder.Services.AddSingleton<IEmailSender, DiscardingEmailSender>();
        builder.Services.AddPortalFeatures();
        builder.Services.Configure<PortalOptions>(o => o.PublicBaseUrl ??= "http://localhost:5080/");
        // The counter search benchmark times queries; the per-staff limiter would refuse most of them.
        builder.Services.PostConfigure<LoyaltyPortal.Features.Recognition.RecognitionOptions>(o => o.SearchBurst = 1_000_000);
        using var host = builder.Build();

        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        if (name is "rsvp-race" or "counter-search" or "import") await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            Console.WriteLine($"Database: {db.Database.ProviderName}, {await db.Members.CountAsync():N0} members, {await db.Activities.LongCountAsync():N0} activities");
        }

        return name switch
        {
            "member-list" => await MemberListBenchmark.RunAsync(host.Services),
            "for-you" => await ForYouBenchmark.RunAsync(host.Services),
            "rsvp-race" => await RsvpRaceBenchmark.RunAsync(host.Services),
            "progress" => await ProgressBenchmark.RunAsync(host.Services),
            "counter-search" => await CounterSearchBenchmark.RunAsync(host.Services),
            "counter-paint" => await CounterPaintBenchmark.RunAsync(host.Services),
            "insights-advocacy" => await InsightsAdvocacyBenchmark.RunAsync(host.Services),
            "insights-atrisk" => await InsightsAtRiskBenchmark.RunAsync(host.Services),
            "insights" => await InsightsBenchmark.RunAsync(host.Services),
            "insights-rollups" => await InsightsRollupBenchmark.RunAsync(host.Services),
            "import" => await ImportBenchmark.RunAsync(host.Services),
            _ => Unknown(name),
        };
    }

    private static int Unknown(string name)
    {
        Console.Error.WriteLine($"Unknown benchmark '{name}'. Known: circuits, api, member-list, for-you, rsvp-race, progress, counter-search, counter-paint, insights-advocacy, insights-atrisk, insights, insights-rollups, import.");
        return 2;
    }

    private sealed class DiscardingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct = default) => Task.CompletedTask;
    }

    public static Caller Manager { get; } = new("benchmark", "Benchmark", new HashSet<string> { Roles.Manager }, null);

    /// <summary>Times <paramref name="action"/> and prints one Markdown table row.</summary>
    public static async Task MeasureAsync(string label, int iterations, Func<int, Task> action)
    {
        for (var i = 0; i < 5; i++) await action(i);
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        Console.WriteLine($"| {label} | {Percentile(samples, 0.50):F1} | {Percentile(samples, 0.95):F1} | {samples[^1]:F1} |");
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
