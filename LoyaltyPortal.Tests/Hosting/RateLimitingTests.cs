using System.Net;
using LoyaltyPortal.Data.Seeding;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Sign-in and registration posts are limited per client; reading pages and health checks are not.</summary>
public sealed class RateLimitingTests : IAsyncDisposable
{
    private const int Limit = 3;

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["RateLimiting:AuthPermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:AuthWindowSeconds"] = "300",
        ["Database:DemoMembers"] = "0",
    });

    [Fact]
    public async Task Login_posts_past_the_limit_get_429_with_a_readable_message()
    {
        using var client = PortalClient.For(app);
        for (var i = 0; i < Limit; i++) await client.LogInAsync(DemoAccounts.Member.Email, "Wrong#Guess1");

        using var response = await client.LogInAsync(DemoAccounts.Member.Email, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too many attempts from your network. Please wait a minute and try again.",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Register_posts_past_the_limit_get_429()
    {
        using var client = PortalClient.For(app);
        var form = new Dictionary<string, string> { ["Input.PreferredName"] = "", ["Input.Email"] = "" };
        for (var i = 0; i < Limit; i++) await client.SubmitAsync("/Account/Register", "register", form);

        using var response = await client.SubmitAsync("/Account/Register", "register", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Posts_within_the_limit_are_served()
    {
        using var client = PortalClient.For(app);
        for (var i = 0; i < Limit - 1; i++) await client.LogInAsync(DemoAccounts.Member.Email, "Wrong#Guess1");

        using var response = await client.LogInAsync(DemoAccounts.Member.Email, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_page_reads_are_not_limited()
    {
        using var client = await ExhaustPostLimitAsync();

        var statuses = await ReadRepeatedlyAsync(client, "/Account/Login");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Health_is_not_limited()
    {
        using var client = await ExhaustPostLimitAsync();

        var statuses = await ReadRepeatedlyAsync(client, "/health");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private async Task<PortalClient> ExhaustPostLimitAsync()
    {
        var client = PortalClient.For(app);
        HttpStatusCode status;
        do
        {
            using var response = await client.LogInAsync(DemoAccounts.Member.Email, "Wrong#Guess1");
            status = response.StatusCode;
        } while (status != HttpStatusCode.TooManyRequests);
        return client;
    }

    private static async Task<List<HttpStatusCode>> ReadRepeatedlyAsync(PortalClient client, string url)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit * 3; i++)
        {
            using var response = await client.GetAsync(url);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
