using Bunit;
using LoyaltyPortal.Components.Shared;
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

    [Fact]
    public async Task Event_ending_before_it_starts_shows_the_message_under_ends_until_ends_is_edited()
    {
        var cut = await RenderEditorAsync("event");
        DateInput(cut, "Starts").Change("2026-12-10T18:00");
        DateInput(cut, "Ends").Change("2026-12-10T17:00");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Ends must be after starts.", Field(cut, "Ends"), StringComparison.Ordinal));
        Assert.DoesNotContain("Ends must be after starts.", Field(cut, "Starts"), StringComparison.Ordinal);

        DateInput(cut, "Ends").Change("2026-12-10T20:00");

        cut.WaitForAssertion(() => Assert.DoesNotContain("Ends must be after starts.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guidance_without_weekly_times_says_so_until_a_time_is_added()
    {
        var cut = await RenderEditorAsync("guidance");
        cut.Find("button[aria-label='Remove time 1']").Click();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Add at least one weekly time.", cut.Find(".validation-message[role=alert]").TextContent));
        cut.Find("button:contains('Add a weekly time')").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Add at least one weekly time.", cut.Markup, StringComparison.Ordinal));
    }

    private async Task<IRenderedComponent<BenefitEditorPage>> RenderEditorAsync(string kind)
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<BenefitEditorPage>(p => p.Add(c => c.Kind, kind));
        cut.WaitForElement("form");
        return cut;
    }

    private static string Field(IRenderedComponent<BenefitEditorPage> cut, string label) =>
        cut.FindComponents<ProgrammeDateField>().Single(f => f.Instance.Label == label).Markup;

    private static AngleSharp.Dom.IElement DateInput(IRenderedComponent<BenefitEditorPage> cut, string label) =>
        cut.FindComponents<ProgrammeDateField>().Single(f => f.Instance.Label == label).Find("input");
}
