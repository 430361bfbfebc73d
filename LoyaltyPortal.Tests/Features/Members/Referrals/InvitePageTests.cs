using Bunit;
using LoyaltyPortal.Features.Members.Referrals;
using MudBlazor;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

public sealed class InvitePageTests : PortalTestContext
{
    private void RenderProviders() => Render<MudPopoverProvider>();

    [Fact]
    public async Task The_page_shows_the_code_the_link_and_the_friends_brought_in()
    {
        var (me, caller, code) = await Db.AddReferrerAsync("Jo Lee", joinedDaysAgo: 90);
        var (friend, _, _) = await Db.AddReferrerAsync("Priya Shah", referredBy: me.Id);
        await Db.AddReferrerAsync("Sam Okafor", referredBy: me.Id);
        await Db.MarkConvertedAsync(friend.Id);
        SignIn(caller!);
        RenderProviders();

        var cut = Render<InvitePage>();

        cut.WaitForAssertion(() => Assert.Equal(code, cut.Find("[data-testid=referral-code]").TextContent));
        Assert.EndsWith($"/Account/Register?ref={code}", cut.Find("[data-testid=referral-link]").TextContent, StringComparison.Ordinal);
        var friends = cut.FindAll(".invite-friends .mud-list-item").Select(i => i.TextContent).ToList();
        Assert.Equal(2, friends.Count);
        Assert.Contains(friends, f => f.Contains("Priya Shah", StringComparison.Ordinal) && f.Contains("First visit made", StringComparison.Ordinal));
        Assert.Contains(friends, f => f.Contains("Sam Okafor", StringComparison.Ordinal) && f.Contains("Not yet", StringComparison.Ordinal));
        // Joined 90 days ago: too late to name a referrer, so no form.
        Assert.DoesNotContain("Did a friend invite you?", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_with_no_friends_yet_sees_the_empty_state_and_can_add_their_referrer()
    {
        var (_, caller, _) = await Db.AddReferrerAsync("Jo Lee", joinedDaysAgo: 3);
        SignIn(caller!);
        RenderProviders();

        var cut = Render<InvitePage>();

        cut.WaitForAssertion(() => Assert.Contains("No friends have joined with your code yet", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Did a friend invite you?", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_referrer_code_is_explained_beside_the_field()
    {
        var (_, caller, code) = await Db.AddReferrerAsync("Jo Lee", joinedDaysAgo: 3);
        SignIn(caller!);
        RenderProviders();
        var cut = Render<InvitePage>();
        cut.WaitForAssertion(() => cut.Find("form input"));

        cut.Find("form input").Change(code);
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("That's your own code", cut.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
    }
}
