using Bunit;
using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    public static TheoryData<string, string[]> LinksByRole => new()
    {
        { Roles.Manager, ["/manager", "/manager/insights", "/manager/members", "/manager/referrals", "/manager/benefits", "/manager/feedback", "/manager/progress", "/manager/staff", "/manager/audit", "/manager/api-keys", "/manager/webhooks", "/manager/jobs", "/staff/events", "/staff/trials", "/staff/sessions", "/Account/Manage"] },
        { Roles.Staff, ["/counter", "/staff/events", "/staff/trials", "/staff/sessions", "/Account/Manage"] },
        { Roles.Member, ["/me", "/me/pass", "/me/benefits", "/me/bookings", "/me/you-said-we-did", "/me/invite", "/me/notifications", "/me/profile", "/Account/Manage"] },
    };

    [Theory, MemberData(nameof(LinksByRole))]
    public void Signed_in_role_sees_exactly_its_own_links(string role, string[] links)
    {
        SignIn("Jo Test", role);

        var cut = Render<NavMenu>();

        Assert.Equal(links, cut.FindAll("a[href]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Anonymous_visitor_sees_only_log_in_and_join()
    {
        AddAuthorization();

        var cut = Render<NavMenu>();

        Assert.Equal(["/Account/Login", "/Account/Register"], cut.FindAll("a[href]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Signed_in_user_can_log_out()
    {
        SignIn("Jo Test", Roles.Member);

        var cut = Render<NavMenu>();

        Assert.Equal("Account/Logout", cut.Find("form").GetAttribute("action"));
    }

    [Fact]
    public void Anonymous_visitor_has_no_log_out()
    {
        AddAuthorization();

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("form"));
    }
}
