using Bunit;
using LoyaltyPortal.Components.Pages;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Pages;

public sealed class HomeTests : PortalTestContext
{
    public static TheoryData<string, string> Homes => new()
    {
        { Roles.Manager, "/manager" },
        { Roles.Staff, "/counter" },
        { Roles.Member, "/me" },
    };

    [Theory, MemberData(nameof(Homes))]
    public void Signed_in_role_goes_straight_to_its_home(string role, string home)
    {
        SignIn("Jo Test", role);

        Render<Home>();

        Assert.Equal(home, CurrentPath);
    }

    [Fact]
    public void Signed_in_user_without_a_role_goes_to_account_settings()
    {
        SignIn("Jo Test");

        Render<Home>();

        Assert.Equal("/Account/Manage", CurrentPath);
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
