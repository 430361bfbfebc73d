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

    [Theory]
    [InlineData("/Account/ForgotPassword", "forgot-password")]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation")]
    public async Task Account_email_posts_past_the_limit_get_429(string page, string form)
    {
        using var client = PortalClient.For(app);
        var fields = new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" };
        for (var i = 0; i < Limit; i++) await client.SubmitAsync(page, form, fields);

        using var response = await client.SubmitAsync(page, form, fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Signed_in_users_are_limited_each_on_their_own_not_by_their_shared_address()
    {
        // Both sign in from the same address (the test server's), as two staff behind one shop router would.
        using var first = await PortalClient.SignedInAsync(app, DemoAccounts.Staff.Email, DemoAccounts.Password);
        using var second = await PortalClient.SignedInAsync(app, DemoAccounts.Manager.Email, DemoAccounts.Password);

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            using var response = await ChangeEmailAsync(first);
            firstStatuses.Add(response.StatusCode);
        }
        using var secondResponse = await ChangeEmailAsync(second);

        Assert.All(firstStatuses.Take(Limit), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, firstStatuses[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, secondResponse.StatusCode);
    }

    private static Task<HttpResponseMessage> ChangeEmailAsync(PortalClient client) =>
        client.SubmitAsync("/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = $"{Guid.NewGuid():N}@example.com" });

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
