using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress.Manage;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

/// <summary>A German-speaking manager adds a tier: the dialog's labels and its refusals are German.</summary>
public sealed class TierDialogGermanTests : PortalTestContext
{
    [Fact]
    public async Task Tier_dialog_labels_and_refuses_a_missing_name_in_German()
    {
        using var german = SetupGerman.Use();
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ProgressSetupPage>();
        cut.FindAll(".mud-tab")[1].Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("button:contains('Stufe hinzufügen')").HasAttribute("disabled")));

        cut.Find("button:contains('Stufe hinzufügen')").Click();
        dialogs.WaitForElement("#tier-form");
        Assert.NotEmpty(dialogs.FindAll("label:contains('Bezeichnung')"));
        Assert.Contains("Punkte bis zum Erreichen", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.Find("#tier-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Geben Sie eine Bezeichnung ein.",
            dialogs.Find("label:contains('Bezeichnung')").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
    }
}
