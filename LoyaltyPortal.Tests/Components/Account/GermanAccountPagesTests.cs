using System.Net;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>
/// The account pages for a German browser: validation, Identity's own messages, status messages carried across a
/// redirect, and the account emails, all in German; an English browser still gets English.
/// </summary>
public sealed class GermanAccountPagesTests : IAsyncDisposable
{
    private const string PublicBase = "https://portal.example/";

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["Portal:PublicBaseUrl"] = PublicBase,
        ["Database:DemoMembers"] = "0",
    }, recordEmails: true);

    [Fact]
    public async Task German_join_form_names_every_missing_field_in_German()
    {
        using var client = Client("de-DE,de;q=0.9");

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.PreferredName"] = "", ["Input.Email"] = "", ["Input.Password"] = "", ["Input.ConfirmPassword"] = "x",
        }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Bitte geben Sie den Namen ein, mit dem wir Sie ansprechen sollen.", page.Messages);
        Assert.Contains("Bitte geben Sie eine E-Mail-Adresse ein.", page.Messages);
        Assert.Contains("Bitte wählen Sie ein Passwort.", page.Messages);
        Assert.Contains("Das Passwort und die Bestätigung stimmen nicht überein.", page.Messages);
    }

    [Theory]
    [InlineData("de-DE", "Fehler: ", "Passwörter müssen mindestens eine Ziffer (0–9) enthalten.")]
    [InlineData("en-GB", "Error: ", "Passwords must have at least one digit ('0'-'9').")]
    public async Task A_weak_password_is_refused_in_the_browsers_language(string language, string prefix, string message)
    {
        using var client = Client(language);

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.PreferredName"] = "Robin Ash", ["Input.Email"] = $"{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "weakpassword", ["Input.ConfirmPassword"] = "weakpassword",
        }));

        Assert.Equal("/Account/Register", page.Path);
        Assert.Contains(page.Messages, m => m.StartsWith(prefix, StringComparison.Ordinal) && m.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("de-DE,de;q=0.9", "de")]
    [InlineData("en-GB", "en")]
    public async Task Joining_keeps_the_language_the_join_form_was_read_in_for_German_notifications_later(string browser, string stored)
    {
        using var client = Client(browser);
        var email = $"{Guid.NewGuid():N}@example.com";

        using var _ = await client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.PreferredName"] = "Robin Ash", ["Input.Email"] = email, ["Input.Password"] = "Str0ng!pass", ["Input.ConfirmPassword"] = "Str0ng!pass",
        });

        await using var db = await app.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(stored, await db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("de-DE", "Setzen Sie Ihr Passwort zurück", "Neues Passwort wählen")]
    [InlineData("en-GB", "Reset your password", "Choose a new password")]
    public async Task The_password_reset_email_is_in_the_language_of_the_person_asking(string language, string subject, string linkText)
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);
        using var client = Client(language);

        using var _ = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        var mail = Assert.Single(app.Emails!.Sent, m => m.To == email);
        Assert.Equal(subject, mail.Subject);
        Assert.Contains($">{linkText}</a>", WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
        Assert.StartsWith(PublicBase + "Account/ResetPassword?code=", PublicLinkTests.LinkIn(mail.HtmlBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_confirmation_after_a_redirect_keeps_its_umlauts()
    {
        var email = await TestLogins.CreateMemberAsync(app, emailConfirmed: true);
        using var client = Client("de-DE");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(email, TestLogins.Password)).StatusCode);

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = TestLogins.Password, ["Input.NewPassword"] = "Neues#Pass2026", ["Input.ConfirmPassword"] = "Neues#Pass2026",
        }));

        Assert.Equal("/Account/Manage/ChangePassword", page.Path);
        Assert.Equal("Ihr Passwort wurde geändert.", page.Document.QuerySelector(".account-alert .mud-alert-message")?.TextContent.Trim());
    }

    private PortalClient Client(string acceptLanguage)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return new PortalClient(http);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
