using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// The guard every staff and manager service call passes. A <see cref="Caller"/> comes from the sign-in cookie, so it
/// can outlive the account: a circuit opened before a deactivation or a role change still carries the old roles until
/// it is revalidated. This reads the account itself, in one indexed query, so a deactivated or demoted caller is
/// refused before anything is read or written.
/// </summary>
public sealed class ActiveCallers(IDbContextFactory<LoyaltyDbContext> dbFactory)
{
    private static readonly AsyncLocal<string?> CheckedLogin = new();

    /// <summary>
    /// For the rest of the current async flow (one till request), treats <paramref name="userId"/> as checked with the
    /// Staff role: its API key's authentication has just read the same account in the same query (see
    /// ApiKeyService.AuthenticateAsync). Only that login (a key's own, which no person signs in as) and only as staff.
    /// </summary>
    public static void TrustCheckedStaffLogin(string userId) => CheckedLogin.Value = userId;

    /// <summary>
    /// Refuses, with the same <see cref="UnauthorizedAccessException"/> a caller without the role gets, unless
    /// <paramref name="allowed"/> holds and the account is still active.
    /// </summary>
    public async Task RequireAsync(Caller caller, bool allowed, string message, CancellationToken ct)
    {
        if (!allowed || !await IsActiveAsync(caller, ct)) throw new UnauthorizedAccessException(message);
    }

    /// <summary>The login exists, is not deactivated and still holds every role the caller claims.</summary>
    public async Task<bool> IsActiveAsync(Caller caller, CancellationToken ct)
    {
        if (CheckedLogin.Value is { } login && login == caller.UserId && caller.Roles.All(r => r == Roles.Staff)) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = caller.UserId;
        // The user's role links (a primary-key prefix) joined to the role names, only while the user is active.
        var held = await db.UserRoles.AsNoTracking()
            .Where(link => link.UserId == userId && db.Users.Any(u => u.Id == userId && !u.IsDeactivated))
            .Join(db.Roles, link => link.RoleId, role => role.Id, (link, role) => role.Name)
            .ToListAsync(ct);
        return held.Count > 0 && caller.Roles.All(held.Contains);
    }
}
