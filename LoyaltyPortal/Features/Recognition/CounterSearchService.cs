using System.Globalization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>
/// One search result at the counter: enough to recognise someone and tell two people of the same name apart, with
/// phone and email masked.
/// </summary>
public sealed record CounterMatch(
    int MemberId, string MemberCode, string PreferredName, string? MaskedPhone, string? MaskedEmail,
    string? StoreName = null, string? TierName = null, DateTime? LastVisitAt = null);

/// <summary>Up to <see cref="CounterSearchService.MaxResults"/> matches; <c>MoreMatch</c> says the term matches more.</summary>
public sealed record CounterSearchResult(IReadOnlyList<CounterMatch> Matches, string? Message = null, bool MoreMatch = false)
{
    public static readonly CounterSearchResult Empty = new([]);
}

/// <summary>
/// The counter's one search box: any word of a name by prefix (ignoring case and accents), the start of a phone
/// number in any format or its last four digits, the start of an email address, or the member code or its start. Each
/// kind reads one index range; an OR across columns would make the database scan every member. Searches are
/// rate-limited per member of staff inside the app, because circuit events never pass the HTTP rate limiter.
/// </summary>
public sealed class CounterSearchService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings,
    IOptions<RecognitionOptions> options, ActiveCallers callers, IStringLocalizer<RecognitionText> messages)
    : IDisposable
{
    public const int MaxResults = 10;
    public const int MaxTermLength = 100;

    // Fewer digits than this are the last four of a phone or too short to narrow a million numbers.
    private const int MinPhoneStartDigits = 5;
    private const int MinInternationalStartDigits = 4;
    private const int MinCodeStartLength = 3;

    private readonly CallerLimiter limiter = new(options.Value.SearchBurst, TimeSpan.FromSeconds(options.Value.SearchPeriodSeconds));

    public async Task<CounterSearchResult> SearchAsync(Caller caller, string? text, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsStaff, "Only store staff search members at the counter.", ct);
        var term = Clean(text);
        if (term.Length == 0) return CounterSearchResult.Empty;
        if (!limiter.TryAcquire(caller.UserId)) return new([], messages["That's a lot of searches at once. Wait a moment, then try again."]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var compact = string.Concat(term.Where(c => c is not (' ' or '-' or '(' or ')' or '.' or '+')));
        var code = compact.ToUpperInvariant();
        // Every code is 8 letters and digits; generated ones use an unambiguous alphabet, demo ones (DEMO2026) may not.
        // A code names one person (a hand scanner types it), so it is looked up alone first; the other indexes are
        // read only when the term is not a member's code.
        if (code.Length == MemberRules.CodeLength && code.All(char.IsAsciiLetterOrDigit))
        {
            var byCode = new CounterIndexLookup();
            byCode.Add(CounterMatchKind.Code, CounterIndexLookup.CodeSql, code);
            if (await byCode.ReadAsync(db, ct) is [var exact]) return new(await WithDetailsAsync(db, [exact], ct));
        }

        var lookup = new CounterIndexLookup();
        if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
        {
            // "+4477" is a country code and the start of a number, never a last four.
            var international = term.StartsWith('+');
            if (compact.Length == 4 && !international) lookup.Add(CounterMatchKind.Phone, CounterIndexLookup.PhoneLast4Sql, compact);
            else if (compact.Length >= (international ? MinInternationalStartDigits : MinPhoneStartDigits)
                && MemberRules.PhoneStart(term, settings.Value.DefaultRegion) is { } phoneStart)
            {
                lookup.Add(CounterMatchKind.Phone, CounterIndexLookup.PhoneStartSql, phoneStart, MemberDirectoryService.NextPrefix(phoneStart));
            }
        }
        if (term.Contains('@') || (!term.Contains(' ') && term.Any(char.IsLetter)))
        {
            var email = term.ToLowerInvariant();
            lookup.Add(CounterMatchKind.Email, CounterIndexLookup.EmailSql, email, MemberDirectoryService.NextPrefix(email));
        }
        List<int> multiWordNames = [];
        // Names never hold digits; a term with them is a code, a phone or an email.
        if (!term.Contains('@') && term.Any(char.IsLetter) && !term.Any(char.IsAsciiDigit))
        {
            var words = MemberSearchForms.NameWords(term).Where(w => w.Any(char.IsLetterOrDigit)).ToList();
            if (words.Count == 1) lookup.Add(CounterMatchKind.Name, CounterIndexLookup.NameSql, words[0], MemberDirectoryService.NextPrefix(words[0]));
            else if (words.Count > 1) multiWordNames = await ByNameWordsAsync(db, words, ct);
        }
        // The start of a code (read from a receipt or a screen) comes after everything else the term could mean.
        if (!term.Contains(' ') && code.Length is >= MinCodeStartLength and < MemberRules.CodeLength && code.All(char.IsAsciiLetterOrDigit))
        {
            lookup.Add(CounterMatchKind.CodeStart, CounterIndexLookup.CodeStartSql, code, MemberDirectoryService.NextPrefix(code));
        }

        // Every index range the term could mean, in one round trip; each part reads only its own index.
        var rows = lookup.IsEmpty ? [] : await lookup.ReadAsync(db, ct);
        if (multiWordNames.Count > 0)
        {
            var named = await db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null && multiWordNames.Contains(m.Id))
                .Select(m => new CounterRow
                {
                    Id = m.Id, MemberCode = m.MemberCode, PreferredName = m.PreferredName, Phone = m.Phone, Email = m.Email,
                    Kind = (int)CounterMatchKind.Name, Sort = "",
                })
                .ToListAsync(ct);
            rows.AddRange(multiWordNames.Select(id => named.FirstOrDefault(n => n.Id == id)).OfType<CounterRow>()
                .Select((r, i) => { r.Sort = i.ToString("D4", CultureInfo.InvariantCulture); return r; }));
        }
        // Code, phone, email, name, then the start of a code, each in its index order.
        var ordered = rows.OrderBy(r => r.Kind).ThenBy(r => r.Sort, StringComparer.Ordinal).DistinctBy(r => r.Id).Take(MaxResults + 1).ToList();
        var page = ordered.Take(MaxResults).ToList();
        return new(await WithDetailsAsync(db, page, ct), MoreMatch: ordered.Count > MaxResults);
    }

    /// <summary>Home store, tier and last visit for a page of matches: a primary-key read each, and one index range per member.</summary>
    private static async Task<List<CounterMatch>> WithDetailsAsync(LoyaltyDbContext db, List<CounterRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var details = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                Store = m.HomeStore == null ? null : m.HomeStore.Name,
                Tier = db.MemberStandings.Where(s => s.MemberId == m.Id)
                    .Join(db.Tiers, s => s.TierId, t => t.Id, (s, t) => t.Name).FirstOrDefault(),
                LastVisit = db.Activities.Where(a => a.MemberId == m.Id && a.Type == ActivityType.Visit).Max(a => (DateTime?)a.OccurredAt),
            })
            .ToDictionaryAsync(d => d.Id, ct);
        return rows.Select(r =>
        {
            var d = details.GetValueOrDefault(r.Id);
            return new CounterMatch(r.Id, r.MemberCode, r.PreferredName, MaskPhone(r.Phone), MaskEmail(r.Email), d?.Store, d?.Tier, d?.LastVisit);
        }).ToList();
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
        return candidates.Where(id => typed.Skip(1).All(t => words[id].Any(w => w.StartsWith(t, StringComparison.Ordinal))))
            .Take(CounterIndexLookup.PartLimit).ToList();
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
