using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// The derived forms staff search by: every word of the name (accent-free, lower case), the phone's last four
/// digits, the lower-case email. Kept in step wherever a member's name, phone or email is written.
/// </summary>
public static class MemberSearchForms
{
    /// <summary>Distinct words of the name in search form; a hyphenated or apostrophised word also gives its parts.</summary>
    public static IReadOnlyList<string> NameWords(string preferredName)
    {
        var words = new List<string>();
        foreach (var word in MemberRules.ToSearchForm(preferredName).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            words.Add(word);
            words.AddRange(word.Split(['-', '\'', '’'], StringSplitOptions.RemoveEmptyEntries));
        }
        return words.Select(w => w.Length > MemberRules.NameMaxLength ? w[..MemberRules.NameMaxLength] : w).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A name has a few words; more typed words than this only cost index reads, so the longest ones narrow.</summary>
    public const int MaxTypedNameWords = 5;

    /// <summary>
    /// Members with a name word starting with each typed word, in any order: "morgan" finds Alex Morgan by his surname.
    /// Each word reads one range of the name-word index the counter searches, so no member row is scanned.
    /// </summary>
    public static IQueryable<Member> WithNameWordsStarting(IQueryable<Member> members, LoyaltyDbContext db, string typed)
    {
        var words = NameWords(typed).OrderByDescending(w => w.Length).Take(MaxTypedNameWords).ToList();
        if (words.Count == 0) return members.Where(_ => false);
        foreach (var word in words)
        {
            var next = MemberDirectoryService.NextPrefix(word);
            var named = db.MemberNameWords.Where(w => string.Compare(w.Word, word) >= 0 && string.Compare(w.Word, next) < 0)
                .Select(w => w.MemberId);
            members = members.Where(m => named.Contains(m.Id));
        }
        return members;
    }

    public static string? PhoneLast4(string? phone)
    {
        var digits = phone is null ? "" : string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length >= 4 ? digits[^4..] : null;
    }

    /// <summary>
    /// An email as the SearchEmail column holds it: trimmed, lower case. Looking an email up (staff search, "one person
    /// is one member") goes through this too, so the value searched for is the value stored.
    /// </summary>
    public static string? Email(string? email) => email?.Trim().ToLowerInvariant();

    /// <summary>Sets the search columns from the member's name, email and phone.</summary>
    public static void Apply(Member member)
    {
        member.SearchName = MemberRules.ToSearchForm(member.PreferredName);
        member.SearchEmail = Email(member.Email);
        member.PhoneLast4 = PhoneLast4(member.Phone);
    }

    /// <summary>
    /// Stages the member's name words to match their name (the member must already have an id). Anonymised
    /// members have none, so nobody finds them.
    /// </summary>
    public static async Task SyncNameWordsAsync(LoyaltyDbContext db, Member member, CancellationToken ct)
    {
        var wanted = member.AnonymisedAt is null ? NameWords(member.PreferredName) : [];
        var stored = await db.MemberNameWords.Where(w => w.MemberId == member.Id).ToListAsync(ct);
        db.MemberNameWords.RemoveRange(stored.Where(w => !wanted.Contains(w.Word)));
        db.MemberNameWords.AddRange(wanted.Where(w => stored.All(s => s.Word != w)).Select(w => new MemberNameWord { MemberId = member.Id, Word = w }));
    }
}

/// <summary>
/// Fills the search forms for members written in bulk (the demo and benchmark generators) or before the forms
/// existed. Idempotent; works through members in id order, a batch per transaction.
/// </summary>
public static class MemberSearchBackfill
{
    private const int MembersPerBatch = 5_000;

    /// <returns>How many members were given name words.</returns>
    public static async Task<int> RunAsync(IDbContextFactory<LoyaltyDbContext> dbFactory, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            // E.164 numbers end in digits, so the last four characters are the last four digits.
            await db.Members.Where(m => m.Phone != null && m.PhoneLast4 == null && m.AnonymisedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PhoneLast4, m => m.Phone!.Substring(m.Phone.Length - 4)), ct);
            if (!await db.Members.AnyAsync(m => m.AnonymisedAt == null && !db.MemberNameWords.Any(w => w.MemberId == m.Id), ct)) return 0;
        }

        var filled = 0;
        var lastId = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Members.AsNoTracking().Where(m => m.Id > lastId).OrderBy(m => m.Id).Take(MembersPerBatch)
                .Select(m => new { m.Id, m.PreferredName, Active = m.AnonymisedAt == null, HasWords = db.MemberNameWords.Any(w => w.MemberId == m.Id) })
                .ToListAsync(ct);
            if (batch.Count == 0) return filled;
            foreach (var member in batch.Where(m => m.Active && !m.HasWords))
            {
                db.MemberNameWords.AddRange(MemberSearchForms.NameWords(member.PreferredName).Select(w => new MemberNameWord { MemberId = member.Id, Word = w }));
                filled++;
            }
            await db.SaveChangesAsync(ct);
            lastId = batch[^1].Id;
        }
    }
}
