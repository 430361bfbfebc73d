using System.Globalization;
using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.Recognition.Enrolment;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Recognition;

/// <summary>The counter's purchase and enrol dialogs for German staff: labels, buttons and refusals in German.</summary>
public sealed class GermanCounterDialogsTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    // Async-local: only this test's flow reads and formats in German.
    private static void UseGerman() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DialogParameters<TDialog> parameters, string form)
        where TDialog : ComponentBase
    {
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("", parameters));
        cut.WaitForElement(form);
        return cut;
    }

    // The caller sets the culture: set in here, it would end with this method.
    private async Task<(IRenderedComponent<MudDialogProvider> Cut, int MemberId)> OpenPurchaseAsync()
    {
        SignIn(await Db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: (await Db.AddStoreAsync()).Id));
        var (member, _) = await Db.AddMemberAsync("Anna Müller");
        var parameters = new DialogParameters<PurchaseDialog> { { d => d.MemberId, member.Id }, { d => d.MemberName, member.PreferredName } };
        return (await OpenAsync(parameters, "#purchase-form"), member.Id);
    }

    [Fact]
    public async Task Purchase_dialog_in_German_refuses_a_missing_amount_beside_the_field()
    {
        UseGerman();
        var (cut, _) = await OpenPurchaseAsync();

        Assert.Contains(cut.FindAll("p"), p => p.TextContent == "Für Anna Müller in Ihrer Filiale." && p.QuerySelector("strong")?.TextContent == "Anna Müller");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Einkauf erfassen");
        await cut.Find("#purchase-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Geben Sie den bezahlten Betrag ein.",
            cut.Find("#purchase-amount").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purchase_dialog_in_German_reads_a_decimal_comma()
    {
        UseGerman();
        var (cut, memberId) = await OpenPurchaseAsync();

        cut.Find("#purchase-amount").Input("12,50");
        await cut.Find("#purchase-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#purchase-form")));
        var amount = await Db.QueryAsync(c => c.Activities.Where(a => a.MemberId == memberId && a.Type == ActivityType.Purchase).Select(a => a.Amount).SingleAsync(Ct));
        Assert.Equal(12.50m, amount);
    }

    [Fact]
    public async Task Enrol_dialog_in_German_names_what_is_missing_in_German()
    {
        UseGerman();
        SignIn(await Db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: (await Db.AddStoreAsync()).Id));
        var cut = await OpenAsync(new DialogParameters<EnrolDialog>(), "#enrol-form");

        Assert.Contains(cut.FindAll("label"), l => l.TextContent.Trim() == "Telefon");
        await cut.Find("#enrol-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Die Person muss den Programmbedingungen zustimmen, um beizutreten.",
            cut.Find(".validation-message[role=alert]").TextContent));
        Assert.Contains("Geben Sie eine Telefonnummer oder eine E-Mail-Adresse ein", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Aufnehmen");
        Assert.Equal(0, await Db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }
}
