using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// A member's login email and their member email are one address: a change confirmed in Account/Manage reaches the
/// member, and its search form, in the same transaction as the login, so staff find them by the new address.
/// </summary>
public static class MemberEmailSync
{
    /// <param name="db">The context behind <paramref name="users"/> (the request's scoped one), so one transaction covers both.</param>
    public static async Task<IdentityResult> ConfirmChangeAsync(UserManager<ApplicationUser> users, LoyaltyDbContext db, ApplicationUser user, string email, string code, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ChangeEmailAsync(user, email, code);
        // In our UI email and user name are one and the same, so the user name changes with the email.
        if (result.Succeeded) result = await users.SetUserNameAsync(user, email);
        if (!result.Succeeded) return result;

        var member = await db.Members.FirstOrDefaultAsync(m => m.UserId == user.Id && m.AnonymisedAt == null, ct);
        if (member is not null)
        {
            member.Email = email.Trim();
            MemberSearchForms.Apply(member);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return result;
    }
}
