using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyPortal.Data;

/// <summary>
/// Queues this process's SQLite writers in memory, one per database file, instead of in SQLite's busy handler.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. A second writer that finds the database locked is retried by SQLite's busy handler,
/// which sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries on a thread-pool thread: under a till's steady stream of
/// visits most waiters are asleep when the lock comes free, and the blocked threads starve the pool. Here a connection
/// takes the gate (awaited, in arrival order) exactly where SQLite takes its write lock: at BEGIN, because
/// Microsoft.Data.Sqlite begins transactions IMMEDIATE, or at an INSERT, UPDATE, DELETE or schema change outside a
/// transaction. A transaction holds it until it commits, rolls back or fails, or its connection closes; a lone statement
/// until it (or its RETURNING reader) is done. Reads never wait. SQLite still enforces the lock, so a writer this gate
/// cannot see (another process, a raw command) is still safe; one that has waited the busy timeout here goes on to
/// SQLite, which decides as before.
/// </remarks>
public sealed class SqliteWriteGate(TimeSpan wait) : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly string[] WriteVerbs = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"];

    // Per process, not per instance: the lock belongs to the file, whichever host or options opened it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbConnection, Hold> holds = new();

    /// <summary>The gate a connection holds, and whether a transaction (not a single statement) holds it.</summary>
    private sealed class Hold(SemaphoreSlim gate, bool inTransaction)
    {
        public SemaphoreSlim Gate { get; } = gate;
        public bool InTransaction { get; } = inTransaction;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Enter(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    // A write with RETURNING finishes (and, outside a transaction, commits) when its reader is done.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return Task.CompletedTask;
    }

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: SQLite takes its write lock at BEGIN, so the gate is taken there
    // too. Taken later, at the first write, a transaction would hold SQLite's lock while waiting here for a writer that
    // holds the gate and waits on SQLite.
    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (GateFor(connection) is { } gate && gate.Wait(wait)) Held(connection, gate, inTransaction: true);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (GateFor(connection) is { } gate && await gate.WaitAsync(wait, cancellationToken)) Held(connection, gate, inTransaction: true);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback ends when its connection closes: the last place to let go.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    // The transaction has let go of its connection by the time it has ended; the context still has it.
    private static DbConnection? ConnectionOf(DbContextEventData eventData) => eventData.Context?.Database.GetDbConnection();

    private void Enter(DbCommand command)
    {
        if (!IsWrite(command.CommandText) || GateFor(command.Connection) is not { } gate) return;
        // Microsoft.Data.Sqlite runs statements synchronously, so a synchronous caller blocks here as it would in SQLite.
        if (gate.Wait(wait)) Held(command.Connection!, gate, command.Transaction is not null);
    }

    private async ValueTask EnterAsync(DbCommand command, CancellationToken ct)
    {
        if (!IsWrite(command.CommandText) || GateFor(command.Connection) is not { } gate) return;
        if (await gate.WaitAsync(wait, ct)) Held(command.Connection!, gate, command.Transaction is not null);
    }

    /// <summary>The gate this connection must take before writing, or null: not a file database, or already held.</summary>
    private SemaphoreSlim? GateFor(DbConnection? connection)
    {
        if (connection is not SqliteConnection { DataSource: { Length: > 0 } file } || file == ":memory:") return null;
        if (holds.TryGetValue(connection, out _)) return null;
        return Gates.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));
    }

    private void Held(DbConnection connection, SemaphoreSlim gate, bool inTransaction) =>
        holds.AddOrUpdate(connection, new Hold(gate, inTransaction));

    private void LeaveStatement(DbConnection? connection)
    {
        if (connection is not null && holds.TryGetValue(connection, out var hold) && !hold.InTransaction) Leave(connection);
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && holds.TryGetValue(connection, out var hold) && holds.Remove(connection)) hold.Gate.Release();
    }

    /// <summary>Whether the statement writes: its first word after comments (EF's tags) is a data or schema change.</summary>
    internal static bool IsWrite(string sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (!text.StartsWith("--", StringComparison.Ordinal)) break;
            var end = text.IndexOf('\n');
            if (end < 0) return false;
            text = text[(end + 1)..];
        }
        foreach (var verb in WriteVerbs)
        {
            if (text.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && (text.Length == verb.Length || !char.IsLetterOrDigit(text[verb.Length])))
            {
                return true;
            }
        }
        return false;
    }
}
