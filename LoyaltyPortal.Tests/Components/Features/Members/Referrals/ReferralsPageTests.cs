using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Referrals;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members.Referrals;

/// <summary>The manager's referral chain lookup says a miss beside the code they typed.</summary>
public sealed class ReferralsPageTests : PortalTestContext
{
    private const string NoSuchMember = "No member has that member code or referral code.";

    [Fact]
    public async Task An_unknown_code_is_said_beside_the_lookup_field_until_it_is_edited()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<ReferralsPage>();
        var field = () => cut.Find("label:contains('Member code or referral code')").Closest(".mud-input-control")!;
        field().QuerySelector("input")!.Change("M-NOBODY");

        await field().Closest("form")!.SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains(NoSuchMember, field().TextContent, StringComparison.Ordinal));
        field().QuerySelector("input")!.Change("M-SOMEONE");
        cut.WaitForAssertion(() => Assert.DoesNotContain(NoSuchMember, cut.Markup, StringComparison.Ordinal));
    }
}
