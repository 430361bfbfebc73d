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
        var term = search?.Trim() ?? "";
        if (term.Length == 0) return members;
        if (term.Length > MaxSearchLength) term = term[..MaxSearchLength];

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
        return members.Where(m => (string.Compare(m.SearchName, name) >= 0 && string.Compare(m.SearchName, nameEnd) < 0) || m.MemberCode == upper);
    }

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    internal static string NextPrefix(string prefix) =>
        prefix[^1] == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(prefix[^1] + 1);
}
