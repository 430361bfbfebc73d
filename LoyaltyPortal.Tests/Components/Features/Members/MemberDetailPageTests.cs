using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Tests.Features.Members;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members;

/// <summary>The manager's member page is the member's 360°: tier, bookings, trials, badges and who opened their card.</summary>
public sealed class MemberDetailPageTests : PortalTestContext
{
    private string Section(IRenderedComponent<MemberDetailPage> cut, string testId) => cut.Find($"[data-testid='{testId}']").TextContent;

    [Fact]
    public async Task The_page_shows_tier_bookings_trials_achievements_and_card_views()
    {
        var (member, _) = await MemberOverviewServiceTests.SeedHistoryAsync(Db);
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Lee"));
        Render<MudPopoverProvider>();

        var cut = Render<MemberDetailPage>(p => p.Add(c => c.MemberId, member.Id));

        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Find("h1").TextContent));
        Assert.Contains("Silver", Section(cut, "member-tier"));
        Assert.Contains("350 of 900 points to Gold", Section(cut, "member-tier"));
        var bookings = Section(cut, "member-bookings");
        Assert.Contains("Trail day", bookings);
        Assert.Contains("Night run", bookings);
        Assert.Contains("Attended", bookings);
        Assert.Contains("Overdue since", Section(cut, "member-trials"));
        Assert.Contains("Returned", Section(cut, "member-trials"));
        Assert.Contains("First steps", Section(cut, "member-achievements"));
        var views = Section(cut, "member-card-views");
        Assert.Contains("Priya Shah", views);
        Assert.Contains("Sam Okafor", views);
        Assert.Contains("Finding running partners", Section(cut, "member-pulse"));
        Assert.Contains("Training for Berlin", Section(cut, "member-notes"));
    }

    [Fact]
    public async Task A_new_member_gets_an_empty_state_in_every_section()
    {
        var (member, _) = await Db.AddMemberAsync("Jo New", withLogin: false);
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();

        var cut = Render<MemberDetailPage>(p => p.Add(c => c.MemberId, member.Id));

        cut.WaitForAssertion(() => Assert.Contains("Jo New", cut.Find("h1").TextContent));
        Assert.Contains("Member", Section(cut, "member-tier"));
        Assert.Contains("no online account", cut.Markup);
        Assert.Contains("Nothing booked", Section(cut, "member-bookings"));
        Assert.Contains("No trials", Section(cut, "member-trials"));
        Assert.Contains("No achievements yet", Section(cut, "member-achievements"));
        Assert.Contains("Nobody has opened their card", Section(cut, "member-card-views"));
        Assert.Contains("No notes yet", Section(cut, "member-notes"));
    }
}
