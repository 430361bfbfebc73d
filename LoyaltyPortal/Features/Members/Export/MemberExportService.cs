using System.Globalization;
using CsvHelper;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Export;

/// <summary>Which members to export: a home store and a range of joining dates (programme-local, inclusive).</summary>
public sealed record MemberExportFilter(int? StoreId = null, DateOnly? JoinedFrom = null, DateOnly? JoinedTo = null);

/// <summary>Which ledger rows to export: a store, a range of dates (programme-local, inclusive) and one activity type.</summary>
public sealed record ActivityExportFilter(int? StoreId = null, DateOnly? From = null, DateOnly? To = null, ActivityType? Type = null);

/// <summary>
/// Members and the activity ledger as CSV for managers, written row by row as the query reads them, so a million rows
/// cost a buffer, not the whole file in memory. Every text cell goes through <see cref="CsvCells.Neutralise"/>: a name
/// such as <c>=cmd|' /C calc'!A0</c> reaches the spreadsheet as text, not as a formula.
/// </summary>
/// <remarks>Column headers are in the manager's language; the values stay invariant (ISO dates, yes/no, points) for other systems to read.</remarks>
public sealed class MemberExportService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ActiveCallers callers, ProgrammeCalendar calendar, IStringLocalizer<ExportText> text)
{
    private const string ManagersOnly = "Only managers can export members.";

    /// <summary>Null when the dates make a range; otherwise the message to show, in the reader's language when <paramref name="text"/> is given.</summary>
    public static string? Validate(DateOnly? from, DateOnly? to, IStringLocalizer<ExportText>? text = null) =>
        from is { } f && to is { } t && f > t ? text?["The start date is after the end date."] ?? "The start date is after the end date." : null;

    public async Task WriteMembersAsync(Caller caller, MemberExportFilter filter, TextWriter output, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        var (from, to) = Range(filter.JoinedFrom, filter.JoinedTo);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (filter.StoreId is { } storeId) members = members.Where(m => m.HomeStoreId == storeId);
        if (from is { } joinedFrom) members = members.Where(m => m.JoinedAt >= joinedFrom);
        if (to is { } joinedTo) members = members.Where(m => m.JoinedAt < joinedTo);
        var rows = members.OrderBy(m => m.Id).Select(m => new
        {
            m.MemberCode, m.ExternalId, m.PreferredName, m.Email, m.Phone, Store = m.HomeStore == null ? null : m.HomeStore.Name,
            m.JoinedAt, m.ConsentContact, HasLogin = m.UserId != null,
        }).AsAsyncEnumerable();

        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        await HeaderAsync(csv, text["Member code"], text["External id"], text["Preferred name"], text["Email"], text["Phone"], text["Home store"], text["Joined on"],
            text["Marketing consent"], text["Online account"]);
        await foreach (var m in rows.WithCancellation(ct))
        {
            Text(csv, m.MemberCode, m.ExternalId, m.PreferredName, m.Email, m.Phone, m.Store);
            csv.WriteField(Date(m.JoinedAt));
            csv.WriteField(m.ConsentContact ? "yes" : "no");
            csv.WriteField(m.HasLogin ? "yes" : "no");
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    public async Task WriteActivitiesAsync(Caller caller, ActivityExportFilter filter, TextWriter output, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        var (from, to) = Range(filter.From, filter.To);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ledger = db.Activities.AsNoTracking();
        if (filter.StoreId is { } storeId) ledger = ledger.Where(a => a.StoreId == storeId);
        if (from is { } after) ledger = ledger.Where(a => a.OccurredAt >= after);
        if (to is { } before) ledger = ledger.Where(a => a.OccurredAt < before);
        if (filter.Type is { } type) ledger = ledger.Where(a => a.Type == type);
        var rows = ledger.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => new
            {
                a.OccurredAt, m.MemberCode, m.ExternalId, a.Type, Store = db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(),
                a.Amount, a.Currency, a.Points, a.Description,
            }).AsAsyncEnumerable();

        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        await HeaderAsync(csv, text["Occurred at"], text["Member code"], text["External id"], text["Activity"], text["Store"], text["Amount"], text["Currency"],
            text["Points"], text["Description"]);
        await foreach (var a in rows.WithCancellation(ct))
        {
            csv.WriteField(calendar.ToLocal(a.OccurredAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            Text(csv, a.MemberCode, a.ExternalId, ActivityText.Label(a.Type), a.Store);
            csv.WriteField(a.Amount?.ToString(CultureInfo.InvariantCulture) ?? "");
            Text(csv, a.Currency);
            csv.WriteField(a.Points.ToString(CultureInfo.InvariantCulture));
            Text(csv, a.Description);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    private (DateTime? From, DateTime? To) Range(DateOnly? from, DateOnly? to) =>
        (from is { } f ? calendar.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null,
         to is { } t ? calendar.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);

    private string Date(DateTime utc) => calendar.ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task HeaderAsync(CsvWriter csv, params LocalizedString[] headers)
    {
        foreach (var header in headers) csv.WriteField(header.Value);
        await csv.NextRecordAsync();
    }

    private static void Text(CsvWriter csv, params string?[] cells)
    {
        foreach (var cell in cells) csv.WriteField(CsvCells.Neutralise(cell ?? ""));
    }
}
