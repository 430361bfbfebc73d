using System.Collections.Concurrent;
using System.Threading.RateLimiting;
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
public sealed class CounterSearchService(IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings, IOptions<RecognitionOptions> options)
{
    public const int MaxResults = 10;
    public const int MaxTermLength = 100;

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> limiters = new();

    public async Task<CounterSearchResult> SearchAsync(Caller caller, string? text, CancellationToken ct = default)
    {
        if (!caller.IsStaff) throw new UnauthorizedAccessException("Only store staff search members at the counter.");
        var term = Clean(text);
        if (term.Length == 0) return CounterSearchResult.Empty;
        using var lease = Limiter(caller.UserId).AttemptAcquire();
        if (!lease.IsAcquired) return new([], "That's a lot of searches at once. Wait a moment, then try again.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = new List<int>();
        var active = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        var compact = string.Concat(term.Where(c => c is not (' ' or '-' or '(' or ')' or '.' or '+')));

        if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
        {
            if (compact.Length == 4) ids.AddRange(await active.Where(m => m.PhoneLast4 == compact).OrderBy(m => m.SearchName).Select(m => m.Id).Take(MaxResults).ToListAsync(ct));
            else if (MemberRules.NormalizePhone(term, settings.Value.DefaultCountryCode) is { } phone)
            {
                ids.AddRange(await active.Where(m => m.Phone == phone).Select(m => m.Id).Take(MaxResults).ToListAsync(ct));
            }
        }
        var code = compact.ToUpperInvariant();
        // Generated codes use an unambiguous alphabet, but older and demo codes (DEMO2026) may not: any short
        // letters-and-digits term is tried as a whole code, one unique-index lookup.
        if (code.Length is >= 4 and <= 12 && code.All(char.IsAsciiLetterOrDigit))
        {
            ids.InsertRange(0, await active.Where(m => m.MemberCode == code).Select(m => m.Id).ToListAsync(ct));
        }
        if (term.Contains('@') || (!term.Contains(' ') && term.Any(char.IsLetter)))
        {
            var email = term.ToLowerInvariant();
            var next = MemberDirectoryService.NextPrefix(email);
            ids.AddRange(await active.Where(m => string.Compare(m.SearchEmail, email) >= 0 && string.Compare(m.SearchEmail, next) < 0)
                .OrderBy(m => m.SearchEmail).Select(m => m.Id).Take(MaxResults).ToListAsync(ct));
        }
        if (!term.Contains('@') && term.Any(char.IsLetter)) ids.AddRange(await ByNameWordsAsync(db, term, ct));

        var wanted = ids.Distinct().Take(MaxResults).ToList();
        if (wanted.Count == 0) return CounterSearchResult.Empty;
        var rows = await active.Where(m => wanted.Contains(m.Id))
            .Select(m => new { m.Id, m.MemberCode, m.PreferredName, m.Phone, m.Email }).ToListAsync(ct);
        // Keep the order the kinds were asked in: an exact code first, then phone, email and name matches.
        return new(wanted.Select(id => rows.FirstOrDefault(r => r.Id == id)).Where(r => r is not null)
            .Select(r => new CounterMatch(r!.Id, r.MemberCode, r.PreferredName, MaskPhone(r.Phone), MaskEmail(r.Email))).ToList());
    }

    /// <summary>Members with a name word starting with each typed word; the longest typed word narrows first.</summary>
    private static async Task<List<int>> ByNameWordsAsync(LoyaltyDbContext db, string term, CancellationToken ct)
    {
        var typed = MemberSearchForms.NameWords(term).Where(w => w.Any(char.IsLetterOrDigit)).OrderByDescending(w => w.Length).ToList();
        if (typed.Count == 0) return [];
        var first = typed[0];
        var next = MemberDirectoryService.NextPrefix(first);
        var candidates = await db.MemberNameWords.AsNoTracking()
            .Where(w => string.Compare(w.Word, first) >= 0 && string.Compare(w.Word, next) < 0)
            .OrderBy(w => w.Word).Select(w => w.MemberId).Distinct().Take(typed.Count == 1 ? MaxResults : 200).ToListAsync(ct);
        if (typed.Count == 1 || candidates.Count == 0) return candidates;
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

    private TokenBucketRateLimiter Limiter(string userId) => limiters.GetOrAdd(userId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.SearchBurst,
        TokensPerPeriod = options.Value.SearchBurst,
        ReplenishmentPeriod = TimeSpan.FromSeconds(options.Value.SearchPeriodSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    }));
}
