using System.Text;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>The emailed "confirm your new email" link changes the member's email too.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class EmailChangeTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Confirming_a_new_email_changes_the_login_and_the_member()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        var newEmail = $"New.{Guid.NewGuid():N}@Example.com";
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);
        var user = (await app.FindUserAsync(email))!;
        string code;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            code = await users.GenerateChangeEmailTokenAsync((await users.FindByIdAsync(user.Id))!, newEmail);
        }
        var url = $"/Account/ConfirmEmailChange?userId={user.Id}&email={Uri.EscapeDataString(newEmail)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(code))}";

        var page = await client.GetPageAsync(url);

        Assert.Contains("Thank you for confirming your email change.", page.Html, StringComparison.Ordinal);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var member = await db.Members.SingleAsync(m => m.UserId == user.Id, Ct);
        Assert.Equal((newEmail, newEmail.ToLowerInvariant()), (member.Email, member.SearchEmail));
        Assert.Equal(newEmail, (await app.FindUserAsync(newEmail))!.UserName);
    }
}
