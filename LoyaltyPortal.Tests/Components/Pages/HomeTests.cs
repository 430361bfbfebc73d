using Bunit;
using LoyaltyPortal.Components.Pages;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Pages;

public sealed class HomeTests : PortalTestContext
{
    public static TheoryData<string, string, string> Starts => new()
    {
        { Roles.Manager, "/manager", "Open the dashboard" },
        { Roles.Staff, "/counter", "Open the counter" },
        { Roles.Member, "/me", "Go to My progress" },
    };

    [Theory, MemberData(nameof(Starts))]
    public void Signed_in_role_sees_the_landing_page_with_one_call_to_action_to_its_home(string role, string home, string text)
    {
        SignIn("Jo Test", role);

        var cut = Render<Home>();

        var action = Assert.Single(cut.FindAll(".landing-hero a"));
        Assert.Equal(home, action.GetAttribute("href"));
        Assert.Equal(text, action.TextContent.Trim());
        Assert.Equal("/", CurrentPath);
    }

    [Fact]
    public void Signed_in_user_without_a_role_is_pointed_to_account_settings()
    {
        SignIn("Jo Test");

        var cut = Render<Home>();

        Assert.Equal("/Account/Manage", Assert.Single(cut.FindAll(".landing-hero a")).GetAttribute("href"));
    }

    [Fact]
    public void Anonymous_visitor_sees_the_programme_and_can_join_or_sign_in()
    {
        AddAuthorization();

        var cut = Render<Home>();

        Assert.Equal("Loyalty that feels like being known", cut.Find("h1").TextContent);
        Assert.Equal(["Experiences", "Recognition", "Visible progress", "Digital pass"], cut.FindAll("h3.mud-typography-h6").Select(h => h.TextContent));
        Assert.Equal(["/Account/Register", "/Account/Login"], cut.FindAll(".landing-hero a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["Join the programme", "Sign in"], cut.FindAll(".landing-hero a").Select(a => a.TextContent.Trim()));
        Assert.Equal("/", CurrentPath);
    }

    private string CurrentPath => new Uri(Services.GetRequiredService<NavigationManager>().Uri).AbsolutePath;
}
