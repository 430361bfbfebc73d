using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Requests an attacker would send by hand: a hostile logout return address, a draft's picture.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class SmallHolesTests(PortalApp app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Theory]
    [InlineData("/evil.example")]
    [InlineData("\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("\t/evil.example")]
    public async Task Logout_with_a_hostile_return_url_signs_out_and_stays_on_this_site(string returnUrl)
    {
        using var client = await PortalClient.SignedInAsync(app.Factory, await app.CreateLoginAsync(Roles.Member), DemoAccounts.Password);

        using var response = await client.SubmitAsync("/me", "Account/Logout", new Dictionary<string, string> { ["ReturnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, $"Redirected off-site to {location}");
        Assert.StartsWith("/", location.OriginalString, StringComparison.Ordinal);
        Assert.False(location.OriginalString.Length > 1 && location.OriginalString[1] is '/' or '\\', $"Redirected to {location}");
        Assert.True(PortalClient.IsLoginPage((await client.GetAsync("/me")).Headers.Location), "Still signed in after logging out");
    }

    [Fact]
    public async Task Logout_returns_to_the_page_it_came_from()
    {
        using var client = await PortalClient.SignedInAsync(app.Factory, await app.CreateLoginAsync(Roles.Member), DemoAccounts.Password);

        using var response = await client.SubmitAsync("/me", "Account/Logout", new Dictionary<string, string> { ["ReturnUrl"] = "me/bookings" });

        Assert.Equal((HttpStatusCode.Redirect, "/me/bookings"), (response.StatusCode, response.Headers.Location?.OriginalString));
    }

    [Theory]
    [InlineData(Roles.Member, HttpStatusCode.NotFound)]
    [InlineData(Roles.Staff, HttpStatusCode.NotFound)]
    [InlineData(Roles.Manager, HttpStatusCode.OK)]
    public async Task A_draft_benefit_picture_is_served_to_managers_only(string role, HttpStatusCode expected)
    {
        var draftId = await AddBenefitWithImageAsync(BenefitStatus.Draft);

        using var response = await (await app.ClientAsync(role)).GetAsync($"/benefits/{draftId}/image");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_published_benefit_picture_is_served_to_members()
    {
        var publishedId = await AddBenefitWithImageAsync(BenefitStatus.Published);

        using var response = await (await app.ClientAsync(Roles.Member)).GetAsync($"/benefits/{publishedId}/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_versioned_picture_address_is_cached_long_and_never_sniffed()
    {
        var publishedId = await AddBenefitWithImageAsync(BenefitStatus.Published);

        using var response = await (await app.ClientAsync(Roles.Member)).GetAsync($"/benefits/{publishedId}/image?v=1");

        var cache = response.Headers.CacheControl!;
        Assert.Equal((true, TimeSpan.FromDays(30), true), (cache.Private, cache.MaxAge, cache.Extensions.Any(e => e.Name == "immutable")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_built_in_illustration_redirects_to_its_static_svg()
    {
        var publishedId = await AddBenefitWithImageAsync(BenefitStatus.Published, BenefitIllustrations.RunClub);
        var client = await app.ClientAsync(Roles.Member);

        using var response = await client.GetAsync($"/benefits/{publishedId}/image");
        using var file = await client.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal((HttpStatusCode.Redirect, "/img/benefits/run-club.svg"), (response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (file.StatusCode, file.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task An_unknown_illustration_name_is_not_turned_into_a_path()
    {
        var publishedId = await AddBenefitWithImageAsync(BenefitStatus.Published, "../appsettings.json");

        using var response = await (await app.ClientAsync(Roles.Member)).GetAsync($"/benefits/{publishedId}/image");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> AddBenefitWithImageAsync(BenefitStatus status, string? illustration = null)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var benefit = new Benefit
        {
            Kind = BenefitKind.Event, Status = status, Title = $"Secret launch {Guid.NewGuid():N}", Description = "Not announced yet.",
            StartsAt = now.AddDays(30), EndsAt = now.AddDays(30).AddHours(2), Capacity = 10, CreatedAt = now, UpdatedAt = now,
        };
        db.Benefits.Add(benefit);
        await db.SaveChangesAsync();
        db.BenefitImages.Add(illustration is null
            ? new BenefitImage { BenefitId = benefit.Id, ContentType = "image/png", Data = Png, UpdatedAt = now }
            : new BenefitImage { BenefitId = benefit.Id, ContentType = "image/svg+xml", Illustration = illustration, UpdatedAt = now });
        await db.SaveChangesAsync();
        return benefit.Id;
    }
}
