using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features;

/// <summary>The purchase dialog answers every attempt beside the amount, not only the first.</summary>
public sealed class PurchaseDialogTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var staff = await Db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: (await Db.AddStoreAsync()).Id);
        var (member, _) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(staff);
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<PurchaseDialog> { { d => d.MemberId, member.Id }, { d => d.MemberName, member.PreferredName } };
        var dialogs = Services.GetRequiredService<IDialogService>();
        await cut.InvokeAsync(() => dialogs.ShowAsync<PurchaseDialog>("Record a purchase", parameters));
        cut.WaitForElement("#purchase-form");
        return cut;
    }

    private static string AmountText(IRenderedComponent<MudDialogProvider> cut) =>
        cut.Find("#purchase-amount").Closest(".mud-input-control")!.TextContent;

    private static async Task RecordAsync(IRenderedComponent<MudDialogProvider> cut, string amount)
    {
        cut.Find("#purchase-amount").Input(amount);
        await cut.Find("#purchase-form").SubmitAsync();
    }

    [Theory]
    [InlineData("10001", "is more than £10,000.00", "20000", "20000", "£20,000.00 is more than £10,000.00")]
    [InlineData("", "Enter the amount paid.", "-5", "0", "Enter an amount more than 0")]
    public async Task Each_attempt_after_an_error_shows_its_message_beside_the_amount(
        string first, string firstMessage, string second, string third, string lastMessage)
    {
        var cut = await OpenAsync();

        await RecordAsync(cut, first);
        cut.WaitForAssertion(() => Assert.Contains(firstMessage, AmountText(cut), StringComparison.Ordinal));
        await RecordAsync(cut, second);
        await RecordAsync(cut, third);

        cut.WaitForAssertion(() => Assert.Contains(lastMessage, AmountText(cut), StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("#purchase-amount").GetAttribute("aria-invalid"));
        Assert.False(await Db.QueryAsync(c => c.Activities.AnyAsync(a => a.Type == ActivityType.Purchase, Ct)));
    }

    [Fact]
    public async Task More_decimals_than_the_currency_has_are_refused_not_rounded()
    {
        var cut = await OpenAsync();

        await RecordAsync(cut, "12.345");

        cut.WaitForAssertion(() => Assert.Contains("at most 2 decimal places", AmountText(cut), StringComparison.Ordinal));
        Assert.False(await Db.QueryAsync(c => c.Activities.AnyAsync(a => a.Type == ActivityType.Purchase, Ct)));
    }

    [Fact]
    public async Task A_corrected_amount_is_recorded_after_an_error()
    {
        var cut = await OpenAsync();

        await RecordAsync(cut, "10001");
        cut.WaitForAssertion(() => Assert.Contains("is more than", AmountText(cut), StringComparison.Ordinal));
        await RecordAsync(cut, "24.99");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#purchase-form")));
        var recorded = await Db.QueryAsync(c => c.Activities.Where(a => a.Type == ActivityType.Purchase).Select(a => a.Amount).SingleAsync(Ct));
        Assert.Equal(24.99m, recorded);
    }
}
