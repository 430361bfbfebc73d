using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Export;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Features.Members.Export;

/// <summary>A German-speaking manager's exports: German column headers over invariant values, and German date messages.</summary>
public sealed class GermanExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task German_export_has_German_headers_and_invariant_values()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        await using var db = await TestDb.CreateAsync();
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("Anna Müller", withLogin: false);
        await using var output = new StringWriter(CultureInfo.InvariantCulture);

        await db.Get<MemberExportService>().WriteMembersAsync(manager, new(), output, Ct);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mitgliedscode,Externe ID,Bevorzugter Name,E-Mail,Telefon,Stammfiliale,Beigetreten am,Marketing-Einwilligung,Online-Konto", lines[0]);
        Assert.Matches(@",\d{4}-\d{2}-\d{2},(yes|no),no\r?$", lines[1]);
    }

    [Fact]
    public async Task German_export_date_range_message_is_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        await using var db = await TestDb.CreateAsync();

        var message = MemberExportService.Validate(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1), db.Get<IStringLocalizer<ExportText>>());

        Assert.Equal("Das Anfangsdatum liegt nach dem Enddatum.", message);
    }
}
