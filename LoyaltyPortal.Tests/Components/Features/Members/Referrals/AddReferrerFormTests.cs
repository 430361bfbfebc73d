using Bunit;
using LoyaltyPortal.Features.Members.Referrals;

namespace LoyaltyPortal.Tests.Components.Features.Members.Referrals;

/// <summary>The member's "who invited you" form says the service's refusal beside the code, until the code is edited.</summary>
public sealed class AddReferrerFormTests : PortalTestContext
{
    private const string NotACode = "That isn't a referral code. Codes look like REF-K7M2QP.";

    [Fact]
    public async Task A_refused_code_shows_the_services_message_beside_the_field_until_it_is_edited()
    {
        var (_, member) = await Db.AddMemberAsync();
        SignIn(member!);
        var cut = Render<AddReferrerForm>(p => p.Add(c => c.Until, new DateTime(2026, 12, 1)));
        cut.Find("input").Change("nonsense");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains(NotACode, CodeField(cut), StringComparison.Ordinal));
        cut.Find("input").Change("REF-K7M2QP");
        cut.WaitForAssertion(() => Assert.DoesNotContain(NotACode, cut.Markup, StringComparison.Ordinal));
    }

    private static string CodeField(IRenderedComponent<AddReferrerForm> cut) =>
        cut.Find("label:contains('Friend')").Closest(".mud-input-control")!.TextContent;
}
