using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Tests.Hosting;

namespace LoyaltyPortal.Tests.Components.Account;

[Collection(PortalAppCollection.Name)]
public sealed class LoginTests(PortalApp app)
{
    private const string WrongPassword = "Wrong#Guess1";

    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task Right_password_signs_in_and_goes_home()
    {
        using var client = app.NewClient();

        var response = await client.LogInAsync(DemoAccounts.Member.Email, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for()
    {
        using var client = app.NewClient();
        var login = await client.GetAsync("/manager/members");

        var response = await client.SubmitAsync(login.Headers.Location!.PathAndQuery, "login", Credentials(DemoAccounts.Manager.Email, DemoAccounts.Password));

        Assert.Equal("/manager/members", response.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task Sign_in_with_a_return_address_on_another_site_stays_on_this_site(string returnUrl)
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "login", Credentials(DemoAccounts.Member.Email, DemoAccounts.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location?.Host);
    }

    [Fact]
    public async Task Wrong_password_shows_invalid_login_attempt()
    {
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.LogInAsync(DemoAccounts.Member.Email, WrongPassword));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Error: Invalid login attempt.", page.Messages);
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_lands_on_the_lockout_page()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++) await client.LogInAsync(email, WrongPassword);

        var page = await client.FollowAsync(await client.LogInAsync(email, DemoAccounts.Password));

        Assert.Equal("/Account/Lockout", page.Path);
        Assert.Contains("Locked out", page.Html);
    }

    [Fact]
    public async Task Five_wrong_passwords_set_the_lockout_end_in_the_database()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = app.NewClient();

        for (var i = 0; i < 5; i++) await client.LogInAsync(email, WrongPassword);

        var lockoutEnd = (await app.FindUserAsync(email))!.LockoutEnd;
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = app.NewClient();
        for (var i = 0; i < 4; i++) await client.LogInAsync(email, WrongPassword);

        var response = await client.LogInAsync(email, DemoAccounts.Password);

        Assert.Equal("/", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Deactivated_account_is_told_so()
    {
        var email = await app.CreateLoginAsync(Roles.Staff, deactivated: true);
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.LogInAsync(email, DemoAccounts.Password));

        Assert.Equal("/Account/Login", page.Path);
        Assert.Contains(page.Messages, m => m.Contains("deactivated", StringComparison.Ordinal));
    }
}
