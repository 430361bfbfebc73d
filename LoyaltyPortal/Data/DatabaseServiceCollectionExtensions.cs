using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyPortal.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDbContextFactory{LoyaltyDbContext}"/> for the configured provider.</summary>
    public static IHostApplicationBuilder AddLoyaltyDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.Configure<IdentityOptions>(IdentitySchema.Configure);

        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres, so ConnectionStrings:Postgres must hold a connection string.");
            }
            builder.Services.AddPooledDbContextFactory<PostgresLoyaltyDbContext>(o => o.UseNpgsql(connectionString).ConfigureWarnings(IgnoreCappedCounts));
            builder.Services.AddSingleton<IDbContextFactory<LoyaltyDbContext>, LoyaltyDbContextFactory<PostgresLoyaltyDbContext>>();
        }
        else
        {
            var connectionString = builder.Configuration.GetConnectionString("Sqlite");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = options.ResolveDataFolder(builder.Environment.ContentRootPath);
                Directory.CreateDirectory(folder);
                connectionString = SqliteConnectionString(Path.Combine(folder, "loyalty.db"));
            }
            var pragmas = new SqliteConnectionSettings(options.SqliteSynchronous, options.SqliteBusyTimeoutSeconds * 1000);
            var writers = new SqliteWriteGate(TimeSpan.FromSeconds(options.SqliteBusyTimeoutSeconds));
            builder.Services.AddPooledDbContextFactory<SqliteLoyaltyDbContext>(o =>
                o.UseSqlite(connectionString).AddInterceptors(pragmas, writers).ConfigureWarnings(IgnoreCappedCounts));
            builder.Services.AddSingleton<IDbContextFactory<LoyaltyDbContext>, LoyaltyDbContextFactory<SqliteLoyaltyDbContext>>();
        }

        // Identity's stores want a scoped context; it comes from the same factory.
        builder.Services.AddScoped<LoyaltyDbContext>(sp => sp.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContext());
        builder.Services.Configure<ProgrammeOptions>(builder.Configuration.GetSection(ProgrammeOptions.Section));
        builder.Services.AddDatabaseUpkeep();
        return builder;
    }

    /// <summary>
    /// The initializer and the standing, achievement and rollup jobs it shares with the running app. Both the app's
    /// features and the command-line hosts call this, so each is registered once (TryAdd) and is one instance.
    /// </summary>
    public static IServiceCollection AddDatabaseUpkeep(this IServiceCollection services)
    {
        services.AddOptions<ProgrammeOptions>();
        services.TryAddSingleton<ProgrammeCalendar>();
        services.TryAddSingleton<WebhookPublisher>();
        services.TryAddSingleton<StandingMaintenance>();
        services.TryAddSingleton<AchievementKeeper>();
        services.TryAddSingleton<InsightsRollups>();
        services.TryAddSingleton<DemoHistory>();
        services.TryAddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// Counting "up to N matches" takes N rows in any order on purpose (an ORDER BY would make the count slower),
    /// so EF's warning about Take without OrderBy is noise in the logs.
    /// </summary>
    public static void IgnoreCappedCounts(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning);

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}

/// <summary>Hands out the provider's context type as the shared <see cref="LoyaltyDbContext"/>.</summary>
internal sealed class LoyaltyDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LoyaltyDbContext>
    where TContext : LoyaltyDbContext
{
    public LoyaltyDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LoyaltyDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>
/// Identity builds its tables from <see cref="IdentityOptions"/>. Every context (app, seed command, design-time
/// migrations, tests) must see the same schema version, or the model no longer matches the migrations.
/// </summary>
public static class IdentitySchema
{
    private static readonly IServiceProvider StandaloneServices =
        new ServiceCollection().Configure<IdentityOptions>(Configure).BuildServiceProvider();

    public static void Configure(IdentityOptions options) => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>For contexts created outside the app's service provider.</summary>
    public static DbContextOptionsBuilder<TContext> UseLoyaltyIdentitySchema<TContext>(this DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext => builder.UseApplicationServiceProvider(StandaloneServices);
}
