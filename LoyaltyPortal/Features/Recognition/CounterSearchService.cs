using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>One search result at the counter: enough to recognise someone, with phone and email masked.</summary>
public sealed record CounterMatch(int MemberId, string MemberCode, string PreferredName, string? MaskedPhone, string? MaskedEmail);

public sealed record CounterSearchResult(IReadOnlyList<CounterMatch> Matches, string? Message = null)
{
    public static readonly CounterSearchResult Empty = new([]);
}

/// <summary>
/// The counter's one search box: any word of a name by prefix (ignoring case and accents), a phone number in any
/// format or its last four digits, the start of an email address, or the member code. Each kind reads one index
/// range; an OR across columns would make the database scan every member. Searches are rate-limited per member
/// of staff inside the app, because circuit events never pass the HTTP rate limiter.
/// </summary>
public sealed class CounterSearchService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings,
    IOptions<RecognitionOptions> options, ActiveCallers callers)
    : IDisposable
{
    public const int MaxResults = 10;
    public const int MaxTermLength = 100;

    private readonly CallerLimiter limiter = new(options.Value.SearchBurst, TimeSpan.FromSeconds(options.Value.SearchPeriodSeconds));

    public async Task<CounterSearchResult> SearchAsync(Caller caller, string? text, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsStaff, "Only store staff search members at the counter.", ct);
        var term = Clean(text);
        if (term.Length == 0) return CounterSearchResult.Empty;
        if (!limiter.TryAcquire(caller.UserId)) return new([], "That's a lot of searches at once. Wait a moment, then try again.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var compact = string.Concat(term.Where(c => c is not (' ' or '-' or '(' or ')' or '.' or '+')));
        var lookup = new IndexLookup();
        if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
        {
            if (compact.Length == 4) lookup.Add(Kind.Phone, PhoneLast4Sql, compact);
            else if (MemberRules.NormalizePhone(term, settings.Value.DefaultCountryCode) is { } phone) lookup.Add(Kind.Phone, PhoneSql, phone);
        }
        var code = compact.ToUpperInvariant();
        // Every code is 8 letters and digits; generated ones use an unambiguous alphabet, demo ones (DEMO2026) may not.
        // A code names one person (a hand scanner types it), so it is looked up alone first; the other indexes are
        // read only when the term is not a member's code.
        if (code.Length == MemberRules.CodeLength && code.All(char.IsAsciiLetterOrDigit))
        {
            var byCode = new IndexLookup();
            byCode.Add(Kind.Code, CodeSql, code);
            if (await byCode.ReadAsync(db, ct) is [var exact]) return new([ToMatch(exact)]);
        }
        if (term.Contains('@') || (!term.Contains(' ') && term.Any(char.IsLetter)))
        {
            var email = term.ToLowerInvariant();
            lookup.Add(Kind.Email, EmailSql, email, MemberDirectoryService.NextPrefix(email));
        }
        List<int> multiWordNames = [];
        // Names never hold digits; a term with them is a code, a phone or an email.
        if (!term.Contains('@') && term.Any(char.IsLetter) && !term.Any(char.IsAsciiDigit))
        {
            var words = MemberSearchForms.NameWords(term).Where(w => w.Any(char.IsLetterOrDigit)).ToList();
            if (words.Count == 1) lookup.Add(Kind.Name, NameSql, words[0], MemberDirectoryService.NextPrefix(words[0]));
            else if (words.Count > 1) multiWordNames = await ByNameWordsAsync(db, words, ct);
        }

        // Every index range the term could mean, in one round trip; each part reads only its own index.
        var rows = lookup.IsEmpty ? [] : await lookup.ReadAsync(db, ct);
        if (multiWordNames.Count > 0)
        {
            var named = await db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null && multiWordNames.Contains(m.Id))
                .Select(m => new CounterRow { Id = m.Id, MemberCode = m.MemberCode, PreferredName = m.PreferredName, Phone = m.Phone, Email = m.Email, Kind = (int)Kind.Name, Sort = "" })
                .ToListAsync(ct);
            rows.AddRange(multiWordNames.Select(id => named.FirstOrDefault(n => n.Id == id)).OfType<CounterRow>().Select((r, i) => { r.Sort = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture); return r; }));
        }
        // Phone, then email, then name matches, each in its index order.
        return new(rows.OrderBy(r => r.Kind).ThenBy(r => r.Sort, StringComparer.Ordinal).DistinctBy(r => r.Id).Take(MaxResults)
            .Select(ToMatch).ToList());
    }

    private static CounterMatch ToMatch(CounterRow row) => new(row.Id, row.MemberCode, row.PreferredName, MaskPhone(row.Phone), MaskEmail(row.Email));

    private enum Kind { Code = 0, Phone = 1, Email = 2, Name = 3 }

    // Quoted identifiers and LIMIT read the same on SQLite and PostgreSQL. {n} placeholders become @pN parameters.
    private const string Members = "\"Members\"";
    private static readonly string CodeSql = $"SELECT \"Id\", '' AS \"Sort\" FROM {Members} WHERE \"MemberCode\" = {{0}}";
    private static readonly string PhoneSql = $"SELECT \"Id\", \"SearchName\" AS \"Sort\" FROM {Members} WHERE \"Phone\" = {{0}} AND \"AnonymisedAt\" IS NULL ORDER BY \"SearchName\" LIMIT {MaxResults}";
    private static readonly string PhoneLast4Sql = $"SELECT \"Id\", \"SearchName\" AS \"Sort\" FROM {Members} WHERE \"PhoneLast4\" = {{0}} AND \"AnonymisedAt\" IS NULL ORDER BY \"SearchName\" LIMIT {MaxResults}";
    private static readonly string EmailSql = $"SELECT \"Id\", \"SearchEmail\" AS \"Sort\" FROM {Members} WHERE \"SearchEmail\" >= {{0}} AND \"SearchEmail\" < {{1}} AND \"AnonymisedAt\" IS NULL ORDER BY \"SearchEmail\" LIMIT {MaxResults}";
    // Twice the page: a member whose two name words share the prefix appears twice.
    private static readonly string NameSql = $"SELECT \"MemberId\" AS \"Id\", \"Word\" AS \"Sort\" FROM \"MemberNameWords\" WHERE \"Word\" >= {{0}} AND \"Word\" < {{1}} ORDER BY \"Word\" LIMIT {MaxResults * 2}";

    /// <summary>Builds one UNION ALL over the index lookups a term needs, joined to the member columns the result shows.</summary>
    private sealed class IndexLookup
    {
        private readonly List<string> parts = [];
        private readonly List<string> arguments = [];

        public bool IsEmpty => parts.Count == 0;

        public void Add(Kind kind, string sql, params string[] values)
        {
            var offset = arguments.Count;
            var numbered = System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\d)\}", m => $"@p{offset + int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)}");
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
                command.CommandText = Sql;
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

        private string Sql =>
            $"SELECT m.\"Id\", m.\"MemberCode\", m.\"PreferredName\", m.\"Phone\", m.\"Email\", k.\"Kind\", k.\"Sort\" FROM ({string.Join(" UNION ALL ", parts)}) k " +
            $"JOIN {Members} m ON m.\"Id\" = k.\"Id\" WHERE m.\"AnonymisedAt\" IS NULL";
    }

    private sealed class CounterRow
    {
        public int Id { get; set; }
        public string MemberCode { get; set; } = "";
        public string PreferredName { get; set; } = "";
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public int Kind { get; set; }
        public string? Sort { get; set; }
    }

    /// <summary>Members with a name word starting with each typed word; the longest typed word narrows first.</summary>
    private static async Task<List<int>> ByNameWordsAsync(LoyaltyDbContext db, List<string> typedWords, CancellationToken ct)
    {
        var typed = typedWords.OrderByDescending(w => w.Length).ToList();
        var first = typed[0];
        var next = MemberDirectoryService.NextPrefix(first);
        // Distinct here, not in SQL: DISTINCT makes SQLite read the whole prefix range before the limit.
        var candidates = (await db.MemberNameWords.AsNoTracking()
            .Where(w => string.Compare(w.Word, first) >= 0 && string.Compare(w.Word, next) < 0)
            .OrderBy(w => w.Word).Select(w => w.MemberId).Take(400).ToListAsync(ct)).Distinct().ToList();
        if (candidates.Count == 0) return candidates;
        var words = (await db.MemberNameWords.AsNoTracking().Where(w => candidates.Contains(w.MemberId)).ToListAsync(ct)).ToLookup(w => w.MemberId, w => w.Word);
        return candidates.Where(id => typed.Skip(1).All(t => words[id].Any(w => w.StartsWith(t, StringComparison.Ordinal)))).Take(MaxResults).ToList();
    }

    /// <summary>What staff can search for: printable text without control characters or half emoji, trimmed and bounded.</summary>
    public static string Clean(string? text) =>
        MemberRules.WithoutLoneSurrogates(MemberRules.Truncate(string.Concat((text ?? "").Where(c => !char.IsControl(c) && c is not ('\u202E' or '\u202D' or '\u200F' or '\u200E'))).Trim(), MaxTermLength)).Trim();

    public static string? MaskPhone(string? phone) => MemberSearchForms.PhoneLast4(phone) is { } last4 ? $"••• ••• {last4}" : null;

    public static string? MaskEmail(string? email)
    {
        if (email is null) return null;
        var at = email.IndexOf('@');
        return at <= 0 ? "•••" : $"{email[..Math.Min(2, at)]}•••{email[at..]}";
    }

    public void Dispose() => limiter.Dispose();
}
