using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Rechecks the sign-in behind each open interactive circuit. An open counter page never sends another request, so
/// the cookie's own stamp check never runs for it: without this a deactivated member of staff kept searching and
/// recording until the circuit closed. Every <see cref="Interval"/> the account is read again, and a deactivated,
/// deleted or changed account (new security stamp) signs the circuit out, well within the minute the README promises.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>One primary-key read per open circuit per interval; half a minute leaves room inside the minute.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    /// <summary>The revalidation check itself: the account exists, is not deactivated and has the stamp the cookie carries.</summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(principal);
        // Deactivation changes the stamp too; the flag is checked as well so no path that forgets the stamp leaves access open.
        if (user is null || user.IsDeactivated) return false;
        if (!userManager.SupportsUserSecurityStamp) return true;
        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
