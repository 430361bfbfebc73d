using System.Globalization;
using System.Security.Claims;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Components.Account;

/// <summary>Adds the display name, store and language to the sign-in cookie so pages need no lookup to greet the user.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Caller.DisplayNameClaim, user.DisplayName));
        if (user.Language is { } language) identity.AddClaim(new Claim(Hosting.PortalLanguages.Claim, language));
        if (!user.EmailConfirmed) identity.AddClaim(new Claim(Caller.UnconfirmedEmailClaim, "true"));
        if (user.StoreId is { } storeId)
        {
            identity.AddClaim(new Claim(Caller.StoreClaim, storeId.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

/// <summary>
/// Who may sign in: not deactivated staff, and not a login still waiting to be connected to its membership. The login
/// page tells each why.
/// </summary>
internal sealed class ActiveUserConfirmation(IDbContextFactory<LoyaltyDbContext> dbFactory) : IUserConfirmation<ApplicationUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !user.IsDeactivated && !await IsAwaitingMembershipAsync(manager, user);

    /// <summary>
    /// A member login registered online with the email of a member enrolled in store holds no member until the
    /// emailed confirmation link connects the two; signed in before that it would be a portal with no membership,
    /// under an address its holder has not proved.
    /// </summary>
    private async Task<bool> IsAwaitingMembershipAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (user.EmailConfirmed) return false;
        if (!(await manager.GetRolesAsync(user)).All(role => role == Roles.Member)) return false;
        await using var db = await dbFactory.CreateDbContextAsync();
        return !await db.Members.AnyAsync(m => m.UserId == user.Id);
    }
}
