using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits.Manage;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>A German-speaking manager creates an event: the editor's labels and its refusals are German.</summary>
public sealed class BenefitEditorGermanTests : PortalTestContext
{
    [Fact]
    public async Task Benefit_editor_labels_and_refuses_a_missing_title_in_German()
    {
        using var german = SetupGerman.Use();
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<BenefitEditorPage>(p => p.Add(c => c.Kind, "event"));
        cut.WaitForElement("form");

        Assert.Equal("Neue Veranstaltung", cut.Find("h1").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("label:contains('Kapazität (Plätze)')"));
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Geben Sie einen Titel ein.",
            cut.Find("label:contains('Titel')").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
    }
}
