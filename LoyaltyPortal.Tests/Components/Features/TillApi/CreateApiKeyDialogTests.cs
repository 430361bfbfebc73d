using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.TillApi;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.TillApi;

/// <summary>The new till key dialog for a German-speaking manager: its fields, scopes and the service's messages in German.</summary>
public sealed class CreateApiKeyDialogTests : PortalTestContext
{
    [Fact]
    public async Task Create_api_key_dialog_speaks_German_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var store = await Db.AddStoreAsync();
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id);
        SignIn(manager);
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<CreateApiKeyDialog> { { d => d.Caller, manager }, { d => d.Stores, [new StoreOption(store.Id, store.Name)] } };
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateApiKeyDialog>("", parameters));
        cut.WaitForElement("#create-api-key-form");

        Assert.Contains("Der Schlüssel darf", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Mitglieder bei Veranstaltungen einchecken", cut.Markup, StringComparison.Ordinal);
        await cut.Find("#create-api-key-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Benennen Sie den Schlüssel nach der Kasse", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Wählen Sie die Filiale, in der die Kasse steht.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_key_refusal_comes_back_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: (await Db.AddStoreAsync()).Id);

        var result = await Db.Get<ApiKeyService>().RevokeAsync(manager, 999_999, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal((false, "Diesen Schlüssel gibt es nicht mehr."), (result.Succeeded, result.Message));
    }
}
