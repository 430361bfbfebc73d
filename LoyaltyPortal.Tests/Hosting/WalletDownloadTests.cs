using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Pass.Wallet;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>The wallet downloads in the app as shipped, with no wallet set up: a clear refusal, never an error page.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class WalletDownloadTests(PortalApp app)
{
    [Theory]
    [InlineData(WalletEndpoints.ApplePath, WalletPassService.AppleNotSetUp)]
    [InlineData(WalletEndpoints.GooglePath, WalletPassService.GoogleNotSetUp)]
    public async Task Wallet_download_when_not_set_up_is_a_not_found_problem_that_says_why(string path, string message)
    {
        using var response = await (await app.ClientAsync(Roles.Member)).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WalletEndpoints.ApplePath)]
    [InlineData(WalletEndpoints.GooglePath)]
    public async Task Wallet_download_for_an_anonymous_caller_goes_to_login(string path)
    {
        using var response = await app.NewClient().GetAsync(path);

        Assert.True(PortalClient.IsLoginPage(response.Headers.Location), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Wallet_download_is_refused_to_staff()
    {
        using var response = await (await app.ClientAsync(Roles.Staff)).GetAsync(WalletEndpoints.ApplePath);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
