using LoyaltyPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Data;

/// <summary>Every SQLite connection the app opens gets its synchronous mode and busy timeout, also when reused from the pool.</summary>
public sealed class SqliteConnectionSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task Each_opened_connection_gets_the_synchronous_mode_and_busy_timeout(SqliteSynchronous synchronous, long expected)
    {
        var path = Path.Combine(Path.GetTempPath(), "loyalty-pragmas-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new DbContextOptionsBuilder<DbContext>()
            .UseSqlite(DatabaseServiceCollectionExtensions.SqliteConnectionString(path))
            .AddInterceptors(new SqliteConnectionSettings(synchronous, 7000)).Options;
        try
        {
            for (var i = 0; i < 2; i++)
            {
                await using var db = new DbContext(options);
                await db.Database.OpenConnectionAsync(Ct);
                Assert.Equal(expected, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync(Ct));
                Assert.Equal(7000L, await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync(Ct));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_writer_waits_for_another_writers_commit_and_one_past_the_timeout_fails()
    {
        var path = Path.Combine(Path.GetTempPath(), "loyalty-busy-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = DatabaseServiceCollectionExtensions.SqliteConnectionString(path);
        var settings = new SqliteConnectionSettings(SqliteSynchronous.Normal, 100);
        try
        {
            await using var first = new SqliteConnection(connectionString);
            await using var second = new SqliteConnection(connectionString);
            await first.OpenAsync(Ct);
            await second.OpenAsync(Ct);
            await settings.ConnectionOpenedAsync(second, null!, Ct);
            await Execute(first, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER);");

            await Execute(first, "BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
            var waiting = Task.Run(() => Execute(second, "INSERT INTO t VALUES (2);", timeoutSeconds: 0), Ct);
            await Task.Delay(30, Ct);
            await Execute(first, "COMMIT;");
            await waiting;

            await Execute(first, "BEGIN IMMEDIATE;");
            var refused = await Assert.ThrowsAsync<SqliteException>(() => Execute(second, "INSERT INTO t VALUES (3);", timeoutSeconds: 1));
            Assert.Equal(5, refused.SqliteErrorCode);
            await Execute(first, "COMMIT;");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, int timeoutSeconds = 30)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public void Busy_timeout_setting_is_bounded()
    {
        Assert.Equal((1, 300), (new DatabaseOptions { SqliteBusyTimeoutSeconds = -5 }.SqliteBusyTimeoutSeconds,
            new DatabaseOptions { SqliteBusyTimeoutSeconds = int.MaxValue }.SqliteBusyTimeoutSeconds));
    }
}
