using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Export;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members.Export;

/// <summary>The activity export dialog for a German-speaking manager.</summary>
public sealed class ActivityExportDialogTests : PortalTestContext
{
    [Fact]
    public async Task Activity_export_dialog_speaks_German_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var store = await Db.AddStoreAsync();
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<ActivityExportDialog> { { d => d.Stores, [new StoreOption(store.Id, store.Name)] } };

        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ActivityExportDialog>("", parameters));

        cut.WaitForAssertion(() => Assert.Contains("Aktivitäten exportieren", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("CSV herunterladen", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Schließen", cut.Markup, StringComparison.Ordinal);
    }
}
