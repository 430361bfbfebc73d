using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Tests.Hosting;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>The language choice in account settings, which members, staff and managers all have.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class AccountLanguageTests(PortalApp app)
{
    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Manager)]
    public async Task Choosing_German_in_account_settings_applies_at_once_and_is_kept_on_the_account(string role)
    {
        var email = await app.CreateLoginAsync(role);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Manage", "profile", Profile("de")));

        Assert.Equal("/Account/Manage", page.Path);
        Assert.Equal("de", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Profil", page.Document.QuerySelector("h2")?.TextContent.Trim());
        Assert.Equal("Ihr Profil wurde aktualisiert.", page.Document.QuerySelector(".account-alert .mud-alert-message")?.TextContent.Trim());
        Assert.Equal("de", page.Document.QuerySelector("select#Input\\.Language option[selected]")?.GetAttribute("value"));
        Assert.Equal("de", (await app.FindUserAsync(email))!.Language);
    }

    [Fact]
    public async Task The_choice_follows_the_person_to_another_device_and_back_to_English()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using (var phone = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password))
        {
            await phone.SubmitAsync("/Account/Manage", "profile", Profile("de"));
        }

        using var laptop = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);
        Assert.Equal("de", (await laptop.GetPageAsync("/Account/Manage")).Document.DocumentElement.GetAttribute("lang"));

        var page = await laptop.FollowAsync(await laptop.SubmitAsync("/Account/Manage", "profile", Profile("en")));

        Assert.Equal(("en", "Your profile has been updated."),
            (page.Document.DocumentElement.GetAttribute("lang"), page.Document.QuerySelector(".account-alert .mud-alert-message")?.TextContent.Trim()));
        Assert.Equal("en", (await app.FindUserAsync(email))!.Language);
    }

    [Fact]
    public async Task Someone_who_never_chose_sees_the_language_of_the_page_selected()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        var page = await client.GetPageAsync("/Account/Manage");

        Assert.Equal(["en", "de"], page.Document.QuerySelectorAll("select#Input\\.Language option").Select(o => o.GetAttribute("value")));
        Assert.Equal("en", page.Document.QuerySelector("select#Input\\.Language option[selected]")?.GetAttribute("value"));
        Assert.Null((await app.FindUserAsync(email))!.Language);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de-DE\r\nX: y")]
    public async Task A_language_the_portal_does_not_have_is_refused_beside_the_field(string language)
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Manage", "profile", Profile(language)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Choose one of the languages in the list.", page.Messages);
        Assert.Null((await app.FindUserAsync(email))!.Language);
    }

    private static Dictionary<string, string> Profile(string language) => new() { ["Input.PhoneNumber"] = "", ["Input.Language"] = language };
}
