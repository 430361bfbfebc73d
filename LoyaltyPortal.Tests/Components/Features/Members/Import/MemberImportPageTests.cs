using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members.Import;

/// <summary>The import page maps a file's columns by their headers, previews rows with their problems and runs a dry run.</summary>
public sealed class MemberImportPageTests : PortalTestContext
{
    private const string Csv = "external_id,name,phone\nC-1,Anna Müller,\nC-2,Ben,12\n";

    [Fact]
    public async Task Import_page_maps_columns_by_header_and_previews_rows_with_their_errors()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<MemberImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "members.csv"));

        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Markup), TimeSpan.FromSeconds(5));
        // The preview shows a column for each mapped field: the three the headers named, and no others.
        Assert.Equal(["Row", "External id", "Preferred name", "Phone", "Check"], cut.FindAll("th").Select(th => th.TextContent.Trim()));
        var errors = cut.FindAll(".import-row-error");
        Assert.StartsWith("Phone:", Assert.Single(errors).TextContent);
    }

    [Fact]
    public async Task Import_page_dry_run_shows_the_counts_and_writes_nothing()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<MemberImportPage>();
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "members.csv"));
        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Markup), TimeSpan.FromSeconds(5));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Dry run").Click());

        cut.WaitForAssertion(() => Assert.Contains("Dry run finished", cut.Markup), TimeSpan.FromSeconds(10));
        Assert.Contains("1 would be created", cut.Find(".mud-alert").TextContent);
        Assert.Contains("Download error report", cut.Markup);
        await using var context = Db.NewContext();
        Assert.Empty(context.Members);
    }
}
