using LoyaltyPortal.Data;
using Microsoft.Data.Sqlite;

namespace LoyaltyPortal.Tests.Data;

/// <summary>
/// The bulk loads' positional statement stores every value exactly as Microsoft.Data.Sqlite's named parameters do, so
/// EF reads seeded and imported rows as it reads its own.
/// </summary>
public sealed class SqliteRowStatementTests
{
    public static IEnumerable<object?[]> Values() => new object?[]
    {
        null, DBNull.Value, "", "Zoë Müller", "=cmd|' /C calc'!A0", "Party 🎉 in Straße", new string('ä', 5_000), 0, -7, int.MaxValue, long.MinValue, (short)12, (byte)200, true, false,
        ActivityType.Purchase, new DateTime(2026, 12, 7, 0, 19, 6, DateTimeKind.Utc), new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9),
        DateTime.MinValue, new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(2)), new DateOnly(1990, 5, 1),
        0m, 12.5m, -0.01m, 1234567.891m, 79228162514264337593543950335m, 0.1, -3.25e10, Guid.Parse("7d6c2a4e-1f0b-4c53-9a1e-2b3c4d5e6f70"),
    }.Select(value => new[] { value });

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_stored_as_a_named_parameter_stores_it(object? value)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER, v)");
        using (var named = connection.CreateCommand())
        {
            named.CommandText = "INSERT INTO t (id, v) VALUES (1, $v)";
            named.Parameters.AddWithValue("$v", value ?? DBNull.Value);
            named.ExecuteNonQuery();
        }
        using (var positional = new SqliteRowStatement(connection, "INSERT INTO t (id, v) VALUES (?, ?)"))
        {
            positional.Run(2, value);
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT typeof(v) || ':' || quote(v) FROM t ORDER BY id";
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        var expected = reader.GetString(0);
        Assert.True(reader.Read());
        Assert.Equal(expected, reader.GetString(0));
    }

    [Fact]
    public void A_failed_row_throws_the_providers_exception_and_the_next_row_still_goes_in()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        using var statement = new SqliteRowStatement(connection, "INSERT INTO t (id, v) VALUES (?, ?)");
        statement.Run(1, "a");

        var clash = Assert.Throws<SqliteException>(() => statement.Run(1, "b"));
        Assert.Equal(19, clash.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Throws<ArgumentException>(() => statement.Run(3));
        Assert.Throws<NotSupportedException>(() => statement.Run(4, new object()));
        statement.Run(2, "c");

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT group_concat(v, '') FROM (SELECT v FROM t ORDER BY id)";
        Assert.Equal("ac", count.ExecuteScalar());
    }

    [Fact]
    public void Rows_go_into_the_connections_open_transaction()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (id INTEGER)");
        using (var transaction = connection.BeginTransaction())
        {
            using var statement = new SqliteRowStatement(connection, "INSERT INTO t (id) VALUES (?)");
            for (var i = 0; i < 3; i++) statement.Run(i);
            transaction.Rollback();
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
