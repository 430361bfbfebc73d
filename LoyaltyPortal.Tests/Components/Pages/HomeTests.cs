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
    public void Signed_in_role_is_sent_to_its_home(string role, string home)
    {
        SignIn("Jo Test", role);

        Render<Home>();

        Assert.Equal(home, CurrentPath);
    }

    [Fact]
    public void Signed_in_user_without_a_role_is_sent_to_account_settings()
    {
        SignIn("Jo Test");

        Render<Home>();

        Assert.Equal("/Account/Manage", CurrentPath);
    }

    [Fact]
    public void Anonymous_visitor_sees_the_landing_page()
    {
        AddAuthorization();

        var cut = Render<Home>();

        Assert.Equal("Welcome to LoyaltyPortal", cut.Find("h1").TextContent);
        Assert.Equal("/", CurrentPath);
    }

    private string CurrentPath => new Uri(Services.GetRequiredService<NavigationManager>().Uri).AbsolutePath;
}
