using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Tests.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Integration;

/// <summary>Only managers manage webhooks, and a receiver must be a sane public https address.</summary>
public sealed class WebhookServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT://example.com/%0Aalert(1)")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://crm.example.com/hook")]
    [InlineData("https://user:secret@crm.example.com/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost:8443/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://crm.example.com/ hook")]
    [InlineData("/relative/hook")]
    [InlineData("not a url")]
    [InlineData("")]
    public void Webhook_urls_other_than_public_https_are_refused(string url)
    {
        Assert.NotNull(WebhookUrls.Validate(url, allowInsecure: false));
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks/loyalty?source=portal")]
    [InlineData("https://93.184.216.34:8443/hook")]
    public void Webhook_public_https_urls_are_accepted(string url)
    {
        Assert.Null(WebhookUrls.Validate(url, allowInsecure: false));
    }

    [Fact]
    public void Webhook_development_allows_http_on_loopback_but_never_other_schemes_or_credentials()
    {
        Assert.Null(WebhookUrls.Validate("http://127.0.0.1:5000/hook", allowInsecure: true));
        Assert.NotNull(WebhookUrls.Validate("javascript:alert(1)", allowInsecure: true));
        Assert.NotNull(WebhookUrls.Validate("http://a:b@127.0.0.1/hook", allowInsecure: true));
        Assert.NotNull(WebhookUrls.Validate("https://example.com/" + new string('a', 2000), allowInsecure: true));
    }

    [Theory, AllProviders]
    public async Task Webhook_hostile_form_input_is_refused_beside_each_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var webhooks = db.Get<WebhookService>();

        var result = await webhooks.CreateAsync(manager, new WebhookInput
        {
            Name = new string('x', 100_000), Url = "javascript:fetch('//evil')", Events = (WebhookEvents)(-1),
        }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(["Events", "Name", "Url"], result.FieldErrors.Keys.Order());
        Assert.Null(result.Secret);
        Assert.Empty(await webhooks.ListAsync(manager, Ct));
        var blank = await webhooks.CreateAsync(manager, new WebhookInput { Name = "  \u0007 ", Url = "https://crm.example.com/a", Events = WebhookEvents.TierChanged }, Ct);
        Assert.Equal(["Name"], blank.FieldErrors.Keys);
    }

    [Theory, AllProviders]
    public async Task Webhook_created_message_names_a_single_event_and_counts_several(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var webhooks = db.Get<WebhookService>();

        var one = await webhooks.CreateAsync(manager,
            new WebhookInput { Name = "CRM", Url = "https://crm.example.com/a", Events = WebhookEvents.PurchaseRecorded }, Ct);
        var two = await webhooks.CreateAsync(manager, new WebhookInput
        {
            Name = "Warehouse", Url = "https://dw.example.com/a", Events = WebhookEvents.PurchaseRecorded | WebhookEvents.VisitRecorded,
        }, Ct);

        Assert.Equal("CRM will receive purchase.recorded.", one.Message);
        Assert.Equal("Warehouse will receive 2 kinds of event.", two.Message);
    }

    [Theory, AllProviders]
    public async Task Webhook_endpoints_stop_at_the_limit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var webhooks = db.Get<WebhookService>();
        for (var i = 0; i < 50; i++) await db.AddEndpointAsync($"https://crm.example.com/{i}", manager: manager);

        var refused = await webhooks.CreateAsync(manager, new WebhookInput { Name = "One more", Url = "https://crm.example.com/51", Events = WebhookEvents.TierChanged }, Ct);

        Assert.False(refused.Succeeded);
        Assert.Contains("50", refused.Message, StringComparison.Ordinal);
        Assert.Equal(50, (await webhooks.ListAsync(manager, Ct)).Count);
    }

    [Theory, AllProviders]
    public async Task Webhook_management_refuses_staff_and_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var endpoint = await db.AddEndpointAsync("https://crm.example.com/a");
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var webhooks = db.Get<WebhookService>();
        var id = endpoint.EndpointId!.Value;

        foreach (var caller in new[] { staff, member! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.ListAsync(caller, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                webhooks.CreateAsync(caller, new WebhookInput { Name = "Mine", Url = "https://evil.example.com/", Events = WebhookEvents.PurchaseRecorded }, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.SetEnabledAsync(caller, id, false, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.DeleteAsync(caller, id, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.GetLogAsync(caller, id, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.SendAgainAsync(caller, 1, Ct));
        }
        // A manager pretending to be one (a claim without the role in the database) is refused too.
        var pretender = new Caller(staff.UserId, "Pretender", new HashSet<string> { Roles.Manager }, null);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => webhooks.ListAsync(pretender, Ct));
    }

    [Theory, AllProviders]
    public async Task Webhook_booking_events_are_staged_with_the_booking(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEndpointAsync("https://crm.example.com/a", WebhookEvents.BookingConfirmed | WebhookEvents.BookingCancelled | WebhookEvents.BookingPromoted);
        var benefit = await db.AddEventAsync(capacity: 1);
        var (first, firstCaller) = await db.AddMemberAsync("First");
        var (_, secondCaller) = await db.AddMemberAsync("Second");
        var bookings = db.Get<BookingService>();

        var booked = await bookings.BookAsync(firstCaller!, benefit.Id, new BookingRequest(), Ct);
        await bookings.BookAsync(secondCaller!, benefit.Id, new BookingRequest(), Ct);
        await bookings.CancelAsync(firstCaller!, booked.BookingId!.Value, Ct);

        var rows = await db.OutboxAsync();
        Assert.Equal(["booking.confirmed", "booking.cancelled", "booking.promoted"], rows.Select(r => r.Topic));
        Assert.Contains($"\"memberCode\":\"{first.MemberCode}\"", rows[0].Payload, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"cancelled\"", rows[1].Payload, StringComparison.Ordinal);
    }
}
