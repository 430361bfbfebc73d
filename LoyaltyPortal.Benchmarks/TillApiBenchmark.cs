using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Features.TillApi;
using LoyaltyPortal.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Record-visit through the till API: hosts the real app (Kestrel on a free loopback port, or drives <c>--Base</c>),
/// creates a store's key, then K clients each POST <c>/api/v1/members/{code}/visits</c> with a fresh Idempotency-Key,
/// every call for a different sampled member, and reports p50 / p95 / p99 and visits per second. Bounded in calls and time.
/// </summary>
internal static class TillApiBenchmark
{
    private const int MaxClients = 256;
    private const int MaxCalls = 200_000;
    private const int MaxSeconds = 600;
    private const string ManagerEmail = "api-benchmark-manager@loyaltyportal.test";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ApplicationName = "LoyaltyPortal",
            ContentRootPath = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../LoyaltyPortal")),
        });
        // Production settings, as deployed. The benchmark calls far faster than a till, so the limit is raised for the run;
        // the command line still wins.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TillApi:RequestsPerMinute"] = "100000000", ["Portal:PublicBaseUrl"] = "http://127.0.0.1/",
            // A visit sends no email; the benchmark app has no mail server.
            ["Email:AllowFolderDelivery"] = "true",
            ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.Configuration.AddCommandLine(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLoyaltyPortal();
        var settings = builder.Configuration;
        var clients = Math.Clamp(int.Parse(settings["Clients"] ?? "16", CultureInfo.InvariantCulture), 1, MaxClients);
        var calls = Math.Clamp(int.Parse(settings["Calls"] ?? "20000", CultureInfo.InvariantCulture), 1, MaxCalls);
        var warmup = Math.Clamp(int.Parse(settings["Warmup"] ?? "1000", CultureInfo.InvariantCulture), 0, MaxCalls);
        var seconds = Math.Clamp(int.Parse(settings["Duration"] ?? MaxSeconds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), 1, MaxSeconds);
        var external = settings["Base"];
        if (external is null) builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapLoyaltyPortal();
        Uri baseUri;
        if (external is null)
        {
            var startedAt = DateTime.UtcNow;
            await app.StartAsync();
            var waited = await WaitForStartUpJobsAsync(app.Services.GetRequiredService<ScheduledJobs>(), startedAt, seconds);
            Console.WriteLine($"Waited {waited.TotalSeconds:N1} s for the jobs the app starts with (insight rollups, at-risk snapshot)");
            baseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        else
        {
            baseUri = new Uri(external);
            if (!baseUri.IsLoopback) throw new ArgumentException("The API benchmark only drives an app on this machine (--Base must be loopback).");
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        string provider;
        int members;
        List<string> codes;
        int storeId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            provider = db.Database.IsSqlite() ? "SQLite" : "PostgreSQL";
            members = await db.Members.CountAsync();
            storeId = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            codes = await SampleCodesAsync(db, storeId, warmup + calls);
        }
        if (codes.Count < warmup + calls) throw new InvalidOperationException($"Only {codes.Count:N0} members sampled; use fewer --Calls or a bigger database.");
        var (key, keyId, manager) = await CreateKeyAsync(app.Services, storeId);
        Console.WriteLine($"{provider}, {members:N0} members; {baseUri}; key {keyId} for store {storeId}; {clients} clients, {warmup:N0} warm-up + {calls:N0} calls");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var errors = new Errors();
        var since = DateTime.UtcNow.AddMinutes(-1);
        await FireAsync(http, codes[..warmup], clients, new ConcurrentBag<double>(), errors, stop.Token);
        var samples = new ConcurrentBag<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await FireAsync(http, codes[warmup..], clients, samples, errors, stop.Token);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        // CPU per call of this process (app and clients, not the database server): comparable when the machine is busy.
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, samples.Count);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        int recorded;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var userId = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.UserId).SingleAsync();
            recorded = await db.Activities
                .CountAsync(a => a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt >= since && a.StaffUserId == userId);
        }
        var sorted = samples.Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("| Provider | Members | Clients | Calls | p50 ms | p95 ms | p99 ms | Visits/s | CPU ms/call | Errors | Visits recorded | Load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {provider} | {members:N0} | {clients} | {sorted.Length:N0} | {Pct(sorted, 0.50)} | {Pct(sorted, 0.95)} | {Pct(sorted, 0.99)} | " +
            $"{sorted.Length / elapsed:N0} | {cpuPerCall:F1} | {errors.Count} | {recorded:N0} | {load} |");
        // Keys are capped (ApiKeyService.MaxActiveKeys): each run revokes its own.
        await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(manager, keyId);
        if (external is null) await app.StopAsync();
        // A member visited here within the visit window (by an earlier run) answers "already recorded": fewer rows, no error.
        return errors.Count == 0 && sorted.Length == calls ? 0 : 1;
    }

    /// <summary>Each client takes the next member code until none are left; one call per member, so every call writes a visit.</summary>
    private static async Task FireAsync(HttpClient http, List<string> codes, int clients, ConcurrentBag<double> samples, Errors errors, CancellationToken ct)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < codes.Count && !ct.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/members/{codes[i]}/visits");
                request.Headers.Add(ApiIdempotency.Header, Guid.NewGuid().ToString("N"));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) errors.Add($"{(int)response.StatusCode} {body}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    errors.Add(e.Message);
                }
            }
        }));
    }

    /// <summary>
    /// Waits for the work the app starts with: the insight rollups' first refresh (on a freshly seeded database it reads
    /// the whole ledger) and the at-risk snapshot when none is a day old. Measured alongside them, visits queue behind
    /// their write transactions, and the figures would describe start-up, not a till's ordinary day. Done when the
    /// rollups have run since start and nothing is running, twice in a row a second apart.
    /// </summary>
    private static async Task<TimeSpan> WaitForStartUpJobsAsync(ScheduledJobs jobs, DateTime since, int maxSeconds)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
        var waited = Stopwatch.StartNew();
        var quietPolls = 0;
        while (quietPolls < 2)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), limit.Token);
            var runs = (await jobs.ListAsync(limit.Token)).Where(r => r.StartedAt >= since).ToList();
            var quiet = runs.Any(r => r.Name == ScheduledJobs.InsightsRollups && r.FinishedAt is not null)
                && runs.All(r => r.FinishedAt is not null);
            quietPolls = quiet ? quietPolls + 1 : 0;
        }
        return waited.Elapsed;
    }

    /// <summary>
    /// Members spread over the id range from a random start, leaving out anyone visited at the store in the last day: an
    /// earlier run's member would answer "already recorded" without writing, and make the run look faster than it is.
    /// </summary>
    private static async Task<List<string>> SampleCodesAsync(LoyaltyDbContext db, int storeId, int count)
    {
        var since = DateTime.UtcNow.AddDays(-1);
        var maxId = await db.Members.MaxAsync(m => m.Id);
        var step = Math.Max(1, maxId / (count + count / 4));
        var offset = Random.Shared.Next(step);
        var codes = await db.Members.AsNoTracking().Where(m => m.Id % step == offset && m.AnonymisedAt == null)
            .Where(m => !db.Activities.Any(a => a.MemberId == m.Id && a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt > since))
            .Select(m => m.MemberCode).Take(count).ToListAsync();
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codes));
        return codes;
    }

    /// <summary>A new key with the Activity scope for the store, made by the key service as a manager would.</summary>
    private static async Task<(string Key, int KeyId, Caller Manager)> CreateKeyAsync(IServiceProvider services, int storeId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var manager = await users.FindByEmailAsync(ManagerEmail);
        if (manager is null)
        {
            // No password: nobody signs in as the benchmark's manager; it only creates keys.
            manager = new ApplicationUser { UserName = ManagerEmail, Email = ManagerEmail, EmailConfirmed = true, DisplayName = "API benchmark" };
            var created = await users.CreateAsync(manager);
            if (created.Succeeded) created = await users.AddToRoleAsync(manager, Roles.Manager);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var caller = new Caller(manager.Id, "API benchmark", new HashSet<string> { Roles.Manager }, null);
        var name = $"API benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}";
        var result = await services.GetRequiredService<ApiKeyService>()
            .CreateAsync(caller, new NewApiKeyInput { Name = name, StoreId = storeId, Scopes = ApiScopes.Activity });
        if (result.Key is null) throw new InvalidOperationException(result.Message);
        await using var db = await services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContextAsync();
        return (result.Key, await db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync(), caller);
    }

    private static string Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? "–" : BenchmarkRunner.Percentile(sorted, p).ToString("F1", CultureInfo.InvariantCulture);

    private sealed class Errors
    {
        private int count;

        public int Count => count;

        public void Add(string message)
        {
            if (Interlocked.Increment(ref count) == 1) Console.Error.WriteLine($"First error: {message}");
        }
    }
}
