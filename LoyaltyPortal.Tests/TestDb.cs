using System.Data.Common;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LoyaltyPortal.Tests;

/// <summary>
/// A real, migrated database for one test: SQLite in memory (one open connection) or a SQLite file,
/// or, when <c>LOYALTY_TEST_POSTGRES</c> holds an admin connection string, a fresh PostgreSQL database.
/// <see cref="Services"/> holds the app's feature services and Identity over that database.
/// </summary>
public sealed class TestDb : IAsyncDisposable
{
    public const string PostgresVariable = "LOYALTY_TEST_POSTGRES";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? postgresTemplate;
    private static SqliteConnection? sqliteTemplate;

    /// <summary>The instant every test's clock starts at, and the SQLite template's reference data was written at.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly DbConnection? sqliteConnection;
    private readonly string? sqlitePath;
    private readonly string? postgresDatabase;
    private readonly ServiceProvider services;

    public DatabaseProvider Provider { get; }
    public FakeTimeProvider Clock { get; }
    public IDbContextFactory<LoyaltyDbContext> Factory { get; }
    public IServiceProvider Services => services;

    /// <summary>PostgreSQL only: a connection string to this test's database, for tests that open their own connections.</summary>
    public string ConnectionString => postgresDatabase is null
        ? throw new InvalidOperationException("Only a PostgreSQL test database has a connection string of its own.")
        : new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = postgresDatabase }.ConnectionString;

    /// <summary>The providers every service test runs on: SQLite always, PostgreSQL when configured.</summary>
    public static IEnumerable<DatabaseProvider> Providers =>
        PostgresConnectionString is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    private TestDb(DatabaseProvider provider, FakeTimeProvider clock, IDbContextFactory<LoyaltyDbContext> factory,
        DbConnection? sqliteConnection, string? sqlitePath, string? postgresDatabase, MemberEvents events)
    {
        Provider = provider;
        Clock = clock;
        Factory = factory;
        this.sqliteConnection = sqliteConnection;
        this.sqlitePath = sqlitePath;
        this.postgresDatabase = postgresDatabase;
        services = BuildServices(factory, clock, events);
    }

    /// <param name="onDisk">SQLite only: use a temporary file, for tests that need several connections at once.</param>
    public static async Task<TestDb> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, bool onDisk = false)
    {
        var clock = new FakeTimeProvider(Start);
        var events = new MemberEvents();
        TestDb db;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = PostgresConnectionString ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            var template = await EnsurePostgresTemplateAsync(admin);
            var name = "lp_test_" + Guid.NewGuid().ToString("N");
            // Tests run in parallel and race tests open many connections; a small pool per test database keeps
            // the server under its connection limit while still letting 20 writers contend.
            await ExecuteAdminAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            var options = new DbContextOptionsBuilder<PostgresLoyaltyDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString).UseLoyaltyIdentitySchema().Options;
            db = new TestDb(provider, clock, new LoyaltyDbContextFactory<PostgresLoyaltyDbContext>(new PooledDbContextFactory<PostgresLoyaltyDbContext>(options)), null, null, name, events);
        }
        else
        {
            string? path = onDisk ? Path.Combine(Path.GetTempPath(), $"loyalty-test-{Guid.NewGuid():N}.db") : null;
            var connection = new SqliteConnection(path is null ? "Data Source=:memory:;Foreign Keys=True" : DatabaseServiceCollectionExtensions.SqliteConnectionString(path));
            await connection.OpenAsync();
            await CopySqliteTemplateAsync(connection, onDisk);
            var builder = new DbContextOptionsBuilder<SqliteLoyaltyDbContext>().UseLoyaltyIdentitySchema();
            var options = path is null ? builder.UseSqlite(connection).Options : builder.UseSqlite(connection.ConnectionString).Options;
            var pool = new PooledDbContextFactory<SqliteLoyaltyDbContext>(options);
            if (path is null) WarmUp(pool);
            db = new TestDb(provider, clock, new LoyaltyDbContextFactory<SqliteLoyaltyDbContext>(pool), connection, path, null, events);
        }
        // Both templates are migrated and hold the reference data (DatabaseInitializer), so a copy needs nothing more.
        return db;
    }

    public LoyaltyDbContext NewContext() => Factory.CreateDbContext();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    private static ServiceProvider BuildServices(IDbContextFactory<LoyaltyDbContext> factory, FakeTimeProvider clock, MemberEvents events)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(factory);
        services.AddScoped<LoyaltyDbContext>(sp => sp.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContext());
        services.AddDataProtection();
        services.Configure<IdentityOptions>(IdentitySchema.Configure);
        services.AddIdentityCore<ApplicationUser>(PortalServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LoyaltyDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<MemberSettings>(_ => { });
        services.Configure<LoyaltyPortal.Hosting.PortalOptions>(o => o.PublicBaseUrl = "https://portal.test/");
        services.AddSingleton<RecordingEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingEmailSender>());
        // What the outbox worker hands emails to; tests read it or make it fail.
        services.AddSingleton<FakeEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<FakeEmailTransport>());
        // Tests' webhook receivers listen on plain http at 127.0.0.1.
        services.Configure<LoyaltyPortal.Features.Integration.Webhooks.WebhookOptions>(o => o.AllowInsecureUrls = true);
        services.AddPortalFeatures();
        services.AddSingleton(events);
        return services.BuildServiceProvider();
    }

    private static async Task<string> EnsurePostgresTemplateAsync(string admin)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (postgresTemplate is not null) return postgresTemplate;
            // One migrated template per test run; each test copies it, which is much faster than migrating.
            var name = "lp_template_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAdminAsync(admin, $"CREATE DATABASE \"{name}\"");
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
            var options = new DbContextOptionsBuilder<PostgresLoyaltyDbContext>().UseNpgsql(cs).UseLoyaltyIdentitySchema().Options;
            await using (var context = new PostgresLoyaltyDbContext(options))
            {
                await context.Database.MigrateAsync();
            }
            await InitializeTemplateAsync(options, TimeProvider.System);
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryExecuteAdmin(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            return postgresTemplate = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>Migrates a template and writes the reference data every database gets, as the app's start does.</summary>
    private static async Task InitializeTemplateAsync<TContext>(DbContextOptions<TContext> options, TimeProvider clock)
        where TContext : LoyaltyDbContext
    {
        IDbContextFactory<LoyaltyDbContext> factory = new LoyaltyDbContextFactory<TContext>(new PooledDbContextFactory<TContext>(options));
        var upkeep = new ServiceCollection().AddLogging().AddSingleton(clock).AddSingleton(factory).AddDatabaseUpkeep();
        await using var services = upkeep.BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    /// <summary>
    /// Copies the run's migrated SQLite database (in memory, built once) into <paramref name="connection"/>: SQLite's
    /// backup API copies its pages in milliseconds, where migrating every test's database took most of a second.
    /// </summary>
    private static async Task CopySqliteTemplateAsync(SqliteConnection connection, bool onDisk)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is null)
            {
                var template = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
                await template.OpenAsync();
                var options = new DbContextOptionsBuilder<SqliteLoyaltyDbContext>().UseSqlite(template).UseLoyaltyIdentitySchema().Options;
                await InitializeTemplateAsync(options, new FakeTimeProvider(Start));
                sqliteTemplate = template;
            }
            // The source connection is shared, so one copy at a time.
            sqliteTemplate.BackupDatabase(connection);
        }
        finally
        {
            TemplateLock.Release();
        }
        // The journal mode is the file's, not the copied pages': the app runs its files in WAL.
        if (onDisk)
        {
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Fills the pool of contexts over the one in-memory connection before the test runs. A context registers EF's SQL
    /// functions on its connection when it is first used, and SQLite refuses that (busy) while another context on the
    /// same connection has a statement open, as when a page's sections load at once.
    /// </summary>
    private static void WarmUp(PooledDbContextFactory<SqliteLoyaltyDbContext> pool)
    {
        var contexts = Enumerable.Range(0, 8).Select(_ => pool.CreateDbContext()).ToList();
        foreach (var context in contexts) _ = context.Database.GetDbConnection();
        foreach (var context in contexts) context.Dispose();
    }

    private static async Task ExecuteAdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void TryExecuteAdmin(string admin, string sql)
    {
        try { ExecuteAdminAsync(admin, sql).GetAwaiter().GetResult(); }
        catch (NpgsqlException) { /* best effort clean-up at exit */ }
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (sqliteConnection is not null) await sqliteConnection.DisposeAsync();
        if (sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" }) File.Delete(file);
        }
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAdminAsync(PostgresConnectionString!, $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
        }
    }
}
