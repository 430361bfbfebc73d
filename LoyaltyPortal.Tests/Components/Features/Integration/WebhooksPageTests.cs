using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Tests.Features.Integration;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Integration;

/// <summary>The manager's webhooks page: the secret is shown once, and the delivery log can send a delivery again.</summary>
public sealed class WebhooksPageTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_secret_is_shown_once_after_adding_an_endpoint()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("No endpoints yet", cut.Markup));

        cut.Find("#new-webhook").Click();
        dialogs.WaitForElement("#webhook-form");
        dialogs.Find("#webhook-name").Change("CRM");
        dialogs.Find("#webhook-url").Change("https://crm.example.com/hooks");
        dialogs.FindAll("input[type=checkbox]")[2].Change(true);
        await dialogs.Find("#webhook-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("crm.example.com/hooks", cut.Markup));
        var secret = cut.Find("#webhook-secret input").GetAttribute("value")!;
        Assert.StartsWith(WebhookSecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[WebhookSecrets.Prefix.Length..]).Length);
        var stored = await Db.QueryAsync(c => c.WebhookEndpoints.SingleAsync(Ct));
        Assert.Equal(WebhookEvents.PurchaseRecorded, stored.Events);
        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);

        var again = Render<WebhooksPage>();
        again.WaitForAssertion(() => Assert.Contains("crm.example.com/hooks", again.Markup));
        Assert.Empty(again.FindAll("#webhook-secret"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_form_shows_each_refusal_beside_its_field()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<WebhooksPage>();

        cut.Find("#new-webhook").Click();
        dialogs.WaitForElement("#webhook-form");
        dialogs.Find("#webhook-url").Change("javascript:alert(1)");
        await dialogs.Find("#webhook-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Use an https:// address.", dialogs.Markup));
        Assert.Contains("Name the receiver", dialogs.Markup);
        Assert.Contains("Choose at least one event.", dialogs.Markup);
        Assert.False(await Db.QueryAsync(c => c.WebhookEndpoints.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Webhook_log_shows_a_failed_delivery_and_sends_it_again()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var endpoint = await Db.AddEndpointAsync("https://crm.example.com/hooks", manager: manager);
        await using (var context = Db.NewContext())
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            context.OutboxMessages.Add(new OutboxMessage
            {
                Kind = OutboxKind.Webhook, Topic = "purchase.recorded", MessageId = WebhookPublisher.NewMessageId(), Payload = "{}", EndpointId = endpoint.EndpointId,
                CreatedAt = now, QueuedAt = now, NextAttemptAt = now, Status = OutboxStatus.Failed, Attempts = 12, LastStatusCode = 500,
                LastError = "HTTP 500 Internal Server Error", LastAttemptAt = now,
            });
            await context.SaveChangesAsync(Ct);
        }
        SignIn(manager);
        Render<MudPopoverProvider>();
        var cut = Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("crm.example.com/hooks", cut.Markup));

        await cut.Find("button[aria-label='Delivery log for CRM']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("HTTP 500 Internal Server Error", cut.Find("#webhook-log").TextContent));
        Assert.Contains("Failed", cut.Find("#webhook-log").TextContent);
        await cut.Find("button[aria-label='Send purchase.recorded again']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Queued", cut.Find("#webhook-log").TextContent));
        var row = await Db.QueryAsync(c => c.OutboxMessages.SingleAsync(Ct));
        Assert.Equal((OutboxStatus.Pending, 0), (row.Status, row.Attempts));
    }
}
