using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members;

public enum MemberSort { Name, Joined, Code }

public sealed record MemberQuery(string? Search = null, int? StoreId = null, MemberSort Sort = MemberSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record MemberRow(int Id, string MemberCode, string PreferredName, string? Email, string? Phone, string? HomeStoreName, DateTime JoinedAt, bool HasLogin);

/// <param name="TotalCount">Matches, counted up to <see cref="MemberDirectoryService.MaxCountedMatches"/>.</param>
/// <param name="MoreThanCounted">True when more members match than were counted; paging stops there.</param>
public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int TotalCount, bool MoreThanCounted);

/// <summary>
/// The manager's member list. Every filter is an index range or equality, so pages stay fast at a
/// million members: any word of the name and the email by prefix, phone by full number, member code exactly.
/// </summary>
public sealed class MemberDirectoryService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings, ActiveCallers callers)
{
    public const int MaxSearchLength = 100;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Counting every match of a broad filter costs a scan of up to a million index entries on each page turn.
    /// Nobody pages past a few hundred pages, so count up to here and ask for a narrower search beyond it.
    /// </summary>
    public const int MaxCountedMatches = 10_000;

    public async Task<MemberPage> SearchAsync(Caller caller, MemberQuery query, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers can browse the member list.", ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (query.StoreId is { } storeId) members = members.Where(m => m.HomeStoreId == storeId);
        members = await ApplySearchAsync(db, members, query.Search, ct);

        var counted = await members.Take(MaxCountedMatches + 1).CountAsync(ct);
        var total = Math.Min(counted, MaxCountedMatches);
        members = (query.Sort, query.Descending) switch
        {
            (MemberSort.Joined, false) => members.OrderBy(m => m.JoinedAt).ThenBy(m => m.Id),
            (MemberSort.Joined, true) => members.OrderByDescending(m => m.JoinedAt).ThenByDescending(m => m.Id),
            (MemberSort.Code, false) => members.OrderBy(m => m.MemberCode),
            (MemberSort.Code, true) => members.OrderByDescending(m => m.MemberCode),
            (_, false) => members.OrderBy(m => m.SearchName).ThenBy(m => m.Id),
            (_, true) => members.OrderByDescending(m => m.SearchName).ThenByDescending(m => m.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var skip = Math.Min(Math.Max(0, query.Page) * pageSize, Math.Max(0, total - 1) / pageSize * pageSize);
        var rows = await members.Skip(skip).Take(pageSize)
            .Select(m => new MemberRow(m.Id, m.MemberCode, m.PreferredName, m.Email, m.Phone, m.HomeStore != null ? m.HomeStore.Name : null, m.JoinedAt, m.UserId != null))
            .ToListAsync(ct);
        return new MemberPage(rows, total, counted > MaxCountedMatches);
    }

    private async Task<IQueryable<Member>> ApplySearchAsync(
        LoyaltyDbContext db, IQueryable<Member> members, string? search, CancellationToken ct)
    {
        // Control characters and half emoji are not text anyone means to search for, and PostgreSQL refuses them.
        var term = MemberRules.WithoutLoneSurrogates(MemberRules.Truncate(string.Concat((search ?? "").Where(c => !char.IsControl(c))).Trim(), MaxSearchLength));
        if (term.Length == 0) return members;

        if (term.Contains('@') || (term.Contains('.') && !term.Contains(' ')))
        {
            var email = term.ToLowerInvariant();
            var next = NextPrefix(email);
            return members.Where(m => string.Compare(m.SearchEmail, email) >= 0 && string.Compare(m.SearchEmail, next) < 0);
        }

        // Names have no digits, so a term with digits is a member code or a phone number.
        if (term.Any(char.IsAsciiDigit))
        {
            var code = term.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var phone = MemberRules.PhoneSearchForm(term, settings.Value.DefaultRegion);
            return phone is null ? members.Where(m => m.MemberCode == code) : members.Where(m => m.Phone == phone || m.MemberCode == code);
        }

        var name = MemberRules.ToSearchForm(term);
        if (name.Length == 0) return members.Where(_ => false);
        // Some member codes have no digits, so an 8-letter term may be a code. An exact code match wins; asking
        // first keeps each query on one index (an OR of the two makes the database scan the table).
        var upper = term.ToUpperInvariant();
        if (upper.Length == MemberRules.CodeLength && upper.All(MemberRules.CodeAlphabet.Contains)
            && await members.AnyAsync(m => m.MemberCode == upper, ct))
        {
            return members.Where(m => m.MemberCode == upper);
        }
        return MemberSearchForms.WithNameWordsStarting(members, db, term);
    }

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>, in code point order:
    /// the order of UTF-8 bytes, which both databases compare the search columns by. So the last code point goes up
    /// by one, stepping over the surrogate range, and an emoji (a surrogate pair) goes up as one character.
    /// </summary>
    internal static string NextPrefix(string prefix)
    {
        var lastLength = prefix.Length > 1 && char.IsSurrogatePair(prefix[^2], prefix[^1]) ? 2 : 1;
        var head = prefix[..^lastLength];
        var last = char.ConvertToUtf32(prefix, prefix.Length - lastLength);
        // Nothing follows U+10FFFF; a term made only of that noncharacter gets a bound that is merely good enough.
        if (last == 0x10FFFF) return head.Length > 0 ? NextPrefix(head) : prefix + prefix;
        return head + char.ConvertFromUtf32(last + 1 == 0xD800 ? 0xE000 : last + 1);
    }
}
