using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress.Manage;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Features;

/// <summary>The manager's progress rules page over the starter programme.</summary>
public sealed class ProgressSetupPageTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_has_four_tabs_and_opens_on_the_rules_in_plain_words()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));

        var cut = Render<ProgressSetupPage>();

        cut.WaitForAssertion(() => Assert.Contains("Head start on joining", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(["Engagement rules", "Tiers", "Achievements", "Settings"], cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Contains("1 per day per store", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("past activity keeps the points it earned", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("button[aria-label='Edit Purchase (per currency unit)']"));
    }

    [Fact]
    public async Task The_tiers_tab_shows_each_tier_and_the_entry_tier_cannot_be_deleted()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));
        var cut = Render<ProgressSetupPage>();

        cut.FindAll(".mud-tab")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".tier-swatch").Count));
        Assert.True(cut.Find("button[aria-label='Delete Member']").HasAttribute("disabled"));
        Assert.False(cut.Find("button[aria-label='Delete Gold']").HasAttribute("disabled"));
        Assert.Contains("900 points", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_out_of_range_shows_the_message_beside_the_field_and_saves_nothing()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));
        var cut = Render<ProgressSetupPage>();
        cut.FindAll(".mud-tab")[3].Click();
        var inputId = cut.WaitForElement("label:contains('Qualification window (months)')").GetAttribute("for");

        cut.Find($"#{inputId}").Change("40");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("The window must be between 1 and 36 months.",
            cut.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.Equal(12, await Db.QueryAsync(c => c.ProgressSettings.Select(s => s.WindowMonths).SingleAsync(Ct)));
    }
}
