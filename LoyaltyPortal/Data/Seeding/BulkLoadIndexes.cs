using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// The secondary indexes of the tables a large generated load fills. Keeping them live while millions of rows arrive
/// in random key order costs about four times the load itself, so a large load drops them first and builds each one
/// once afterwards from sorted data. The CREATE INDEX statements come from the model through the migrations SQL
/// generator, so a rebuilt index is exactly what the migrations made. A load that dies midway leaves indexes
/// missing; <see cref="EnsureAsync"/> runs at the start and the end of every load and recreates whatever is missing.
/// </summary>
internal static class BulkLoadIndexes
{
    /// <summary>Tables the generator fills; their primary keys stay, every other index is dropped for a large load.</summary>
    private static readonly string[] LoadedTables = ["Members", "MemberInterests", "MemberNameWords", "Activities", "StaffNotes"];

    public static Task DropAsync(LoyaltyDbContext db, CancellationToken ct) => DropAsync(db, _ => true, ct);

    /// <summary>Drops the loaded tables' indexes that <paramref name="which"/> picks; <see cref="EnsureAsync"/> builds them again.</summary>
    public static async Task DropAsync(LoyaltyDbContext db, Func<ModelIndex, bool> which, CancellationToken ct)
    {
        foreach (var index in ModelIndexes(db).Where(which))
        {
            // Index names come from the model, never from input, so building the statement as text is safe here.
            var sql = $"DROP INDEX IF EXISTS \"{index.Name}\"";
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    /// <summary>Creates every model index of the loaded tables that the database lacks. Returns how many it created.</summary>
    public static async Task<int> EnsureAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        var existing = (await db.Database.SqlQueryRaw<string>(db.Database.IsSqlite()
                ? """SELECT "name" AS "Value" FROM sqlite_master WHERE "type" = 'index'"""
                : """SELECT indexname AS "Value" FROM pg_indexes WHERE schemaname = current_schema()""")
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var missing = ModelIndexes(db).Where(i => !existing.Contains(i.Name)).ToList();
        if (missing.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var sorting = await SqliteSortTuning.ApplyAsync(db, ct);
            foreach (var index in missing) await db.Database.ExecuteSqlRawAsync(index.CreateSql, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return missing.Count;
    }

    /// <summary>
    /// SQLite settings for CREATE INDEX, put back afterwards. Its sorter holds as many keys in memory as the page cache
    /// allows: with the bulk load's 2 GB cache it sorts all of them in one list on one thread, while with a few
    /// megabytes it sorts runs on worker threads and merges them. Measured on 2M ledger rows: 27.4 s for the five
    /// ledger indexes with the bulk settings, 9.3 s with an 8 MB cache and temporary files.
    /// </summary>
    private sealed class SqliteSortTuning(LoyaltyDbContext db, long cacheSize, long tempStore, long threads) : IAsyncDisposable
    {
        public static async Task<SqliteSortTuning?> ApplyAsync(LoyaltyDbContext db, CancellationToken ct)
        {
            if (!db.Database.IsSqlite()) return null;
            var saved = new SqliteSortTuning(db, await PragmaAsync(db, "cache_size", ct), await PragmaAsync(db, "temp_store", ct),
                await PragmaAsync(db, "threads", ct));
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -8192; PRAGMA temp_store = FILE; PRAGMA threads = 2;", ct);
            return saved;
        }

        // The values were read from SQLite as numbers, so building the statement as text is safe here.
        public async ValueTask DisposeAsync()
        {
            var sql = $"PRAGMA cache_size = {cacheSize}; PRAGMA temp_store = {tempStore}; PRAGMA threads = {threads};";
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        // Names are the constants above, never input.
        private static async Task<long> PragmaAsync(LoyaltyDbContext db, string name, CancellationToken ct)
        {
            var sql = $"""SELECT "{name}" AS "Value" FROM pragma_{name}()""";
            return (await db.Database.SqlQueryRaw<long>(sql).ToListAsync(ct)).Single();
        }
    }

    /// <summary>The loaded tables' indexes as the migrations would create them from the current model.</summary>
    internal static IReadOnlyList<ModelIndex> ModelIndexes(LoyaltyDbContext db)
    {
        // The design-time model keeps the relational annotations (filters, collations) that the runtime model drops.
        var model = db.GetService<IDesignTimeModel>().Model;
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .OfType<CreateIndexOperation>()
            .Where(o => LoadedTables.Contains(o.Table, StringComparer.Ordinal))
            .ToList();
        var generator = db.GetService<IMigrationsSqlGenerator>();
        return operations
            .Select(o => new ModelIndex(o.Table, o.Name, o.IsUnique, o.Columns, string.Concat(generator.Generate([o], model).Select(c => c.CommandText))))
            .ToList();
    }

    internal sealed record ModelIndex(string Table, string Name, bool IsUnique, IReadOnlyList<string> Columns, string CreateSql);
}
