using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Integration;

/// <summary>The new webhook endpoint dialog for a German-speaking manager: events explained and the service's messages in German.</summary>
public sealed class WebhookEndpointDialogTests : PortalTestContext
{
    [Fact]
    public async Task Webhook_endpoint_dialog_speaks_German_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel");
        SignIn(manager);
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<WebhookEndpointDialog> { { d => d.Caller, manager } };
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<WebhookEndpointDialog>("", parameters));
        cut.WaitForElement("#webhook-form");

        Assert.Contains("visit.recorded: Mitarbeitende haben einen Besuch erfasst", cut.Markup, StringComparison.Ordinal);
        await cut.Find("#webhook-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Benennen Sie den Empfänger, zum Beispiel „CRM“.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Wählen Sie mindestens ein Ereignis.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_refusal_comes_back_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel");

        var result = await Db.Get<WebhookService>().DeleteAsync(manager, 999_999, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal((false, "Diesen Endpunkt gibt es nicht mehr."), (result.Succeeded, result.Message));
    }
}
