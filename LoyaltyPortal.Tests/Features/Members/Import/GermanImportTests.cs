using System.Globalization;
using System.Text;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;

namespace LoyaltyPortal.Tests.Features.Members.Import;

/// <summary>A German-speaking manager's import: each row's problem and the error report's headers in German.</summary>
public sealed class GermanImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_row_errors_and_the_error_report_are_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        await using var db = await TestDb.CreateAsync();
        var manager = await db.AddUserAsync(Roles.Manager);
        var imports = db.Get<MemberImportService>();
        var csv = "external_id,name,store,joined\nC-1,Anna,,2020-05-01\nC-2,Ben,Atlantis,\nC-3,Cara,,31.12.2020\n";
        var upload = (await imports.UploadAsync(manager, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "m.csv", Ct)).Upload!;
        var mapping = (await imports.PreviewAsync(manager, upload.Id, null, Ct)).Suggested;

        var preview = await imports.PreviewAsync(manager, upload.Id, mapping, Ct);
        var summary = await imports.RunAsync(manager, upload.Id, mapping, dryRun: true, ct: Ct);

        Assert.Equal("1 der ersten 3 Zeilen sind bereit für den Import.", preview.Message);
        Assert.Equal("Filiale: Es gibt keine Filiale namens „Atlantis“.", preview.Rows[1].Error);
        Assert.Equal("Beigetreten am: Schreiben Sie das Datum als Jahr-Monat-Tag, wie 2024-03-31.", preview.Rows[2].Error);
        Assert.Contains("Es wurde nichts geschrieben (Probelauf).", summary.Message, StringComparison.Ordinal);
        var report = await imports.OpenErrorReportAsync(manager, summary.ErrorReportId!.Value, Ct);
        using var reader = new StreamReader(report!.Value.Content);
        Assert.Equal("Zeile,Externe ID,Fehler", (await reader.ReadLineAsync(Ct))?.TrimStart('\uFEFF'));
    }
}
