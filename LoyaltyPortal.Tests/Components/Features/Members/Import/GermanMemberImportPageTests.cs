using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members.Import;

/// <summary>The import page's mapping, preview and dry run as a German-speaking manager reads them.</summary>
public sealed class GermanMemberImportPageTests : PortalTestContext
{
    private const string Csv = "external_id,name,phone\nC-1,Anna Müller,\nC-2,Ben,12\n";

    [Fact]
    public async Task Import_page_preview_and_dry_run_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<MemberImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "members.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Equal(["Zeile", "Externe ID", "Bevorzugter Name", "Telefon", "Prüfung"], cut.FindAll("th").Select(th => th.TextContent.Trim()));
        Assert.StartsWith("Telefon: Geben Sie eine Telefonnummer wie", Assert.Single(cut.FindAll(".import-row-error")).TextContent);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Probelauf").Click());

        cut.WaitForAssertion(() => Assert.Contains("Probelauf abgeschlossen", cut.Markup), TimeSpan.FromSeconds(10));
        Assert.Contains("1 würden angelegt", cut.Find(".mud-alert").TextContent);
        Assert.Contains("Fehlerbericht herunterladen", cut.Markup);
    }
}
