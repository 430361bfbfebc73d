using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits.Manage;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>The benefit editor shows the service's refusals beside the fields they are about.</summary>
public sealed class BenefitEditorPageTests : PortalTestContext
{
    [Fact]
    public async Task Guidance_without_a_location_shows_the_message_beside_the_store_field()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<BenefitEditorPage>(p => p.Add(c => c.Kind, "guidance"));
        cut.WaitForElement("form");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Choose a store or enter an address.",
            cut.Find("label:contains('At store')").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("label:contains('Or at address')"));
    }
}
