using Bunit;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Progress;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

/// <summary>The progress page follows changes to its member over the circuit, and only to its member.</summary>
public sealed class MyProgressPageTests : PortalTestContext
{
    private async Task<(IRenderedComponent<MyProgressPage> Cut, int MemberId)> RenderForNewMemberAsync()
    {
        var (member, caller) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(caller!);
        var cut = Render<MyProgressPage>();
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find(".tier-points").TextContent));
        return (cut, member.Id);
    }

    [Fact]
    public async Task A_change_to_its_member_reloads_the_tier_card()
    {
        var (cut, memberId) = await RenderForNewMemberAsync();
        await Db.EarnPointsAsync(memberId, 120, Db.Clock.GetUtcNow().UtcDateTime);

        Db.Get<MemberEvents>().Raise(memberId, MemberChange.Activity);

        cut.WaitForAssertion(() => Assert.Equal("120", cut.Find(".tier-points").TextContent));
    }

    [Fact]
    public async Task A_change_to_another_member_leaves_the_page_as_it_was()
    {
        var (cut, memberId) = await RenderForNewMemberAsync();
        var (other, _) = await Db.AddMemberAsync("Jo Smith");
        await Db.EarnPointsAsync(memberId, 120, Db.Clock.GetUtcNow().UtcDateTime);
        var renders = cut.RenderCount;

        Db.Get<MemberEvents>().Raise(other.Id, MemberChange.Activity);
        // Nothing to wait for when nothing should happen: give a wrongly started reload time to land.
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal((renders, "0"), (cut.RenderCount, cut.Find(".tier-points").TextContent));
    }
}
