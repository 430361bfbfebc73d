using System.Globalization;
using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Which language a person gets: their browser's, their own choice, and that choice kept on their account.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class LocalisationTests(PortalApp app)
{
    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "de", "Anmelden")]
    [InlineData("de-AT", "de", "Anmelden")]
    [InlineData("en-US,en;q=0.9", "en", "Sign in")]
    [InlineData("fr-FR,fr;q=0.9", "en", "Sign in")]
    [InlineData("fr-FR,de;q=0.5", "de", "Anmelden")]
    [InlineData("", "en", "Sign in")]
    [InlineData("de;q=0", "en", "Sign in")]
    public async Task The_sign_in_page_comes_in_the_browsers_language(string acceptLanguage, string lang, string heading)
    {
        using var http = app.Factory.CreateClient();
        if (acceptLanguage.Length > 0) http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = new PortalPage(HttpStatusCode.OK, new Uri("http://localhost/"), await http.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken));

        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task German_validation_messages_on_the_German_sign_in_page()
    {
        using var client = GermanClient();

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Login", "login",
            new Dictionary<string, string> { ["Input.Email"] = "not an address", ["Input.Password"] = "" }));

        Assert.Contains("Bitte geben Sie Ihr Passwort ein.", page.Messages);
        Assert.Contains(page.Messages, m => m.StartsWith("Bitte geben Sie eine gültige E-Mail-Adresse ein", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("de-DE", "Schließen", "Zeilen pro Seite:", "Seite 3")]
    [InlineData("en-GB", "Close", "Rows per page:", "Page 3")]
    public void Localized_MudBlazor_texts_come_in_the_readers_language(string culture, string close, string rowsPerPage, string page)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var scope = app.Factory.Services.CreateScope();
            var interceptor = scope.ServiceProvider.GetRequiredService<ILocalizationInterceptor>();

            Assert.Equal(close, interceptor.Handle("MudDialog_Close").Value);
            Assert.Equal(rowsPerPage, interceptor.Handle("MudDataGridPager_RowsPerPage").Value);
            Assert.Equal(page, interceptor.Handle("MudPagination_PageIndex", 3).Value);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Fact]
    public async Task An_anonymous_switch_keeps_the_page_and_beats_the_browser()
    {
        using var client = app.NewClient();

        using var response = await client.SubmitAsync("/Account/Login?ReturnUrl=%2Fme", PortalLanguages.SwitchPath,
            new Dictionary<string, string> { ["language"] = "de" });

        Assert.Equal((HttpStatusCode.Redirect, "/Account/Login?ReturnUrl=%2Fme"), (response.StatusCode, response.Headers.Location?.OriginalString));
        var page = await client.GetPageAsync("/Account/Login");
        Assert.Equal("Anmelden", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("\t/evil.example")]
    public async Task A_hostile_return_address_stays_on_this_site(string returnUrl)
    {
        using var client = app.NewClient();

        using var response = await client.SubmitAsync("/Account/Login", PortalLanguages.SwitchPath,
            new Dictionary<string, string> { ["language"] = "de", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.False(response.Headers.Location.IsAbsoluteUri, $"Redirected off-site to {location}");
        Assert.True(location.StartsWith('/') && (location.Length == 1 || location[1] is not ('/' or '\\')), $"Redirected to {location}");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("de-DE\r\nSet-Cookie: x=y")]
    [InlineData("de\n")]
    public async Task An_unknown_language_is_refused(string language)
    {
        using var client = app.NewClient();

        using var response = await client.SubmitAsync("/Account/Login", PortalLanguages.SwitchPath,
            new Dictionary<string, string> { ["language"] = language });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_switch_without_the_antiforgery_token_is_refused()
    {
        using var client = app.NewClient();

        using var response = await client.PostAsync(PortalLanguages.SwitchPath, [KeyValuePair.Create("language", "de")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_kept_on_the_account_and_follows_them_to_another_device()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using (var phone = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password))
        {
            using var response = await phone.SubmitAsync("/me", PortalLanguages.SwitchPath, new Dictionary<string, string> { ["language"] = "de" });
            Assert.Equal((HttpStatusCode.Redirect, "/me"), (response.StatusCode, response.Headers.Location?.OriginalString));
            Assert.Equal("de", (await phone.GetPageAsync("/me")).Document.DocumentElement.GetAttribute("lang"));
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.Equal("de", (await users.FindByEmailAsync(email))!.Language);
        }

        // A laptop whose browser asks for English: the account's language wins once signed in.
        using var laptop = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);
        Assert.Equal("de", (await laptop.GetPageAsync("/me")).Document.DocumentElement.GetAttribute("lang"));
    }

    private PortalClient GermanClient()
    {
        var http = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        return new PortalClient(http);
    }
}
