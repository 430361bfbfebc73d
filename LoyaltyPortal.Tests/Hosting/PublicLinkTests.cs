using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Links in emails come from Portal:PublicBaseUrl, whatever Host header the request carried.</summary>
public sealed partial class PublicLinkTests : IAsyncDisposable
{
    private const string PublicBase = "https://portal.example/";
    private const string ForgedHost = "evil.example";

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["Portal:PublicBaseUrl"] = PublicBase,
        ["Database:DemoMembers"] = "0",
    }, recordEmails: true);

    [Fact]
    public async Task Forgot_password_with_a_forged_host_emails_a_link_to_the_public_base_url()
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);
        using var attacker = ForgedHostClient();

        using var response = await attacker.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        var mail = Assert.Single(app.Emails!.Sent, m => m.To == email);
        Assert.DoesNotContain(ForgedHost, mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(PublicBase + "Account/ResetPassword?code=", LinkIn(mail.HtmlBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_confirmation_with_a_forged_host_emails_a_link_to_the_public_base_url()
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: false);
        using var attacker = ForgedHostClient();

        using var response = await attacker.SubmitAsync("/Account/ResendEmailConfirmation", "resend-email-confirmation",
            new Dictionary<string, string> { ["Input.Email"] = email });

        var mail = Assert.Single(app.Emails!.Sent, m => m.To == email);
        Assert.DoesNotContain(ForgedHost, mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^" + Regex.Escape(PublicBase) + @"Account/ConfirmEmail\?userId=[^&]+&code=", LinkIn(mail.HtmlBody));
    }

    /// <summary>The link as a mail client follows it: the href, HTML-decoded once.</summary>
    public static string LinkIn(string html) => System.Net.WebUtility.HtmlDecode(HrefRegex().Match(html).Groups[1].Value);

    private PortalClient ForgedHostClient() => new(app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"http://{ForgedHost}/"), AllowAutoRedirect = false, HandleCookies = true,
    }));

    [GeneratedRegex("href='([^']*)'")]
    private static partial Regex HrefRegex();

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
