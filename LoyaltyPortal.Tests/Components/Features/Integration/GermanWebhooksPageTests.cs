using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Integration;

/// <summary>The webhooks page and an endpoint's delivery log as a German-speaking manager reads them.</summary>
public sealed class GermanWebhooksPageTests : PortalTestContext
{
    [Fact]
    public async Task Webhooks_page_and_delivery_log_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var manager = await Db.AddUserAsync(Roles.Manager);
        var created = await Db.Get<WebhookService>().CreateAsync(manager,
            new WebhookInput { Name = "CRM", Url = "https://crm.example.com/hooks", Events = WebhookEvents.VisitRecorded | WebhookEvents.PurchaseRecorded },
            Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("CRM erhält 2 Arten von Ereignissen.", created.Message);
        SignIn(manager);
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();

        var cut = Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("Aktiv", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Neuer Endpunkt", cut.Markup, StringComparison.Ordinal);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Protokoll").Click();

        cut.WaitForAssertion(() => Assert.Contains("Zustellungen an CRM", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Noch nichts gesendet", cut.Markup, StringComparison.Ordinal);
    }
}
