using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Recognition;

/// <summary>A member's card at the counter for German staff: the live card (which the pseudo-locale test cannot see) in German.</summary>
public sealed class GermanRecognitionCardTests : PortalTestContext
{
    [Fact]
    public async Task The_live_card_and_its_confirmation_read_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var staff = await Db.AddUserAsync(Roles.Staff, "Sam Okafor", (await Db.AddStoreAsync()).Id);
        var (member, _) = await Db.AddMemberAsync("Anna Müller");
        SignIn(staff);
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = Render<RecognitionCardPage>(p => p.Add(c => c.MemberCode, member.MemberCode));
        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Markup, StringComparison.Ordinal));

        string[] german = ["Besuch erfassen", "Einkauf erfassen", "Was dem Mitglied wichtig ist", "Heute und Testphasen", "Letzte Aktivitäten",
            "Notizen der Mitarbeitenden", "Noch keine Notizen.", "noch keine Besuche", "Mitglied seit"];
        Assert.All(german, text => Assert.Contains(text, cut.Markup, StringComparison.Ordinal));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Besuch erfassen").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Besuch für Anna Müller erfasst.", snackbars.Markup, StringComparison.Ordinal));
    }
}
