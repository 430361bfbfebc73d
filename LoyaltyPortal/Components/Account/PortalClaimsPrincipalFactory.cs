using System.Globalization;
using System.Security.Claims;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Components.Account;

/// <summary>Adds the display name and store to the sign-in cookie so pages need no lookup to greet the user.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Caller.DisplayNameClaim, user.DisplayName));
        if (!user.EmailConfirmed) identity.AddClaim(new Claim(Caller.UnconfirmedEmailClaim, "true"));
        if (user.StoreId is { } storeId)
        {
            identity.AddClaim(new Claim(Caller.StoreClaim, storeId.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

/// <summary>Deactivated staff cannot sign in; the login page tells them why.</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(!user.IsDeactivated);
}
