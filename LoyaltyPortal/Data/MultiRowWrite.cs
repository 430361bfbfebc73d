using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LoyaltyPortal.Data;

/// <summary>
/// Writes many rows for whole-programme upkeep without change tracking, in the caller's transaction, as
/// <c>INSERT … VALUES</c> with an optional <c>ON CONFLICT</c> clause (both databases accept the same text). Change
/// tracking a million rows costs more than computing them.
/// </summary>
internal static class MultiRowWrite
{
    // PostgreSQL takes many rows a statement (up to 65,535 parameters) and saves round trips.
    private const int PostgresMaxParameters = 30_000;

    /// <param name="insertInto">For example <c>INSERT INTO "T" ("A","B")</c>; every row has one value per column.</param>
    /// <param name="onConflict">Appended after the values, for example <c>ON CONFLICT ("A") DO UPDATE SET …</c>.</param>
    public static async Task ExecuteAsync(
        LoyaltyDbContext db, string insertInto, IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (db.Database.IsSqlite()) WriteEachRow(db, insertInto, rows, onConflict, ct);
        else await WriteManyRowsAsync(db, insertInto, rows, onConflict, ct);
    }

    /// <summary>
    /// Inserts rows that cannot clash (new ids), so no <c>ON CONFLICT</c>: the prepared statement on SQLite, binary
    /// <c>COPY</c> on PostgreSQL, which skips parsing and planning a statement of thousands of parameters.
    /// </summary>
    /// <param name="copyInto">For example <c>"T" ("A","B")</c>; every row has one value per column, typed as the column
    /// (an <see cref="int"/> for an integer column, a UTC <see cref="DateTime"/> for a timestamp).</param>
    public static async Task InsertAsync(LoyaltyDbContext db, string copyInto, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (db.Database.GetDbConnection() is not NpgsqlConnection npgsql)
        {
            await ExecuteAsync(db, $"INSERT INTO {copyInto}", rows, "", ct);
            return;
        }
        await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {copyInto} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var value in row)
            {
                if (value is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(value, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// SQLite finds a named parameter by a linear search, so binding a statement of thousands of parameters costs the
    /// square of their number; one prepared single-row statement, reused and bound by position, is the fast path.
    /// SQLite has no asynchronous I/O, so the synchronous calls skip a task per row. Dates bind as EF stores them.
    /// </summary>
    private static void WriteEachRow(
        LoyaltyDbContext db, string insertInto, IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct)
    {
        var columns = rows[0].Length;
        using var statement = new SqliteRowStatement((SqliteConnection)db.Database.GetDbConnection(),
            $"{insertInto} VALUES ({string.Join(',', Enumerable.Repeat("?", columns))}) {onConflict}");
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            statement.Run(row);
        }
    }

    private static async Task WriteManyRowsAsync(
        LoyaltyDbContext db, string insertInto, IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct)
    {
        var columns = rows[0].Length;
        var rowsPerStatement = Math.Max(1, PostgresMaxParameters / columns);
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            var sql = new StringBuilder(insertInto).Append(" VALUES ");
            var parameters = new List<object>(count * columns);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < columns; c++)
                {
                    if (c > 0) sql.Append(',');
                    // A null has no CLR type for EF to map to a parameter, so it goes in as a literal.
                    if (rows[start + r][c] is not { } value)
                    {
                        sql.Append("NULL");
                        continue;
                    }
                    sql.Append('{').Append(parameters.Count).Append('}');
                    parameters.Add(value);
                }
                sql.Append(')');
            }
            var statement = sql.Append(' ').Append(onConflict).ToString();
            await db.Database.ExecuteSqlRawAsync(statement, parameters, ct);
        }
    }
}
