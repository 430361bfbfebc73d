using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Tests.Components.Features.Recognition;

/// <summary>The counter's search box for German staff: its label, and a damaged pass explained in German.</summary>
public sealed class GermanCounterSearchTests : PortalTestContext
{
    [Fact]
    public async Task A_damaged_pass_is_explained_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        SignIn(await Db.AddUserAsync(Roles.Staff, "Sam Okafor", (await Db.AddStoreAsync()).Id));
        var cut = Render<CounterSearch>();

        Assert.Equal("Mitglied finden", cut.Find("label[for=counter-search-box]").TextContent);
        cut.Find("#counter-search-box").Input("LP1.bm90LWEtcmVhbC10b2tlbg");
        await cut.Find("#counter-search-box").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.StartsWith("Dieser Code ist kein LoyaltyPortal-Ausweis.", cut.Find("[role=status]").TextContent, StringComparison.Ordinal));
    }
}
