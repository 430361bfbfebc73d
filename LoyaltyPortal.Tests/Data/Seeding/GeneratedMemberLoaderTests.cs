using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Data.Seeding;

/// <summary>The <c>seed</c> command leaves a database that <c>standings check</c> passes straight away.</summary>
public sealed class GeneratedMemberLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Seeding_gives_every_generated_member_a_standing_that_matches_the_ledger(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var loader = ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services);

        await loader.LoadAsync(members: 120, activities: 10, batch: 50, report: _ => { }, Ct);

        Assert.Equal(120, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
        Assert.Equal(120, await db.QueryAsync(c => c.MemberStandings.CountAsync(Ct)));
        var report = await db.Get<StandingMaintenance>().CheckAsync(Ct);
        Assert.Equal(120, report.MembersChecked);
        Assert.Empty(report.Mismatches);
    }

    [Theory, AllProviders]
    public async Task Seeding_again_keeps_the_members_already_there_consistent(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var loader = ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services);
        await loader.LoadAsync(members: 60, activities: 10, batch: 60, report: _ => { }, Ct);
        db.Clock.Advance(TimeSpan.FromDays(3));

        await loader.LoadAsync(members: 60, activities: 10, batch: 60, report: _ => { }, Ct);

        Assert.Empty((await db.Get<StandingMaintenance>().CheckAsync(Ct)).Mismatches);
    }

    [Theory, AllProviders]
    public async Task Seeding_after_a_load_that_died_with_its_indexes_dropped_rebuilds_them_as_migrated(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var migrated = await IndexDefinitionsAsync(db);
        await using (var context = await db.Factory.CreateDbContextAsync(Ct))
        {
            await BulkLoadIndexes.DropAsync(context, Ct);
        }
        Assert.True((await IndexDefinitionsAsync(db)).Count < migrated.Count - 10);

        await ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services)
            .LoadAsync(members: 30, activities: 5, batch: 10, report: _ => { }, Ct);

        Assert.Equal(migrated, await IndexDefinitionsAsync(db));
        Assert.Empty((await db.Get<StandingMaintenance>().CheckAsync(Ct)).Mismatches);
    }

    [Fact]
    public async Task Building_indexes_puts_back_the_connections_own_SQLite_settings()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        await context.Database.OpenConnectionAsync(Ct);
        await BulkTuning.ApplyAsync(context, Ct);
        var tuned = await SettingsAsync(context);
        await BulkLoadIndexes.DropAsync(context, Ct);

        Assert.True(await BulkLoadIndexes.EnsureAsync(context, Ct) > 10);

        Assert.Equal("-2097152 2 2", tuned);
        Assert.Equal(tuned, await SettingsAsync(context));
        Assert.Equal(0, await BulkLoadIndexes.EnsureAsync(context, Ct));
    }

    private static async Task<string> SettingsAsync(LoyaltyDbContext context) => string.Join(' ', await context.Database
        .SqlQueryRaw<long>("""SELECT "cache_size" AS "Value" FROM pragma_cache_size() UNION ALL SELECT "temp_store" FROM pragma_temp_store()"""
            + """ UNION ALL SELECT "threads" FROM pragma_threads()""").ToListAsync(Ct));

    [Theory, AllProviders]
    public async Task Generated_members_can_be_found_by_name_word_and_phone_without_a_backfill(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services)
            .LoadAsync(members: 40, activities: 2, batch: 15, report: _ => { }, Ct);

        Assert.Equal(0, await MemberSearchBackfill.RunAsync(db.Factory, Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(m => m.Phone != null && m.PhoneLast4 == null, Ct)));
    }

    [Fact]
    public void Batches_generated_in_parallel_are_the_people_a_single_stream_per_batch_makes()
    {
        var now = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var generator = new MemberDataGenerator(DemoSeeder.Seed, now, [1, 2], [], [1, 2, 3]);
        var sequential = generator.Generate(1, 50, 5).Concat(generator.Generate(51, 50, 5))
            .Select(r => r.Member.Name + r.Activities.Count).ToList();

        var parallel = new[] { 1, 51 }.AsParallel().AsOrdered().SelectMany(first => generator.Generate(first, 50, 5).ToList())
            .Select(r => r.Member.Name + r.Activities.Count).ToList();

        Assert.Equal(sequential, parallel);
    }

    /// <summary>Every index on the loaded tables with its definition as the database reports it.</summary>
    private static async Task<List<string>> IndexDefinitionsAsync(TestDb db)
    {
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        var sql = context.Database.IsSqlite()
            ? """SELECT "name" || ': ' || COALESCE("sql", '') AS "Value" FROM sqlite_master WHERE "type" = 'index'"""
              + """ AND "tbl_name" IN ('Members','MemberInterests','MemberNameWords','Activities','StaffNotes')"""
            : """SELECT indexname || ': ' || indexdef AS "Value" FROM pg_indexes WHERE schemaname = current_schema()"""
              + """ AND tablename IN ('Members','MemberInterests','MemberNameWords','Activities','StaffNotes')""";
        return (await context.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct)).Order(StringComparer.Ordinal).ToList();
    }
}
