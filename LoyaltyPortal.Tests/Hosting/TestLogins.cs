using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Member logins made straight through Identity, for tests that run their own <see cref="PortalAppFactory"/>.</summary>
public static class TestLogins
{
    public const string Password = "Portal#2026";

    public static async Task<string> CreateMemberAsync(PortalAppFactory app, bool emailConfirmed, string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Jo Test", EmailConfirmed = emailConfirmed };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Member)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<MemberService>().CreateForUserAsync(user.Id, "Jo Test", email, null, false, false);
        return email;
    }
}
