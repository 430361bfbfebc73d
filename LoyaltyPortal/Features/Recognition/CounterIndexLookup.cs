using System.Globalization;
using System.Text.RegularExpressions;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>What a counter search term matched on; results are shown in this order.</summary>
internal enum CounterMatchKind { Code = 0, Phone = 1, Email = 2, Name = 3, CodeStart = 4 }

/// <summary>
/// One UNION ALL over the index ranges a counter search term could mean, joined to the member columns the result
/// shows. Each part reads only its own index and stops one row past a page, so the search can say more match.
/// </summary>
internal sealed partial class CounterIndexLookup
{
    /// <summary>Rows each part reads: a page and one more, which tells the search that more members match.</summary>
    public const int PartLimit = CounterSearchService.MaxResults + 1;

    // Quoted identifiers and LIMIT read the same on SQLite and PostgreSQL. {n} placeholders become @pN parameters.
    private const string Members = "\"Members\"";
    private const string Active = "\"AnonymisedAt\" IS NULL";
    public static readonly string CodeSql = $"SELECT \"Id\", '' AS \"Sort\" FROM {Members} WHERE \"MemberCode\" = {{0}}";
    public static readonly string CodeStartSql =
        $"SELECT \"Id\", \"MemberCode\" AS \"Sort\" FROM {Members} WHERE \"MemberCode\" >= {{0}} AND \"MemberCode\" < {{1}} " +
        $"AND {Active} ORDER BY \"MemberCode\" LIMIT {PartLimit}";
    public static readonly string PhoneStartSql =
        $"SELECT \"Id\", \"Phone\" AS \"Sort\" FROM {Members} WHERE \"Phone\" >= {{0}} AND \"Phone\" < {{1}} AND {Active} " +
        $"ORDER BY \"Phone\" LIMIT {PartLimit}";
    public static readonly string PhoneLast4Sql =
        $"SELECT \"Id\", \"SearchName\" AS \"Sort\" FROM {Members} WHERE \"PhoneLast4\" = {{0}} AND {Active} ORDER BY \"SearchName\" LIMIT {PartLimit}";
    public static readonly string EmailSql =
        $"SELECT \"Id\", \"SearchEmail\" AS \"Sort\" FROM {Members} WHERE \"SearchEmail\" >= {{0}} AND \"SearchEmail\" < {{1}} AND {Active} " +
        $"ORDER BY \"SearchEmail\" LIMIT {PartLimit}";
    // Twice the page: a member whose two name words share the prefix appears twice.
    public static readonly string NameSql =
        $"SELECT \"MemberId\" AS \"Id\", \"Word\" AS \"Sort\" FROM \"MemberNameWords\" WHERE \"Word\" >= {{0}} AND \"Word\" < {{1}} " +
        $"ORDER BY \"Word\" LIMIT {PartLimit * 2}";

    private readonly List<string> parts = [];
    private readonly List<string> arguments = [];

    public bool IsEmpty => parts.Count == 0;

    public void Add(CounterMatchKind kind, string sql, params string[] values)
    {
        var offset = arguments.Count;
        var numbered = Placeholder().Replace(sql, m => $"@p{offset + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)}");
        parts.Add($"SELECT k{parts.Count}.\"Id\", {(int)kind} AS \"Kind\", k{parts.Count}.\"Sort\" FROM ({numbered}) k{parts.Count}");
        arguments.AddRange(values);
    }

    /// <summary>
    /// Runs the lookup on the context's own connection. The query is a handful of index probes taking a tenth
    /// of a millisecond, so EF's per-query translation would cost more than the search itself.
    /// </summary>
    public async Task<List<CounterRow>> ReadAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT m.\"Id\", m.\"MemberCode\", m.\"PreferredName\", m.\"Phone\", m.\"Email\", k.\"Kind\", k.\"Sort\" " +
                $"FROM ({string.Join(" UNION ALL ", parts)}) k JOIN {Members} m ON m.\"Id\" = k.\"Id\" WHERE m.{Active}";
            for (var i = 0; i < arguments.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = arguments[i];
                command.Parameters.Add(parameter);
            }
            var rows = new List<CounterRow>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new CounterRow
                {
                    Id = reader.GetInt32(0), MemberCode = reader.GetString(1), PreferredName = reader.GetString(2),
                    Phone = reader.IsDBNull(3) ? null : reader.GetString(3), Email = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Kind = reader.GetInt32(5), Sort = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Placeholder();
}

internal sealed class CounterRow
{
    public int Id { get; set; }
    public string MemberCode { get; set; } = "";
    public string PreferredName { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int Kind { get; set; }
    public string? Sort { get; set; }
}
