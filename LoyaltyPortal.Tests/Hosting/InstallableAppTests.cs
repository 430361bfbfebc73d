using System.Net;
using System.Text.Json;
using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using MudBlazor.Utilities;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>The installable member app: every kind of page links one valid manifest whose icons exist, and the service worker is served.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class InstallableAppTests(PortalApp app)
{
    public static TheoryData<string, string?> PageKinds => new()
    {
        { "/", null },                     // interactive, signed out
        { "/Account/Login", null },        // Identity, static
        { "/Account/Register", null },     // Identity, static
        { "/counter", Roles.Staff },       // static SSR with an interactive island
        { "/me/pass", Roles.Member },      // interactive, signed in
        { "/Account/Manage", Roles.Member }, // Identity manage pages, static
    };

    [Theory, MemberData(nameof(PageKinds))]
    public async Task Every_kind_of_page_links_the_manifest_and_touch_icon(string path, string? role)
    {
        var page = await (await app.ClientAsync(role)).GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(path, page.Path);
        Assert.Equal("manifest.webmanifest", page.Document.QuerySelector("head link[rel=manifest]")?.GetAttribute("href"));
        Assert.Equal("icons/apple-touch-icon.png", page.Document.QuerySelector("head link[rel=apple-touch-icon]")?.GetAttribute("href"));
        Assert.Equal("#0B6E4F", page.Document.QuerySelector("head meta[name=theme-color]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Manifest_is_valid_json_with_the_members_an_installable_app_needs()
    {
        using var manifest = await ManifestAsync();
        var root = manifest.RootElement;

        Assert.Equal("LoyaltyPortal", root.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        Assert.Equal("/me", root.GetProperty("start_url").GetString());
        Assert.Equal("/", root.GetProperty("scope").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        // The portal theme's primary colour and light background.
        Assert.Equal(PortalTheme.Theme.PaletteLight.Primary.ToString(MudColorOutputFormats.Hex),
            root.GetProperty("theme_color").GetString(), ignoreCase: true);
        Assert.Equal(PortalTheme.Theme.PaletteLight.Background.ToString(MudColorOutputFormats.Hex),
            root.GetProperty("background_color").GetString(), ignoreCase: true);

        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192" && i.GetProperty("purpose").GetString() == "any");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "any");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192" && i.GetProperty("purpose").GetString() == "maskable");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "maskable");
    }

    [Fact]
    public async Task Every_icon_in_the_manifest_and_the_touch_icon_is_served_as_an_image_of_its_stated_type()
    {
        using var manifest = await ManifestAsync();
        var client = app.NewClient();
        var icons = manifest.RootElement.GetProperty("icons").EnumerateArray()
            .Select(i => (Src: i.GetProperty("src").GetString()!, Type: i.GetProperty("type").GetString()!))
            .Append(("/icons/apple-touch-icon.png", "image/png"));

        foreach (var (src, type) in icons)
        {
            using var response = await client.GetAsync(src);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{src}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            if (type == "image/png") Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }

    [Theory]
    [InlineData("/sw.js", "text/javascript")]
    [InlineData("/offline.html", "text/html")]
    public async Task Service_worker_and_offline_page_are_served(string path, string type)
    {
        using var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signing_in_without_a_return_address_lands_on_the_role_home()
    {
        var email = await app.CreateLoginAsync(Roles.Staff);
        var client = app.NewClient();

        var signIn = await client.LogInAsync(email, DemoAccounts.Password);
        var landed = await client.GetPageAsync(signIn.Headers.Location!.OriginalString);

        Assert.Equal("/counter", landed.Path);
    }

    private async Task<JsonDocument> ManifestAsync()
    {
        using var response = await app.NewClient().GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
