using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members;

public enum MemberSort { Name, Joined, Code }

public sealed record MemberQuery(string? Search = null, int? StoreId = null, MemberSort Sort = MemberSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record MemberRow(int Id, string MemberCode, string PreferredName, string? Email, string? Phone, string? HomeStoreName, DateTime JoinedAt, bool HasLogin);

public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int TotalCount);

/// <summary>
/// The manager's member list. Every filter is an index range or equality, so pages stay fast at a
/// million members: name and email by prefix, phone by full number, member code exactly.
/// </summary>
public sealed class MemberDirectoryService(IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings)
{
    public const int MaxSearchLength = 100;
    public const int MaxPageSize = 100;

    public async Task<MemberPage> SearchAsync(Caller caller, MemberQuery query, CancellationToken ct = default)
    {
        if (!caller.IsManager) throw new UnauthorizedAccessException("Only managers can browse the member list.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (query.StoreId is { } storeId) members = members.Where(m => m.HomeStoreId == storeId);
        members = ApplySearch(members, query.Search);

        var total = await members.CountAsync(ct);
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
        var rows = await members.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(m => new MemberRow(m.Id, m.MemberCode, m.PreferredName, m.Email, m.Phone, m.HomeStore != null ? m.HomeStore.Name : null, m.JoinedAt, m.UserId != null))
            .ToListAsync(ct);
        return new MemberPage(rows, total);
    }

    private IQueryable<Member> ApplySearch(IQueryable<Member> members, string? search)
    {
        // Control characters and half emoji are not text anyone means to search for, and PostgreSQL refuses them.
        var term = MemberRules.WithoutLoneSurrogates(MemberRules.Truncate(string.Concat((search ?? "").Where(c => !char.IsControl(c))).Trim(), MaxSearchLength));
        if (term.Length == 0) return members;

        if (term.Contains('@'))
        {
            var email = term.ToLowerInvariant();
            var next = NextPrefix(email);
            return members.Where(m => string.Compare(m.SearchEmail, email) >= 0 && string.Compare(m.SearchEmail, next) < 0);
        }

        if (term.Any(char.IsAsciiDigit) && MemberRules.NormalizePhone(term, settings.Value.DefaultCountryCode) is { } phone)
        {
            var code = term.ToUpperInvariant();
            return members.Where(m => m.Phone == phone || m.MemberCode == code);
        }

        var name = MemberRules.ToSearchForm(term);
        var upper = term.ToUpperInvariant();
        if (name.Length == 0) return members.Where(m => m.MemberCode == upper);
        var nameEnd = NextPrefix(name);
        // The start of an email ("jo.smith") is searched too: people often remember that rather than the name.
        var emailStart = term.ToLowerInvariant();
        var emailEnd = NextPrefix(emailStart);
        return members.Where(m =>
            (string.Compare(m.SearchName, name) >= 0 && string.Compare(m.SearchName, nameEnd) < 0)
            || (string.Compare(m.SearchEmail, emailStart) >= 0 && string.Compare(m.SearchEmail, emailEnd) < 0)
            || m.MemberCode == upper);
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
