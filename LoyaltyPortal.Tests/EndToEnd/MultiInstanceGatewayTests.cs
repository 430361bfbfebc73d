using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// Browsers through LoyaltyPortal.Gateway: each stays on one instance (page, negotiate, WebSocket, reconnect), and an
/// instance that reports unready gets no new sessions. Which instance served a request is read from the instances' own
/// request logs, found by a query string that only that request carries.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public sealed class MultiInstanceGatewayTests(MultiInstanceFixture cluster)
{
    [Fact]
    public async Task MultiInstance_through_the_gateway_a_browsers_page_websocket_and_reconnect_stay_on_one_instance()
    {
        await cluster.BothRoutableAsync();
        // The browser's own network, which can drop, in front of the gateway.
        await using var network = new CuttableProxy(new Uri(cluster.GatewayUrl).Port);
        var page = await cluster.NewPageAsync($"http://127.0.0.1:{network.Port}", 390, 844);
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };

        var first = Probe();
        await page.GotoAsync($"/Account/Login?probe={first}");
        var home = await cluster.ServedByAsync(first);
        var away = cluster.Other(home);
        await SignInAsync(page);
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // The network drops and comes back: Blazor reconnects to the circuit it left, without a reload.
        network.Cut();
        var modal = page.Locator("#components-reconnect-modal");
        await Expect(modal).ToHaveAttributeAsync("open", "", new() { Timeout = 30_000 });
        network.Restore();
        await Expect(modal).Not.ToHaveAttributeAsync("open", "", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded instead of reconnected.");

        var later = Probe();
        await page.GotoAsync($"/me/benefits?probe={later}");
        await new Shell(page).WaitUntilInteractiveAsync();

        Assert.Same(home, await cluster.ServedByAsync(later));
        // Each WebSocket names the connection its negotiate opened, and an instance refuses a connection it did not
        // open: so a socket served by `home` had its negotiate served there too.
        List<string> circuits;
        lock (sockets) circuits = sockets.Select(url => url[url.IndexOf("/_blazor", StringComparison.Ordinal)..]).ToList();
        Assert.True(circuits.Count >= 3, $"Expected the first page's socket, its reconnect and the later page's; saw {circuits.Count}.");
        Assert.All(circuits, circuit =>
            Assert.True(home.Served(circuit) && !away.Served(circuit), $"{circuit} was not served by {home.Name} alone."));

        // Meanwhile a new browser goes to the other instance (it has fewer open pages): only the cookie kept the first home.
        var other = await cluster.NewPageAsync(cluster.GatewayUrl);
        var stranger = Probe();
        await other.GotoAsync($"/Account/Login?probe={stranger}");
        Assert.Same(away, await cluster.ServedByAsync(stranger));
    }

    [Fact]
    public async Task MultiInstance_through_the_gateway_an_instance_that_reports_unready_gets_no_new_sessions()
    {
        await cluster.BothRoutableAsync();
        // A member's live page holds a WebSocket open on one instance, so the gateway would send a new session to the other.
        var member = await cluster.NewPageAsync(cluster.GatewayUrl, 390, 844);
        var first = Probe();
        await member.GotoAsync($"/Account/Login?probe={first}");
        var busy = await cluster.ServedByAsync(first);
        var idle = cluster.Other(busy);
        await SignInAsync(member);
        await new Shell(member).WaitUntilInteractiveAsync();
        Assert.Same(idle, await NewSessionAsync());

        // The idle instance loses its database: its readiness fails, and the gateway's probe sees it.
        idle.Database.Cut();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await cluster.IsReadyAsync(idle))
            {
                Assert.True(DateTime.UtcNow < deadline, $"{idle.Name} stayed ready without its database.");
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
            await cluster.GatewaySeesAsync(idle, healthy: false);

            for (var i = 0; i < 3; i++) Assert.Same(busy, await NewSessionAsync());
        }
        finally
        {
            idle.Database.Restore();
        }

        // Ready again, it takes new sessions again.
        await cluster.BothRoutableAsync();
        Assert.Same(idle, await NewSessionAsync());
    }

    /// <summary>A browser with no cookies opens the sign-in page through the gateway; the instance that served it.</summary>
    private async Task<MultiInstanceFixture.Instance> NewSessionAsync()
    {
        var page = await cluster.NewPageAsync(cluster.GatewayUrl);
        var probe = Probe();
        var response = await page.GotoAsync($"/Account/Login?probe={probe}");
        Assert.Equal(200, response!.Status);
        await page.Context.CloseAsync();
        return await cluster.ServedByAsync(probe);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.FillAsync("#Input\\.Email", DemoAccounts.Member.Email);
        await page.FillAsync("#Input\\.Password", DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/me");
    }

    private static string Probe() => "probe" + Guid.NewGuid().ToString("N");
}
