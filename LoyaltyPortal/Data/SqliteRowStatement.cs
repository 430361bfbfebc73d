using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LoyaltyPortal.Data;

/// <summary>
/// One prepared SQLite statement run once per row, bound by position straight through SQLitePCL. Bulk loads write
/// millions of rows: <see cref="SqliteCommand.ExecuteNonQuery()"/> looks every parameter up by name and opens a data
/// reader on each run, which cost more than SQLite's own insert. Values are stored exactly as Microsoft.Data.Sqlite
/// stores them (a test compares both), so EF reads them back unchanged. It runs on the connection's handle, so inside
/// whatever transaction the connection has open.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    // Microsoft.Data.Sqlite's own text forms (SqliteValueBinder), which EF Core's SQLite provider reads back.
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DateTimeOffsetFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";
    private const string DateOnlyFormat = @"yyyy\-MM\-dd";
    private const string DecimalFormat = "0.0###########################";

    private readonly sqlite3 handle;
    private readonly sqlite3_stmt statement;
    private readonly int parameterCount;

    // Text is encoded into this reused buffer: SQLitePCL's string overload allocates a UTF-8 copy of every value, which
    // was a fifth of the seeder's writing thread. SQLite copies the bytes when it binds them, so reuse is safe.
    private byte[] utf8 = new byte[256];

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        handle = connection.Handle ?? throw new InvalidOperationException("The connection must be open.");
        var rc = raw.sqlite3_prepare_v2(handle, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        parameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    /// <summary>Binds one value per parameter, in the order they appear in the statement, and runs it.</summary>
    public void Run(params ReadOnlySpan<object?> values)
    {
        if (values.Length != parameterCount)
        {
            throw new ArgumentException($"The statement takes {parameterCount} values, not {values.Length}.", nameof(values));
        }
        for (var i = 0; i < values.Length; i++) Bind(i + 1, values[i]);
        var rc = raw.sqlite3_step(statement);
        // Reset before throwing too, so a failed row (a constraint) leaves the statement ready for the next.
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => BindText(index, text),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            short number => raw.sqlite3_bind_int64(statement, index, number),
            byte number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            Enum member => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
            DateTime time => BindFormatted(index, time, DateTimeFormat),
            DateTimeOffset time => BindFormatted(index, time, DateTimeOffsetFormat),
            DateOnly date => BindFormatted(index, date, DateOnlyFormat),
            decimal amount => BindFormatted(index, amount, DecimalFormat),
            double number => raw.sqlite3_bind_double(statement, index, number),
            Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
            _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
        };
        SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private int BindText(int index, string text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (utf8.Length < needed) utf8 = new byte[Math.Max(needed, utf8.Length * 2)];
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8)));
    }

    /// <summary>Formats straight into the UTF-8 buffer: no string per value.</summary>
    private int BindFormatted<T>(int index, T value, string format) where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(utf8, out written, format, CultureInfo.InvariantCulture)) utf8 = new byte[utf8.Length * 2];
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written));
    }

    public void Dispose() => statement.Dispose();
}
