using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyPortal.Data;

/// <summary>How hard SQLite pushes each commit to disk (<c>PRAGMA synchronous</c>); the app runs SQLite in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Commits reach the write-ahead log without waiting for the disk; the log is synced at checkpoints. A killed app
    /// loses nothing; a power cut or OS crash may roll back the last commits, never corrupt the file.
    /// </summary>
    Normal,

    /// <summary>Every commit waits for the disk (an fsync, milliseconds each); writes queue behind it.</summary>
    Full,
}

/// <summary>
/// Sets the per-connection pragmas on every SQLite connection the app opens: <c>synchronous</c>, and a busy timeout so
/// a writer waiting for another's commit is retried by SQLite after 1, 2, 5, 10… ms, not polled every 150 ms by
/// Microsoft.Data.Sqlite.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous, int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = {Math.Max(1, busyTimeoutMs)};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite runs every command synchronously; the async call would only add a task.
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
