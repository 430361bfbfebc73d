using System.Globalization;
using System.Text;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Export;

/// <summary>Plain HTTP downloads for managers: member and ledger exports, streamed, and an import's error report.</summary>
public static class MemberExportEndpoints
{
    public const string MembersPath = "/manager/members/export.csv";
    public const string ActivitiesPath = "/manager/activities/export.csv";

    public static IEndpointRouteBuilder MapMemberExportEndpoints(this IEndpointRouteBuilder app)
    {
        var manager = app.MapGroup("").RequireAuthorization(policy => policy.RequireRole(Roles.Manager));
        manager.MapGet(MembersPath, async (HttpContext http, int? store, DateOnly? joinedFrom, DateOnly? joinedTo, MemberExportService export,
            ProgrammeCalendar calendar, IStringLocalizer<ExportText> text, CancellationToken ct) =>
        {
            if (MemberExportService.Validate(joinedFrom, joinedTo, text) is { } error) return Results.BadRequest(error);
            await StreamAsync(http, $"members-{Today(calendar)}.csv",
                writer => export.WriteMembersAsync(Caller.From(http.User)!, new MemberExportFilter(store, joinedFrom, joinedTo), writer, ct));
            return Results.Empty;
        });
        manager.MapGet(ActivitiesPath, async (HttpContext http, int? store, DateOnly? from, DateOnly? to, ActivityType? type,
            MemberExportService export, ProgrammeCalendar calendar, IStringLocalizer<ExportText> text, CancellationToken ct) =>
        {
            if (MemberExportService.Validate(from, to, text) is { } error) return Results.BadRequest(error);
            await StreamAsync(http, $"activity-{Today(calendar)}.csv",
                writer => export.WriteActivitiesAsync(Caller.From(http.User)!, new ActivityExportFilter(store, from, to, type), writer, ct));
            return Results.Empty;
        });
        manager.MapGet("/manager/members/import/reports/{reportId:guid}", async (HttpContext http, Guid reportId, MemberImportService imports,
            CancellationToken ct) =>
        {
            var report = await imports.OpenErrorReportAsync(Caller.From(http.User)!, reportId, ct);
            return report is { } r ? Results.File(r.Content, "text/csv; charset=utf-8", r.FileName) : Results.NotFound();
        });
        return app;
    }

    public static string MembersUrl(int? store) => store is { } s ? $"{MembersPath}?store={s}" : MembersPath;

    public static string ActivitiesUrl(ActivityExportFilter filter)
    {
        var query = new List<string>();
        if (filter.StoreId is { } store) query.Add($"store={store}");
        if (filter.From is { } from) query.Add($"from={from:yyyy-MM-dd}");
        if (filter.To is { } to) query.Add($"to={to:yyyy-MM-dd}");
        if (filter.Type is { } type) query.Add($"type={type}");
        return query.Count == 0 ? ActivitiesPath : ActivitiesPath + "?" + string.Join('&', query);
    }

    private static async Task StreamAsync(HttpContext http, string fileName, Func<TextWriter, Task> write)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // A byte order mark, so Excel reads the file as UTF-8 and names keep their accents.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 14, leaveOpen: true);
        await write(writer);
        await writer.FlushAsync();
    }

    private static string Today(ProgrammeCalendar calendar) => calendar.ToLocal(calendar.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
