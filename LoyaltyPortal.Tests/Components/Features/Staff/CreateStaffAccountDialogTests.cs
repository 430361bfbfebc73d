using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Staff;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Staff;

/// <summary>The new staff account dialog for a German-speaking manager: its fields and the service's messages in German.</summary>
public sealed class CreateStaffAccountDialogTests : PortalTestContext
{
    [Fact]
    public async Task Create_staff_account_dialog_speaks_German_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var store = await Db.AddStoreAsync();
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id);
        SignIn(manager);
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<CreateStaffAccountDialog> { { d => d.Caller, manager }, { d => d.Stores, [new StoreOption(store.Id, store.Name)] } };
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateStaffAccountDialog>("", parameters));
        cut.WaitForElement("#create-staff-form");

        Assert.Contains("Vorläufiges Passwort", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Konto anlegen", cut.Markup, StringComparison.Ordinal);
        await cut.Find("#create-staff-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Bitte geben Sie den Namen der Person ein.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Wählen Sie die Filiale, in der die Person arbeitet.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_account_refusal_comes_back_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var manager = await Db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: (await Db.AddStoreAsync()).Id);

        var result = await Db.Get<StaffAccountService>().SetActiveAsync(manager, manager.UserId, active: false, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal((false, "Sie können Ihr eigenes Konto nicht deaktivieren."), (result.Succeeded, result.Message));
    }
}
