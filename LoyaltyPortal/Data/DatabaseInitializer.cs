using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Data;

/// <summary>Creates and migrates the database on first run, then loads reference data and (in Development) the demo.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<DatabaseOptions> options, IOptions<ProgrammeOptions> programme,
    DemoHistory demoHistory, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public static readonly TimeSpan SchemaPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Migrates and loads reference data, or (with <see cref="DatabaseOptions.MigrateOnStart"/> off) waits until the migrate step has.</summary>
    public Task InitializeAsync(CancellationToken ct = default) =>
        options.Value.MigrateOnStart ? MigrateAsync(ct) : WaitForSchemaAsync(ct);

    /// <summary>
    /// Null when the database is reachable, fully migrated and holds its reference data; otherwise why not, in words
    /// for an operator. The readiness probe and instances waiting at start both ask this.
    /// </summary>
    public async Task<string?> SchemaProblemAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await db.Database.CanConnectAsync(ct)) return "The database cannot be reached.";
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            if (pending > 0) return $"{pending} migration(s) not applied yet: run `migrate`.";
            return await db.ProgressSettings.AnyAsync(ct) ? null : "Reference data is not loaded yet: run `migrate`.";
        }
        catch (System.Data.Common.DbException e)
        {
            return "The database answered with an error: " + e.Message;
        }
    }

    private async Task WaitForSchemaAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        TimeSpan? lastLogged = null;
        while (await SchemaProblemAsync(ct) is { } problem)
        {
            var waited = clock.GetElapsedTime(started);
            if (lastLogged is null || waited - lastLogged >= TimeSpan.FromSeconds(30))
            {
                logger.LogWarning("Waiting for the database schema ({Waited:N0} s so far; Database:MigrateOnStart is off): {Problem}", waited.TotalSeconds, problem);
                lastLogged = waited;
            }
            await Task.Delay(SchemaPollInterval, clock, ct);
        }
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // EF takes a migration lock (an advisory lock on PostgreSQL), so two instances starting at once migrate once.
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work side by side and survives a kill -9 mid-write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await EnsureReferenceDataAsync(db, clock.GetUtcNow().UtcDateTime, ct);

        if (options.Value.SeedDemoData && !await db.Stores.AnyAsync(ct))
        {
            logger.LogInformation("Loading demo data ({Members} members)…", options.Value.DemoMembers);
            var started = clock.GetTimestamp();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await new DemoSeeder(clock, programme.Value.TimeZone).SeedAsync(db, options.Value.DemoMembers, ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Demo data loaded in {Elapsed}.", clock.GetElapsedTime(started));
        }

        // Members written in bulk (the demo) or before the staff search existed get their search forms.
        var indexed = await MemberSearchBackfill.RunAsync(dbFactory, ct);
        if (indexed > 0) logger.LogInformation("Indexed {Members} member names for the staff search.", indexed);

        // Seeded history is written in bulk, without standings; compute them once. Also covers a start that was
        // stopped between the seed and this step.
        if (options.Value.SeedDemoData && !await db.MemberStandings.AnyAsync(ct) && await db.Members.AnyAsync(ct))
        {
            await demoHistory.SettleAsync(ct);
        }
    }

    /// <summary>Roles, the interest catalogue, an entry tier, engagement rules, progress settings and starter achievements: every install needs these.</summary>
    private static async Task EnsureReferenceDataAsync(LoyaltyDbContext db, DateTime now, CancellationToken ct)
    {
        var existingRoles = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Except(existingRoles))
        {
            db.Roles.Add(new IdentityRole(role!) { NormalizedName = role!.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        var existingInterests = await db.Interests.Select(i => i.Name).ToListAsync(ct);
        db.Interests.AddRange(InterestCatalogue.Names.Except(existingInterests).Select(name => new Interest { Name = name }));

        // Managers rename and add tiers; a programme always has one that every member starts in.
        if (!await db.Tiers.AnyAsync(ct)) db.Tiers.AddRange(StarterTiers.All());
        var ruled = await db.EngagementRules.Select(r => r.Type).ToListAsync(ct);
        db.EngagementRules.AddRange(StarterRules.All(now).Where(r => !ruled.Contains(r.Type)));
        var settings = await db.ProgressSettings.FirstOrDefaultAsync(ct);
        if (settings is null) db.ProgressSettings.Add(settings = new ProgressSettings());
        if (!settings.StarterAchievementsAdded)
        {
            var named = await db.Achievements.Select(a => a.Name).ToListAsync(ct);
            db.Achievements.AddRange(StarterAchievements.All(now).Where(a => !named.Contains(a.Name)));
            settings.StarterAchievementsAdded = true;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo logins, when the demo accounts exist in this database.</summary>
    public async Task<IReadOnlyList<DemoAccount>> GetDemoAccountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emails = DemoAccounts.Primary.Select(a => a.Email.ToUpperInvariant()).ToList();
        var present = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail).ToListAsync(ct);
        return DemoAccounts.Primary.Where(a => present.Contains(a.Email.ToUpperInvariant())).ToList();
    }
}
