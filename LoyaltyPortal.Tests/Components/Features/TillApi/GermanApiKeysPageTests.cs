using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.TillApi;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.TillApi;

/// <summary>The till keys page's rows as a German-speaking manager reads them.</summary>
public sealed class GermanApiKeysPageTests : PortalTestContext
{
    [Fact]
    public async Task Api_keys_page_rows_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var store = await Db.AddStoreAsync();
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id);
        var created = await Db.Get<ApiKeyService>().CreateAsync(manager, new NewApiKeyInput { Name = "Kasse 1", StoreId = store.Id },
            Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("Schlüssel „Kasse 1“ angelegt. Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.", created.Message);
        SignIn(manager);
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();

        var cut = Render<ApiKeysPage>();

        cut.WaitForAssertion(() => Assert.Contains("Kasse 1", cut.Markup, StringComparison.Ordinal));
        var row = cut.Find("tbody tr").TextContent;
        Assert.Contains("Alles", row, StringComparison.Ordinal);
        Assert.Contains("Nie", row, StringComparison.Ordinal);
        Assert.Contains("Aktiv", row, StringComparison.Ordinal);
        Assert.Contains("Widerrufen", row, StringComparison.Ordinal);
    }
}
