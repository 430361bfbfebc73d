using Bunit;
using Bunit.TestDoubles;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

/// <summary>
/// My progress is static (its browser tests are in ProgressJourneyTests); its follower island refreshes the page when its
/// member changes, and only its member.
/// </summary>
public sealed class MyProgressPageTests : PortalTestContext
{
    [Fact]
    public async Task A_change_to_its_member_refreshes_the_page()
    {
        var (member, _) = await Db.AddMemberAsync("Alex Morgan");
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        Render<ProgressFollower>(p => p.Add(f => f.MemberId, member.Id));

        Db.Get<MemberEvents>().Raise(member.Id, MemberChange.Activity);
        Db.Get<MemberEvents>().Raise(member.Id, MemberChange.Booking);

        // One refresh for the burst, a quarter-second later.
        await Task.Delay(600, Xunit.TestContext.Current.CancellationToken);
        Assert.Single(navigation.History);
    }

    [Fact]
    public async Task A_change_to_another_member_refreshes_nothing()
    {
        var (member, _) = await Db.AddMemberAsync("Alex Morgan");
        var (other, _) = await Db.AddMemberAsync("Jo Smith");
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        Render<ProgressFollower>(p => p.Add(f => f.MemberId, member.Id));

        Db.Get<MemberEvents>().Raise(other.Id, MemberChange.Activity);
        // Nothing to wait for when nothing should happen: give a wrongly started refresh time to land.
        await Task.Delay(600, Xunit.TestContext.Current.CancellationToken);

        Assert.Empty(navigation.History);
    }
}
