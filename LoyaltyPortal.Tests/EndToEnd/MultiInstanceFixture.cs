using System.Net;
using System.Text.RegularExpressions;
using LoyaltyPortal.Tests.Resilience;
using Microsoft.Playwright;
using Npgsql;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// The scale-out deployment on one machine: a fresh PostgreSQL database, the <c>migrate</c> command run as a process,
/// two app instances as processes with <c>Database:MigrateOnStart=false</c>, each on its own loopback port, the
/// LoyaltyPortal.Gateway in front of them, and one headless Chromium. Each instance reaches PostgreSQL through its own
/// <see cref="CuttableProxy"/>, so a test can take one instance's database away and make it unready.
/// Needs <c>LOYALTY_TEST_POSTGRES</c> and Chromium; without them the tests skip, and under CI=true they fail instead.
/// </summary>
public sealed partial class MultiInstanceFixture : IAsyncLifetime
{
    /// <summary>The standings job every 10 s (the shortest schedule allowed), so a test sees slots come and go.</summary>
    public const string StandingsSchedule = "*/10 * * * * *";

    /// <summary>How often the gateway probes /health/ready here (5 s in its appsettings.json).</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    /// <summary>Generous for a loaded two-core machine, and still bounded.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string database = "lp_multi_" + Guid.NewGuid().ToString("N");
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IPlaywright? playwright;

    public Instance A { get; private set; } = null!;
    public Instance B { get; private set; } = null!;
    public AppProcess Gateway { get; private set; } = null!;
    public string GatewayUrl { get; private set; } = "";
    public string MigrateOutput { get; private set; } = "";
    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }

    /// <summary>This test database, for tests that read a table (JobRuns) directly.</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestDb.PostgresConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        var ci = Environment.GetEnvironmentVariable("CI") == "true";
        SkipReason = TestDb.PostgresConnectionString is null ? $"{TestDb.PostgresVariable} is not set."
            : !File.Exists(BrowserFixture.ChromiumPath) ? $"Multi-instance tests need Debian's Chromium at {BrowserFixture.ChromiumPath}." : null;
        if (SkipReason is not null)
        {
            if (ci) throw new InvalidOperationException("CI=true, yet " + SkipReason);
            return;
        }

        await ExecuteAdminAsync($"CREATE DATABASE \"{database}\"");
        var direct = new NpgsqlConnectionStringBuilder(TestDb.PostgresConnectionString) { Database = database }.ConnectionString;
        var (exitCode, output) = await AppProcess.RunCommandAsync("migrate", NewDataFolder(), new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = direct,
            ["Database__SeedDemoData"] = "true",
            ["Database__DemoMembers"] = "100",
        }, StartTimeout);
        MigrateOutput = output;
        if (exitCode != 0) throw new InvalidOperationException($"migrate exited with {exitCode}:\n{output}");

        A = new Instance("instance-1", FreeLoopbackPort(), PostgresPort, direct);
        B = new Instance("instance-2", FreeLoopbackPort(), PostgresPort, direct);
        A.Start();
        B.Start();
        var gatewayPort = FreeLoopbackPort();
        GatewayUrl = $"http://127.0.0.1:{gatewayPort}";
        Gateway = AppProcess.StartGateway(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = GatewayUrl,
            [$"ReverseProxy__Clusters__instances__Destinations__{A.Name}__Address"] = A.Url + "/",
            [$"ReverseProxy__Clusters__instances__Destinations__{B.Name}__Address"] = B.Url + "/",
            ["ReverseProxy__Clusters__instances__HealthCheck__Active__Interval"] = ProbeInterval.ToString(),
        });
        await Task.WhenAll(A.WaitReadyAsync(http), B.WaitReadyAsync(http));
        await Task.WhenAll(GatewaySeesAsync(A, healthy: true), GatewaySeesAsync(B, healthy: true));

        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(playwright);
    }

    /// <summary>A fresh browser context (its own cookies) whose relative addresses go to <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1366, int height = 900)
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        return await TestBrowserContexts.NewPageAsync(Browser!, new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
    }

    /// <summary>Both instances answer /health/ready with 200 and the gateway has marked both healthy since.</summary>
    public async Task BothRoutableAsync()
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        await Task.WhenAll(A.WaitReadyAsync(http), B.WaitReadyAsync(http));
        await Task.WhenAll(GatewaySeesAsync(A, healthy: true), GatewaySeesAsync(B, healthy: true));
    }

    /// <summary>Waits until the gateway's latest word on <paramref name="instance"/> (its health log lines) is healthy or unhealthy.</summary>
    public async Task GatewaySeesAsync(Instance instance, bool healthy)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (LatestHealth(instance.Name) is not { } state || state.Equals("healthy", StringComparison.OrdinalIgnoreCase) != healthy)
        {
            if (Gateway.HasExited) throw new InvalidOperationException("The gateway exited:\n" + Gateway.Output);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway never marked {instance.Name} {(healthy ? "healthy" : "unhealthy")}:\n{Gateway.Output}");
            }
            await Task.Delay(100);
        }
    }

    private string? LatestHealth(string destination) => HealthLine().Matches(Gateway.Output)
        .Where(m => m.Groups["destination"].Value == destination).Select(m => m.Groups["state"].Value).LastOrDefault();

    [GeneratedRegex(@"destination `(?<destination>[^`]+)` on cluster `instances` is set to '(?<state>\w+)'")]
    private static partial Regex HealthLine();

    /// <summary>The instance whose log shows a request for <paramref name="pathAndQuery"/>; fails unless exactly one served it.</summary>
    public async Task<Instance> ServedByAsync(string pathAndQuery)
    {
        // The console logger writes a moment after the request began: wait for the line, not for a guess.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<Instance> served;
        while ((served = new[] { A, B }.Where(i => i.Served(pathAndQuery)).ToList()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(served.Count == 1, $"'{pathAndQuery}' was served by {served.Count} instances ({string.Join(", ", served.Select(i => i.Name))}).");
        return served[0];
    }

    public Instance Other(Instance instance) => instance == A ? B : A;

    public async Task<bool> IsReadyAsync(Instance instance)
    {
        try
        {
            using var response = await http.GetAsync(instance.Url + "/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task WaitReadyAsync(Instance instance) => instance.WaitReadyAsync(http);

    private static int PostgresPort => new NpgsqlConnectionStringBuilder(TestDb.PostgresConnectionString).Port;

    private static string NewDataFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "loyalty-multi-" + Guid.NewGuid().ToString("N"))).FullName;

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestDb.PostgresConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        http.Dispose();
        if (SkipReason is null) await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>
    /// One app instance: its port, its road to PostgreSQL (which a test can cut), and the process, which a test can kill
    /// and start again.
    /// </summary>
    public sealed class Instance : IAsyncDisposable
    {
        private readonly Dictionary<string, string> settings;
        private readonly string dataFolder = NewDataFolder();

        internal Instance(string name, int port, int postgresPort, string connectionString)
        {
            Name = name;
            Url = $"http://127.0.0.1:{port}";
            Database = new CuttableProxy(postgresPort);
            settings = new Dictionary<string, string>
            {
                // Production refuses its cookies over plain http (a deployment terminates TLS at the gateway and sends
                // X-Forwarded-Proto: https); these browsers reach the instances over http on loopback.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = Url,
                ["Database__Provider"] = "Postgres",
                ["Database__MigrateOnStart"] = "false",
                ["ConnectionStrings__Postgres"] =
                    new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Database.Port }.ConnectionString,
                ["Jobs__Standings"] = StandingsSchedule,
                // The gateway runs on this machine; its X-Forwarded-For and -Proto are believed from loopback only.
                ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
                ["RateLimiting__AuthPermitLimit"] = "1000",
                // Each instance says what it did with every job slot, and logs each request it serves: the tests' evidence.
                ["Logging__LogLevel__LoyaltyPortal.Features.Jobs"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            };
        }

        /// <summary>The gateway's name for it (its destination id).</summary>
        public string Name { get; }

        public string Url { get; }

        public CuttableProxy Database { get; }

        public AppProcess Process { get; private set; } = null!;

        /// <summary>How the app names this instance in JobRuns and on the jobs page: machine and process id.</summary>
        public string JobInstance => $"{Environment.MachineName}:{Process.Id}";

        internal void Start() => Process = AppProcess.Start(dataFolder, settings);

        /// <summary>Starts the instance again after a kill, on the same port, so the gateway finds it where it was.</summary>
        public async Task RestartAsync()
        {
            await Process.DisposeAsync();
            Start();
        }

        /// <summary>Whether this instance logged a request whose path and query contain <paramref name="pathAndQuery"/>.</summary>
        public bool Served(string pathAndQuery) =>
            Process.Output.Split('\n').Any(line =>
                line.Contains("Request starting", StringComparison.Ordinal) && line.Contains(pathAndQuery, StringComparison.Ordinal));

        internal async Task WaitReadyAsync(HttpClient http)
        {
            var deadline = DateTime.UtcNow + StartTimeout;
            while (true)
            {
                if (Process.HasExited) throw new InvalidOperationException($"{Name} exited:\n{Process.Output}");
                try
                {
                    using var response = await http.GetAsync(Url + "/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { /* not listening yet */ }
                catch (TaskCanceledException) { /* a slow answer while the machine is busy */ }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not ready within {StartTimeout}:\n{Process.Output}");
                await Task.Delay(250);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Process is not null) await Process.DisposeAsync();
            await Database.DisposeAsync();
            try { Directory.Delete(dataFolder, recursive: true); }
            catch (IOException) { /* left to the temp folder's own clean-up */ }
        }
    }
}

// Run alone, after the parallel collections: the live update across instances is held to about a second, which a
// machine busy with the rest of the suite (browsers, builds of apps) cannot promise.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiInstanceCollection : ICollectionFixture<MultiInstanceFixture>
{
    public const string Name = "Multi-instance";
}
