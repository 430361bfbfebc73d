using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>One address gets only a few account emails an hour, however many clients ask for them.</summary>
public sealed class AccountEmailLimitTests : IAsyncDisposable
{
    private const int PerAddress = 3;

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["RateLimiting:EmailsPerAddressPerHour"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:DemoMembers"] = "0",
    }, recordEmails: true);

    [Fact]
    public async Task Twelve_forgot_password_posts_for_one_address_send_only_the_hourly_share()
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);

        for (var i = 0; i < 12; i++)
        {
            // A fresh client each time, as an attacker rotating addresses and cookies would.
            using var client = PortalClient.For(app);
            using var response = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.True(PortalClient.IsRedirect(response.StatusCode), $"Post {i + 1} answered {(int)response.StatusCode}");
        }

        Assert.Equal(PerAddress, app.Emails!.Sent.Count(m => m.To == email));
    }

    [Fact]
    public async Task Resend_confirmation_posts_share_the_same_per_address_cap()
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: false);

        for (var i = 0; i < 12; i++)
        {
            using var client = PortalClient.For(app);
            using var response = await client.SubmitAsync("/Account/ResendEmailConfirmation", "resend-email-confirmation",
                new Dictionary<string, string> { ["Input.Email"] = email });
        }

        Assert.Equal(PerAddress, app.Emails!.Sent.Count(m => m.To == email));
    }

    [Fact]
    public async Task The_cap_is_per_address_so_others_still_get_theirs()
    {
        var flooded = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);
        var other = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);
        using var client = PortalClient.For(app);
        for (var i = 0; i < PerAddress + 2; i++)
        {
            using var _ = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = flooded });
        }

        using var response = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = other });

        Assert.Single(app.Emails!.Sent, m => m.To == other);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
