using LoyaltyPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Data;

/// <summary>
/// Writers queue in the process's write gate instead of SQLite's busy handler. Every context here has
/// a 1 ms busy timeout and a 1 s command timeout, so a writer that reached SQLite's lock instead of the gate fails.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "loyalty-gate-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly DbContextOptions options;

    public SqliteWriteGateTests()
    {
        options = new DbContextOptionsBuilder<DbContext>()
            .UseSqlite(DatabaseServiceCollectionExtensions.SqliteConnectionString(path), o => o.CommandTimeout(1))
            .AddInterceptors(new SqliteConnectionSettings(SqliteSynchronous.Normal, 1), new SqliteWriteGate(TimeSpan.FromSeconds(30)))
            .Options;
        using var db = new DbContext(options);
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER NOT NULL);");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_waits_for_an_open_transaction_in_the_gate_and_reads_do_not_wait()
    {
        await using var first = new DbContext(options);
        await using var transaction = await first.Database.BeginTransactionAsync(Ct);
        // Queued before the transaction's first write: had the gate been taken at that write, not at BEGIN IMMEDIATE,
        // this writer would hold the gate while waiting on SQLite's lock, and the transaction would wait for it.
        var second = Insert(2);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.False(second.IsCompleted);

        using var readLimit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        readLimit.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await Count(readLimit.Token));

        await first.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (1)", Ct);
        await first.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (3)", Ct);
        await transaction.CommitAsync(Ct);
        await second;
        Assert.Equal(3, await Count(Ct));
    }

    [Fact]
    public async Task Sixteen_writers_all_commit_with_a_1_ms_busy_timeout()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var db = new DbContext(options);
                await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
                {
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES ({0})", [writer], Ct);
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES ({0})", [writer], Ct);
                    await transaction.CommitAsync(Ct);
                }
                await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES ({0})", [writer], Ct);
            }
        }, Ct)));

        Assert.Equal(16 * 25 * 3, await Count(Ct));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_lets_go_of_the_gate()
    {
        await using var abandoned = new DbContext(options);
        await using (var transaction = await abandoned.Database.BeginTransactionAsync(Ct))
        {
            await abandoned.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (1)", Ct);
        }

        // Still waiting in the gate after 10 s would cancel the write.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        await using var db = new DbContext(options);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES (2)", limit.Token);
        Assert.Equal(1, await Count(Ct));
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("-- ApiCall\n-- second tag\n  update t SET v = 1", true)]
    [InlineData("DELETE FROM t", true)]
    [InlineData("CREATE INDEX i ON t (v)", true)]
    [InlineData("SELECT * FROM t", false)]
    [InlineData("-- INSERT in a comment\nSELECT 1", false)]
    [InlineData("INSERTED", false)]
    [InlineData("-- a tag with no statement", false)]
    [InlineData("", false)]
    public void Write_statements_are_told_apart_from_reads(string sql, bool write) => Assert.Equal(write, SqliteWriteGate.IsWrite(sql));

    private async Task Insert(int value)
    {
        await using var db = new DbContext(options);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO t VALUES ({0})", [value], Ct);
    }

    private async Task<int> Count(CancellationToken ct)
    {
        await using var db = new DbContext(options);
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM t").SingleAsync(ct);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
