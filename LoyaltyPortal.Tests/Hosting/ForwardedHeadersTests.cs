using System.Net;
using LoyaltyPortal.Data.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>
/// X-Forwarded-For is believed only from configured proxies: otherwise a client could pick a new address for every
/// post and never meet the rate limit.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncDisposable
{
    private const int Limit = 3;
    private const string ProxyAddress = "203.0.113.9";

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["RateLimiting:AuthPermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:AuthWindowSeconds"] = "300",
        ["Database:DemoMembers"] = "0",
    });

    [Fact]
    public async Task A_forged_forwarded_for_does_not_dodge_the_limit_by_default()
    {
        var statuses = await LogInFromRotatingForwardedAddressesAsync(Behind(proxies: null));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_configured_proxy_is_believed_so_its_clients_are_limited_apart()
    {
        var statuses = await LogInFromRotatingForwardedAddressesAsync(Behind(proxies: ProxyAddress));

        Assert.All(statuses, status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
    }

    [Fact]
    public async Task A_configured_network_is_believed_too()
    {
        var statuses = await LogInFromRotatingForwardedAddressesAsync(Behind(proxies: null, networks: "203.0.113.0/24"));

        Assert.All(statuses, status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
    }

    /// <summary>The app as seen through a connection from <see cref="ProxyAddress"/> (the test server has no remote address of its own).</summary>
    private WebApplicationFactory<Program> Behind(string? proxies, string? networks = null) => app.WithWebHostBuilder(web =>
    {
        if (proxies is not null) web.UseSetting("ForwardedHeaders:KnownProxies", proxies);
        if (networks is not null) web.UseSetting("ForwardedHeaders:KnownNetworks", networks);
        web.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ConnectionFrom>());
    });

    private static async Task<List<HttpStatusCode>> LogInFromRotatingForwardedAddressesAsync(WebApplicationFactory<Program> factory)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= Limit + 2; i++)
        {
            var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i}");
            using var client = new PortalClient(http);
            using var response = await client.LogInAsync(DemoAccounts.Member.Email, "Wrong#Guess1");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private sealed class ConnectionFrom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ProxyAddress);
                return nextMiddleware(context);
            });
            next(builder);
        };
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
