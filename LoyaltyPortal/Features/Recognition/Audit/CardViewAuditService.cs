using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Recognition;

/// <param name="Staff">Part of the staff member's name, as recorded when they opened the card.</param>
/// <param name="Member">A member code, or part of the member's name.</param>
/// <param name="From">First day, in the programme's time zone.</param>
/// <param name="To">Last day (inclusive), in the programme's time zone.</param>
/// <param name="Page">Zero-based page of <see cref="CardViewAuditService.PageSize"/> rows.</param>
public sealed record AuditFilter(int? StoreId = null, string? Staff = null, string? Member = null, DateOnly? From = null, DateOnly? To = null, int Page = 0);

public sealed record CardViewRow(long Id, int MemberId, string MemberName, string MemberCode, string StaffName, string? StoreName, DateTime ViewedAt);

/// <param name="Message">Set when the filter itself is wrong, e.g. a date range that ends before it starts.</param>
public sealed record CardViewPage(IReadOnlyList<CardViewRow> Rows, int TotalCount, int Page, string? Message = null)
{
    public static CardViewPage Refused(string message) => new([], 0, 0, message);
}

/// <summary>Managers read who opened which member's card, where and when: the reading side of the card-view audit.</summary>
public sealed class CardViewAuditService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<RecognitionText> text)
{
    public const int PageSize = 50;
    public const int MaxTermLength = 100;

    public async Task<CardViewPage> GetAsync(Caller manager, AuditFilter filter, CancellationToken ct = default)
    {
        await RequireManagerAsync(manager, ct);
        if (filter.From is { } first && filter.To is { } last && first > last) return CardViewPage.Refused(text["The start date is after the end date."]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var views = db.CardViews.AsNoTracking();
        if (filter.StoreId is { } storeId) views = views.Where(v => v.StoreId == storeId);
        // The calendar's ends cannot be shifted into UTC; a range reaching them is open on that side.
        if (filter.From is { } from && from > DateOnly.MinValue.AddDays(1))
        {
            var fromUtc = calendar.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            views = views.Where(v => v.ViewedAt >= fromUtc);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue.AddDays(-1))
        {
            var toUtc = calendar.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            views = views.Where(v => v.ViewedAt < toUtc);
        }
        if (Clean(filter.Staff) is { Length: > 0 } staff)
        {
            var lower = staff.ToLowerInvariant();
            views = views.Where(v => v.StaffName.ToLower().Contains(lower));
        }
        if (Clean(filter.Member) is { Length: > 0 } member)
        {
            var code = member.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var name = MemberRules.ToSearchForm(member);
            views = name.Length == 0
                ? views.Where(v => db.Members.Any(m => m.Id == v.MemberId && m.MemberCode == code))
                : views.Where(v => db.Members.Any(m => m.Id == v.MemberId && (m.MemberCode == code || m.SearchName.Contains(name))));
        }

        var total = await views.CountAsync(ct);
        var lastPage = Math.Max(0, total - 1) / PageSize;
        var page = Math.Clamp(filter.Page, 0, lastPage);
        var rows = await (from v in views
                          join m in db.Members on v.MemberId equals m.Id
                          orderby v.ViewedAt descending, v.Id descending
                          select new CardViewRow(v.Id, v.MemberId, m.PreferredName, m.MemberCode, v.StaffName,
                              db.Stores.Where(s => s.Id == v.StoreId).Select(s => s.Name).FirstOrDefault(), v.ViewedAt))
            .Skip(page * PageSize).Take(PageSize).ToListAsync(ct);
        return new CardViewPage(rows, total, page);
    }

    /// <summary>The names staff viewed cards under, for the filter's pick list.</summary>
    public async Task<IReadOnlyList<string>> GetStaffNamesAsync(Caller manager, CancellationToken ct = default)
    {
        await RequireManagerAsync(manager, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CardViews.AsNoTracking().Select(v => v.StaffName).Distinct().OrderBy(n => n).Take(500).ToListAsync(ct);
    }

    /// <summary>Printable text only (PostgreSQL refuses NUL and half emoji), trimmed and bounded.</summary>
    private static string Clean(string? text) =>
        MemberRules.WithoutLoneSurrogates(MemberRules.Truncate(string.Concat((text ?? "").Where(c => !char.IsControl(c))).Trim(), MaxTermLength)).Trim();

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers can read the card-view audit.", ct);
}
