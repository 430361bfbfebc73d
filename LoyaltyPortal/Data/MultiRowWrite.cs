using System.Text;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data;

/// <summary>
/// Writes many rows in few round trips for whole-programme upkeep: multi-row <c>INSERT … VALUES</c> statements,
/// optionally with an <c>ON CONFLICT</c> clause (both SQLite and PostgreSQL accept the same text), in the caller's
/// transaction. Values go in as parameters, typed by EF's mappings, so timestamps are stored as EF stores them.
/// Change tracking a million rows costs more than computing them.
/// </summary>
internal static class MultiRowWrite
{
    // SQLite allows 32,766 parameters a statement; PostgreSQL 65,535.
    private const int MaxParameters = 30_000;

    /// <param name="insertInto">For example <c>INSERT INTO "T" ("A","B")</c>; every row has one value per column.</param>
    /// <param name="onConflict">Appended after the values, for example <c>ON CONFLICT ("A") DO UPDATE SET …</c>.</param>
    public static async Task ExecuteAsync(
        LoyaltyDbContext db, string insertInto, IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var columns = rows[0].Length;
        var rowsPerStatement = Math.Max(1, MaxParameters / columns);
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
