using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Import;

/// <summary>A large import into a small table builds its random-order indexes after the load; the guarding ones stay throughout.</summary>
public sealed class ImportWriteSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_large_load_keeps_the_unique_and_member_indexes_and_builds_the_others_again_as_migrated(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var migrated = await IndexDefinitionsAsync(db);

        List<string> during;
        await using (var session = await ImportWriteSession.OpenAsync(db.Factory, ImportWriteSession.LargeLoadFrom, dryRun: false, Ct))
        {
            Assert.True(session.RebuildsIndexes);
            during = await IndexDefinitionsAsync(db);
        }

        Assert.Contains(during, i => i.StartsWith("IX_Members_ExternalId:", StringComparison.Ordinal));
        Assert.Contains(during, i => i.StartsWith("IX_Members_MemberCode:", StringComparison.Ordinal));
        Assert.Contains(during, i => i.StartsWith("IX_Activities_SourceKey:", StringComparison.Ordinal));
        Assert.Contains(during, i => i.StartsWith("IX_Activities_MemberId_", StringComparison.Ordinal));
        Assert.DoesNotContain(during, i => i.StartsWith("IX_Activities_OccurredAt_Type:", StringComparison.Ordinal));
        Assert.DoesNotContain(during, i => i.StartsWith("IX_Members_SearchName:", StringComparison.Ordinal));
        Assert.Equal(migrated, await IndexDefinitionsAsync(db));
    }

    [Theory, AllProviders]
    public async Task A_small_load_and_a_large_dry_run_keep_every_index(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var migrated = await IndexDefinitionsAsync(db);

        foreach (var (rows, dryRun) in new[] { (ImportWriteSession.LargeLoadFrom - 1L, false), (ImportWriteSession.LargeLoadFrom, true) })
        {
            await using var session = await ImportWriteSession.OpenAsync(db.Factory, rows, dryRun, Ct);
            Assert.False(session.RebuildsIndexes);
            Assert.Equal(migrated, await IndexDefinitionsAsync(db));
        }
    }

    private static async Task<List<string>> IndexDefinitionsAsync(TestDb db)
    {
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        var sql = context.Database.IsSqlite()
            ? """SELECT "name" || ': ' || COALESCE("sql", '') AS "Value" FROM sqlite_master WHERE "type" = 'index'"""
              + """ AND "tbl_name" IN ('Members','MemberNameWords','Activities')"""
            : """SELECT indexname || ': ' || indexdef AS "Value" FROM pg_indexes WHERE schemaname = current_schema()"""
              + """ AND tablename IN ('Members','MemberNameWords','Activities')""";
        return (await context.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct)).Order(StringComparer.Ordinal).ToList();
    }
}
