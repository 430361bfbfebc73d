using Bunit;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits.Manage;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>The event and guidance editors take their dates through the same field, with the same labels and help.</summary>
public sealed class BenefitDateFieldsTests : PortalTestContext
{
    [Theory]
    [InlineData("event", "datetime-local")]
    [InlineData("guidance", "date")]
    public async Task Editor_dates_use_the_shared_field_labelled_starts_and_ends_with_programme_time_help(string kind, string inputType)
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<BenefitEditorPage>(p => p.Add(c => c.Kind, kind));
        cut.WaitForElement("form");

        var ownDates = cut.FindComponents<ProgrammeDateField>().Where(f => !f.Instance.Label.StartsWith("Booking", StringComparison.Ordinal)).ToList();

        Assert.Equal(["Starts", "Ends"], ownDates.Select(f => f.Instance.Label));
        Assert.All(ownDates, f =>
        {
            Assert.Equal(inputType, f.Find("input").GetAttribute("type"));
            Assert.Contains("Programme time (Europe/London)", f.Markup, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindComponents<MudDatePicker>());
    }

    [Fact]
    public async Task Guidance_without_dates_shows_the_same_messages_as_an_event_beside_the_fields()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<BenefitEditorPage>(p => p.Add(c => c.Kind, "guidance"));
        cut.WaitForElement("form");
        var fields = cut.FindComponents<ProgrammeDateField>().Where(f => f.Instance.Label is "Starts" or "Ends").ToList();
        await cut.InvokeAsync(() => fields[0].Instance.ValueChanged.InvokeAsync(null));
        await cut.InvokeAsync(() => fields[1].Instance.ValueChanged.InvokeAsync(null));

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Enter when it starts.", fields[0].Markup, StringComparison.Ordinal);
            Assert.Contains("Enter when it ends.", fields[1].Markup, StringComparison.Ordinal);
        });
    }
}
