using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.TillApi;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.TillApi;

/// <summary>A manager creates a till key, sees it once, and revokes it.</summary>
public sealed class ApiKeysPageTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_key_is_shown_once_after_creating_and_only_its_prefix_after()
    {
        var store = await Db.AddStoreAsync();
        SignIn(await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Contains("No till keys yet", cut.Markup, StringComparison.Ordinal));

        // Not awaited: the page's handler waits for the dialog to close.
        var opening = cut.FindAll("button").Single(b => b.TextContent.Contains("New key", StringComparison.Ordinal)).ClickAsync(new());
        dialogs.WaitForElement("#create-api-key-form");
        await dialogs.Find("#create-api-key-form").SubmitAsync();
        dialogs.WaitForAssertion(() => Assert.Contains("Name the key after the till", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("#create-api-key-form input").Change("Till 1");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(store.Id));
        await dialogs.Find("#create-api-key-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("api-key-once", dialogs.Markup, StringComparison.Ordinal));
        var key = dialogs.Find(".api-key-once input").GetAttribute("value")!;
        Assert.Matches("^lp_[A-Za-z0-9]{10}_[A-Za-z0-9]{32}$", key);
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("I have copied it", StringComparison.Ordinal)).ClickAsync(new());
        await opening;
        cut.WaitForAssertion(() => Assert.Contains(key[..13] + "…", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(key, cut.Markup, StringComparison.Ordinal);
        var stored = await Db.QueryAsync(c => c.ApiKeys.SingleAsync(Ct));
        Assert.Equal((ApiScopes.All, "Till 1"), (stored.Scopes, stored.Name));
        Assert.Equal(ApiKeyService.Hash(key), stored.SecretHash);
    }
}
