using System.Net;
using AngleSharp.Dom;
using LoyaltyPortal.Data;
using LoyaltyPortal.Tests.Hosting;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>
/// The Identity pages are static SSR and Bootstrap is not loaded: they must be built from MudBlazor and the
/// account-* field styles, or they render as bare HTML beside the rest of the app.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class AccountPagesLookTests(PortalApp app)
{
    private static readonly string[] BootstrapClasses =
    [
        "form-control", "form-floating", "form-label", "btn", "btn-primary", "btn-lg", "row", "col-lg-6",
        "alert-danger", "text-danger", "nav-pills",
    ];

    [Theory]
    [InlineData("/Account/Login", null)]
    [InlineData("/Account/Register", null)]
    [InlineData("/Account/ForgotPassword", null)]
    [InlineData("/Account/Lockout", null)]
    [InlineData("/Account/Manage", Roles.Member)]
    [InlineData("/Account/Manage/Email", Roles.Member)]
    [InlineData("/Account/Manage/Passkeys", Roles.Member)]
    [InlineData("/Account/Manage/TwoFactorAuthentication", Roles.Member)]
    public async Task Account_page_uses_MudBlazor_and_no_Bootstrap_classes(string url, string? role)
    {
        var page = await (role is null ? app.NewClient() : await app.ClientAsync(role)).GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(url, page.Path);
        var classes = page.Document.QuerySelectorAll("[class]").SelectMany(e => e.ClassList).ToHashSet();
        var left = string.Join(", ", BootstrapClasses.Where(classes.Contains));
        Assert.True(left.Length == 0, $"Bootstrap classes on {url}: {left}");
        Assert.NotNull(page.Document.QuerySelector(".mud-paper.account-surface h1.mud-typography"));
    }

    [Fact]
    public async Task Sign_in_page_has_product_wording_a_mud_submit_button_and_labelled_fields()
    {
        var page = await app.NewClient().GetPageAsync("/Account/Login");
        var document = page.Document;

        Assert.Equal("Sign in", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Sign in", document.Title);
        Assert.Contains("Use the email and password for your LoyaltyPortal account.", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Use a local account", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Log in", page.Html, StringComparison.Ordinal);
        var submits = document.QuerySelectorAll("form button.mud-button-root[type=submit]");
        var submit = Assert.Single(submits, b => b.TextContent.Trim() == "Sign in");
        Assert.Contains("mud-button-filled-primary", submit.ClassList);
        Assert.Contains(document.QuerySelectorAll("button[type=submit]"), b => b.TextContent.Trim() == "Sign in with a passkey");
        AssertLabelledAbove(document, "Input.Email", "Input.Password");
    }

    [Fact]
    public async Task Join_page_keeps_its_fields_and_consents_as_real_form_inputs()
    {
        var page = await app.NewClient().GetPageAsync("/Account/Register");
        var document = page.Document;

        Assert.Equal("Join the programme", document.QuerySelector("h1")!.TextContent.Trim());
        AssertLabelledAbove(document,
            "Input.PreferredName", "Input.Email", "Input.Phone", "Input.ReferralCode", "Input.Password", "Input.ConfirmPassword");
        Assert.Equal(2, document.QuerySelectorAll(".account-check input[type=checkbox][name^='Input.Consent']").Length);
        var submits = document.QuerySelectorAll("form button.mud-button-root[type=submit]");
        Assert.Single(submits, b => b.TextContent.Trim() == "Create my membership");
        Assert.Equal("Sign in", document.QuerySelector(".mud-link[href='Account/Login']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Wrong_password_shows_a_MudBlazor_error_alert()
    {
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.LogInAsync("nobody@example.com", "Wrong#Guess1"));

        var alert = Assert.Single(page.Document.QuerySelectorAll(".mud-alert[role=alert]"));
        Assert.Contains("mud-alert-text-error", alert.ClassList);
        Assert.Contains("Invalid login attempt.", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_settings_show_the_section_list_as_navigation_with_the_current_section_marked()
    {
        var page = await (await app.ClientAsync(Roles.Member)).GetPageAsync("/Account/Manage/Email");

        var links = page.Document.QuerySelectorAll("nav[aria-label='Account settings'] a.mud-nav-link");
        Assert.Contains(links, a => a.TextContent.Trim() == "Profile" && !a.ClassList.Contains("active"));
        Assert.Contains(links, a => a.TextContent.Trim() == "Email" && a.ClassList.Contains("active"));
    }

    /// <summary>Each input has a visible label right before it (not a floating placeholder), as the account-field style expects.</summary>
    private static void AssertLabelledAbove(IDocument document, params string[] ids)
    {
        foreach (var id in ids)
        {
            var input = document.GetElementById(id);
            Assert.True(input is not null, $"No input {id}");
            Assert.Contains("account-input", input.ClassList);
            Assert.Equal(id, input.GetAttribute("name"));
            var label = input.PreviousElementSibling;
            Assert.True(label is { LocalName: "label" } && label.GetAttribute("for") == id, $"{id} has no label above it");
            Assert.Contains("account-field", input.ParentElement!.ClassList);
        }
    }
}
