using LoyaltyPortal.Data;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>
/// The schema as its own deployment step: <c>migrate</c> creates and upgrades a database, and an instance started
/// with <c>Database:MigrateOnStart=false</c> waits for it instead of migrating.
/// </summary>
public sealed class MigrateStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Migrate_command_builds_an_empty_database_and_an_instance_that_must_not_migrate_waits_for_it(DatabaseProvider provider)
    {
        await using var database = await EmptyDatabase.CreateAsync(provider);
        using var instance = CommandHost.CreateBuilder([.. database.Settings, "--Database:MigrateOnStart=false"]).Build();
        var initializer = instance.Services.GetRequiredService<DatabaseInitializer>();

        var waiting = initializer.InitializeAsync(Ct);
        await Task.Delay(DatabaseInitializer.SchemaPollInterval * 2, Ct);
        Assert.False(waiting.IsCompleted);
        Assert.NotNull(await initializer.SchemaProblemAsync(Ct));
        await using (var db = await instance.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContextAsync(Ct))
        {
            // The waiting instance changed nothing: no schema of its own making.
            Assert.False(await db.Database.CanConnectAsync(Ct) && (await db.Database.GetAppliedMigrationsAsync(Ct)).Any());
        }

        Assert.Equal(0, await MigrateCommand.RunAsync(database.Settings));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Null(await initializer.SchemaProblemAsync(Ct));
        Assert.Equal(0, await MigrateCommand.RunAsync(database.Settings));
        await using var migrated = await instance.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(Roles.All.Order(), (await migrated.Roles.Select(r => r.Name!).ToListAsync(Ct)).Order());
        Assert.False(await migrated.Stores.AnyAsync(Ct));
    }

    [Fact]
    public async Task Migrate_command_refuses_arguments_it_does_not_know()
    {
        Assert.Equal(2, await MigrateCommand.RunAsync(["--force"]));
        Assert.Equal(2, await MigrateCommand.RunAsync(["now"]));
    }

    /// <summary>A database that does not exist yet: a SQLite file in a new folder, or a PostgreSQL name not yet created.</summary>
    private sealed class EmptyDatabase : IAsyncDisposable
    {
        private readonly string? folder;
        private readonly string? postgresName;

        private EmptyDatabase(string[] settings, string? folder, string? postgresName)
        {
            Settings = settings;
            this.folder = folder;
            this.postgresName = postgresName;
        }

        public string[] Settings { get; }

        public static Task<EmptyDatabase> CreateAsync(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.Postgres)
            {
                var name = "lp_migrate_" + Guid.NewGuid().ToString("N");
                var connection = new NpgsqlConnectionStringBuilder(TestDb.PostgresConnectionString) { Database = name }.ConnectionString;
                return Task.FromResult(new EmptyDatabase(
                    ["--Database:Provider=Postgres", "--ConnectionStrings:Postgres=" + connection, "--Database:SeedDemoData=false"], null, name));
            }
            var folder = Path.Combine(Path.GetTempPath(), "loyalty-migrate-" + Guid.NewGuid().ToString("N"));
            return Task.FromResult(new EmptyDatabase(["--Database:DataFolder=" + folder, "--Database:SeedDemoData=false"], folder, null));
        }

        public async ValueTask DisposeAsync()
        {
            if (postgresName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(TestDb.PostgresConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            if (folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }
    }
}
