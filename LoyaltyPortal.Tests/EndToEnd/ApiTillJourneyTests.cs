using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.TillApi;
using LoyaltyPortal.Tests.Features.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StandardWebhooks;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// A till on the API, end to end: the manager makes the till's key and a webhook endpoint in the browser, the till finds
/// a member, sells (and replays the sale) and refunds, the member's open page follows live, and the receiver gets one
/// signed <c>purchase.recorded</c>; a receiver that fails at first gets the same message again, as the delivery log shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTillJourneyTests(BrowserFixture browser, TillAppFixture till) : IClassFixture<TillAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_till_sale_replay_and_refund_move_the_members_page_live_and_send_one_signed_Webhook()
    {
        // 1. A member joins on a phone and keeps My progress open: the 50-point head start.
        var email = $"till.{Guid.NewGuid():N}@example.com";
        var member = await PageAsync(390, 844);
        await new RegisterPage(member).FillAsync("Tilly Journey", email);
        await new RegisterPage(member).SubmitAsync();
        await member.WaitForURLAsync("**/me");
        await new Shell(member).WaitUntilInteractiveAsync();
        var ring = member.GetByRole(AriaRole.Progressbar, new() { Name = "Progress to Silver" });
        await Expect(ring).ToHaveAttributeAsync("aria-valuetext", "50 of 300 points to Silver, 16%. 250 to go.");

        // 2. The manager creates the till's key for Covent Garden and reads it off the dialog, where it is shown once.
        var manager = await PageAsync(1366, 900);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await manager.GotoAsync("/manager/api-keys");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "New key" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Till 1, Covent Garden");
        await dialog.Locator(".mud-input-control.mud-select", new() { HasTextRegex = new Regex("^Store") }).ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = "Covent Garden" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Record visits, sales and refunds" })).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(manager, "api-1-new-key-desktop");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var shownKey = dialog.GetByLabel("The till's API key");
        await Expect(shownKey).ToHaveValueAsync(new Regex("^lp_"));
        var key = await shownKey.InputValueAsync();
        await BrowserFixture.ScreenshotAsync(manager, "api-2-key-shown-once-desktop");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Row, new() { Name = "Till 1, Covent Garden" })).ToContainTextAsync(key[..10]);

        // 3. ... and points a webhook endpoint at the receiver, reading the signing secret, also shown once.
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await AddEndpointAsync(manager, "Till journey CRM", receiver.Url);
        await BrowserFixture.ScreenshotAsync(manager, "api-3-webhook-secret-desktop");

        // 4. The till finds the member by email.
        using var client = Till(key);
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/members/lookup?email={Uri.EscapeDataString(email)}", Ct);
        var code = found.GetProperty("memberCode").GetString()!;
        Assert.Equal("Tilly Journey", found.GetProperty("preferredName").GetString());
        Assert.Equal(50, found.GetProperty("tier").GetProperty("points").GetInt32());

        // 5. A £100 sale: the member's open page moves to 150 points without a reload.
        var sale = new PurchaseRequest(100m, "GBP", "T-" + Guid.NewGuid().ToString("N")[..10]);
        var idempotencyKey = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Post($"/api/v1/members/{code}/purchases", sale, idempotencyKey), Ct);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        Assert.False(first.Headers.Contains(ApiIdempotency.ReplayedHeader));
        await member.EvaluateAsync("() => { window.__sameDocument = true; }");
        var live = new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 };
        await Expect(ring).ToHaveAttributeAsync("aria-valuetext", "150 of 300 points to Silver, 50%. 150 to go.", live);
        await BrowserFixture.ScreenshotAsync(member, "api-4-after-till-sale-phone");

        // 6. The till retries the same sale (a lost answer): the stored answer comes back, and nothing new is recorded.
        using var replay = await client.SendAsync(Post($"/api/v1/members/{code}/purchases", sale, idempotencyKey), Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues(ApiIdempotency.ReplayedHeader)));
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal((1, 150), await PurchasesAndPointsAsync(code));

        // 7. The receiver gets purchase.recorded for the sale, signed with the secret the manager copied.
        var delivered = await ReceivedAsync(receiver, calls => calls.Any(c => IsPurchaseOf(c, code)), "purchase.recorded for the sale");
        var call = Assert.Single(delivered, c => IsPurchaseOf(c, code));
        new StandardWebhook(secret).Verify(call.Body, call.Headers);
        var data = JsonDocument.Parse(call.Body).RootElement.GetProperty("data");
        Assert.Equal((100m, 100), (data.GetProperty("amount").GetDecimal(), data.GetProperty("points").GetInt32()));

        // 8. The till refunds the whole sale: the page moves back to the head start, live.
        var refund = new RefundRequest(sale.TransactionReference, "R-" + Guid.NewGuid().ToString("N")[..10], null, null);
        using var refunded = await client.SendAsync(Post($"/api/v1/members/{code}/refunds", refund, Guid.NewGuid().ToString()), Ct);
        var refundBody = await refunded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        Assert.Equal("Refund of £100.00 recorded; 100 points taken back.", refundBody.GetProperty("message").GetString());
        await Expect(ring).ToHaveAttributeAsync("aria-valuetext", "50 of 300 points to Silver, 16%. 250 to go.", live);
        Assert.True(await member.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The member's page was reloaded.");
        var refundLine = member.GetByRole(AriaRole.List, new() { Name = "Recent activity" }).GetByRole(AriaRole.Listitem).First;
        await Expect(refundLine).ToContainTextAsync("Refund");
        await Expect(refundLine.Locator("strong")).ToHaveTextAsync("-100");
        await BrowserFixture.ScreenshotAsync(member, "api-5-after-refund-phone");

        // The replay sent nothing: still one purchase.recorded for this member, and the same one.
        Assert.Equal((1, 50), await PurchasesAndPointsAsync(code));
        Assert.Equal(call.Id, Assert.Single(receiver.Received, c => IsPurchaseOf(c, code)).Id);
    }

    [Fact]
    public async Task Webhook_receiver_failing_at_first_gets_the_same_message_again_and_the_log_shows_the_failure_then_delivery()
    {
        var manager = await PageAsync(1366, 900);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await manager.GotoAsync("/manager/webhooks");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusCode = 500;
        var name = "Flaky CRM " + Guid.NewGuid().ToString("N")[..6];
        var secret = await AddEndpointAsync(manager, name, receiver.Url);
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Delivery log for {name}" }).ClickAsync();
        await Expect(manager.Locator("#webhook-log")).ToContainTextAsync("Nothing sent yet");

        // A till sells to the demo member; the receiver answers 500 to the first call(s).
        using var client = Till(await NewKeyAsync());
        var lookup = $"/api/v1/members/lookup?email={Uri.EscapeDataString(DemoAccounts.Member.Email)}";
        var found = await client.GetFromJsonAsync<JsonElement>(lookup, Ct);
        var code = found.GetProperty("memberCode").GetString()!;
        var sale = new PurchaseRequest(12.50m, "GBP", "T-" + Guid.NewGuid().ToString("N")[..10]);
        using var sold = await client.SendAsync(Post($"/api/v1/members/{code}/purchases", sale, Guid.NewGuid().ToString()), Ct);
        Assert.Equal(HttpStatusCode.OK, sold.StatusCode);

        var failed = await ReceivedAsync(receiver, calls => calls.Any(c => IsPurchaseOf(c, code)), "the first call");
        var messageId = failed.First(c => IsPurchaseOf(c, code)).Id;
        var row = manager.Locator("#webhook-log tbody tr", new() { HasText = "purchase.recorded" });
        await RefreshUntilAsync(manager, row, "Retrying");
        await Expect(row).ToContainTextAsync("HTTP 500 Internal Server Error");
        await Expect(row.Locator("td[data-label=Response]")).ToHaveTextAsync("500");
        // On a wide screen the columns keep whole words, and the next attempt has a line of its own.
        await Expect(manager.Locator("#webhook-log th", new() { HasText = "Attempts" })).ToHaveCSSAsync("overflow-wrap", "normal");
        await Expect(row.Locator("td[data-label='Last / next attempt'] div")).ToHaveCSSAsync("display", "block");
        await BrowserFixture.ScreenshotAsync(manager, "webhook-1-retrying-desktop");

        // The receiver recovers: the next retry, with the same webhook-id, is delivered.
        receiver.StatusCode = 200;
        await RefreshUntilAsync(manager, row, "Delivered");
        await Expect(row.Locator("td[data-label=Response]")).ToHaveTextAsync("200");
        await Expect(row.Locator("td[data-label='Last error']")).ToHaveTextAsync("");
        var calls = receiver.Received.Where(c => IsPurchaseOf(c, code)).ToList();
        Assert.True(calls.Count >= 2, $"{calls.Count} call(s)");
        Assert.All(calls, c => Assert.Equal(messageId, c.Id));
        new StandardWebhook(secret).Verify(calls[^1].Body, calls[^1].Headers);
        var attempts = calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(row.Locator("td[data-label=Attempts]")).ToHaveTextAsync(attempts);
        await Expect(manager.GetByRole(AriaRole.Row, new() { Name = name })).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(manager, "webhook-2-delivered-desktop");
    }

    /// <summary>A browser context on the till app (not the shared one), at the given viewport.</summary>
    private async Task<IPage> PageAsync(int width, int height)
    {
        Assert.SkipWhen(browser.SkipReason is not null, browser.SkipReason ?? "");
        return await TestBrowserContexts.NewPageAsync(browser.Browser!, new BrowserNewContextOptions
        {
            BaseURL = till.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-GB",
        });
    }

    /// <summary>Adds an endpoint for purchase.recorded on /manager/webhooks and returns the signing secret shown once.</summary>
    private static async Task<string> AddEndpointAsync(IPage manager, string name, string url)
    {
        if (!manager.Url.EndsWith("/manager/webhooks", StringComparison.Ordinal))
        {
            await manager.GotoAsync("/manager/webhooks");
            await new Shell(manager).WaitUntilInteractiveAsync();
        }
        await manager.GetByRole(AriaRole.Button, new() { Name = "New endpoint" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("URL", new() { Exact = true }).FillAsync(url);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "purchase.recorded: A purchase was recorded" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Expect(manager.GetByText($"{name} will receive purchase.recorded.")).ToBeVisibleAsync();
        var secret = manager.GetByLabel("Signing secret");
        await Expect(secret).ToHaveValueAsync(new Regex("^whsec_"));
        await Expect(manager.GetByRole(AriaRole.Row, new() { Name = name })).ToContainTextAsync("purchase.recorded");
        return await secret.InputValueAsync();
    }

    /// <summary>A till key for Covent Garden, made by the service: the browser journey above makes one in the UI.</summary>
    private async Task<string> NewKeyAsync()
    {
        await using var db = await till.App.DbFactory.CreateDbContextAsync(Ct);
        var manager = await db.Users.Where(u => u.Email == DemoAccounts.Manager.Email).Select(u => u.Id).SingleAsync(Ct);
        var storeId = await db.Stores.Where(s => s.Name == "Covent Garden").Select(s => s.Id).SingleAsync(Ct);
        var caller = new Caller(manager, DemoAccounts.Manager.Name, new HashSet<string> { Roles.Manager }, storeId);
        var created = await till.App.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(caller, new NewApiKeyInput { Name = "Till " + Guid.NewGuid().ToString("N")[..6], StoreId = storeId }, Ct);
        Assert.True(created.Succeeded, created.Message);
        return created.Key!;
    }

    private HttpClient Till(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(till.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private static HttpRequestMessage Post(string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ApiIdempotency.Header, idempotencyKey);
        return request;
    }

    private static bool IsPurchaseOf(ReceivedWebhook call, string memberCode)
    {
        var root = JsonDocument.Parse(call.Body).RootElement;
        return root.GetProperty("type").GetString() == "purchase.recorded"
            && root.GetProperty("data").GetProperty("memberCode").GetString() == memberCode;
    }

    private async Task<(int Purchases, int Points)> PurchasesAndPointsAsync(string memberCode)
    {
        await using var db = await till.App.DbFactory.CreateDbContextAsync(Ct);
        var memberId = await db.Members.Where(m => m.MemberCode == memberCode).Select(m => m.Id).SingleAsync(Ct);
        var activities = await db.Activities.Where(a => a.MemberId == memberId).Select(a => new { a.Type, a.Points }).ToListAsync(Ct);
        return (activities.Count(a => a.Type == ActivityType.Purchase), activities.Sum(a => a.Points));
    }

    /// <summary>Polls the receiver (every 100 ms, for up to 15 s) until <paramref name="done"/> holds.</summary>
    private static async Task<IReadOnlyList<ReceivedWebhook>> ReceivedAsync(
        WebhookReceiver receiver, Func<IReadOnlyList<ReceivedWebhook>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var calls = receiver.Received;
            if (done(calls)) return calls;
            if (DateTime.UtcNow > deadline) Assert.Fail($"The receiver never got {what}; it got {calls.Count} call(s).");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The log has no live updates: presses Refresh until the row shows <paramref name="text"/> (15 s at most).</summary>
    private static async Task RefreshUntilAsync(IPage page, ILocator row, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var refresh = page.GetByRole(AriaRole.Button, new() { Name = "Refresh" });
        while (await row.CountAsync() != 1 || !(await row.InnerTextAsync()).Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The delivery log never showed \"{text}\".");
            await refresh.ClickAsync();
            await Task.Delay(250, Ct);
        }
    }
}

/// <summary>
/// The portal for the till journeys, on its own port and database: webhooks may go to a loopback http receiver, and the
/// outbox polls every second and first retries after about a second.
/// </summary>
public sealed class TillAppFixture : IAsyncLifetime
{
    public PortalAppFactory App { get; } = new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowInsecureUrls"] = "true",
        ["Outbox:PollInterval"] = "00:00:01",
        ["Outbox:RetryBase"] = "00:00:01",
    });

    public string BaseUrl { get; private set; } = "";

    public ValueTask InitializeAsync()
    {
        // Without Chromium the tests skip; the app isn't worth starting.
        if (File.Exists(BrowserFixture.ChromiumPath)) BaseUrl = App.StartKestrel();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
