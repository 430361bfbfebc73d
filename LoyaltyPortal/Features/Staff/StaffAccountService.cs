using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Staff;

public sealed record StaffAccountRow(string UserId, string DisplayName, string Email, string Role, int? StoreId, string? StoreName, bool IsDeactivated, bool IsLockedOut);

public sealed class NewStaffAccount
{
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Staff;
    public int? StoreId { get; set; }
    public string Password { get; set; } = "";
}

/// <summary>Managers create staff and manager logins, move them between stores and deactivate them.</summary>
public sealed class StaffAccountService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock, ActiveCallers callers,
    IStringLocalizer<StaffText> text)
{
    public async Task<IReadOnlyList<StaffAccountRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await EnsureManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await (from user in db.Users.AsNoTracking()
                          join link in db.UserRoles on user.Id equals link.UserId
                          join role in db.Roles on link.RoleId equals role.Id
                          where role.Name == Roles.Staff || role.Name == Roles.Manager
                          // A till key's login is managed with its key, not as a person.
                          where !db.ApiKeys.Any(k => k.UserId == user.Id)
                          select new { user.Id, user.DisplayName, user.Email, Role = role.Name!, user.StoreId, StoreName = user.Store != null ? user.Store.Name : null, user.IsDeactivated, user.LockoutEnd })
                         .ToListAsync(ct);
        return rows
            .OrderBy(r => r.IsDeactivated).ThenBy(r => r.Role).ThenBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new StaffAccountRow(r.Id, r.DisplayName, r.Email ?? "", r.Role, r.StoreId, r.StoreName, r.IsDeactivated, !r.IsDeactivated && r.LockoutEnd > now))
            .ToList();
    }

    public async Task<OperationResult> CreateAsync(Caller caller, NewStaffAccount input, CancellationToken ct = default)
    {
        await EnsureManagerAsync(caller, ct);
        var errors = new Dictionary<string, string>();
        if (text.NameProblem(input.DisplayName) is { } nameError) errors[nameof(input.DisplayName)] = nameError;
        if (text.EmailProblem(input.Email) is { } emailError) errors[nameof(input.Email)] = emailError;
        if (input.Role is not (Roles.Staff or Roles.Manager)) errors[nameof(input.Role)] = text["Choose Staff or Manager."];
        if (input.StoreId is null) errors[nameof(input.StoreId)] = text["Choose the store they work at."];
        else if (!await StoreExistsAsync(input.StoreId.Value, ct)) errors[nameof(input.StoreId)] = text["That store no longer exists."];
        if (errors.Count > 0) return OperationResult.Invalid(errors);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return OperationResult.Invalid(new Dictionary<string, string> { [nameof(input.Email)] = text["An account with this email already exists."] });
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim(), StoreId = input.StoreId };
        // The user manager works on the scope's context, so one transaction covers the login and its role.
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return OperationResult.Invalid(created.Errors.GroupBy(FieldOf).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(MessageOf))));
        }
        var inRole = await users.AddToRoleAsync(user, input.Role);
        if (!inRole.Succeeded) return OperationResult.Refused(string.Join(" ", inRole.Errors.Select(e => e.Description)));
        await transaction.CommitAsync(ct);
        return OperationResult.Done(input.Role == Roles.Manager
            ? text["{0} can now sign in as manager.", user.DisplayName]
            : text["{0} can now sign in as staff.", user.DisplayName]);
    }

    public async Task<OperationResult> AssignStoreAsync(Caller caller, string userId, int storeId, CancellationToken ct = default)
    {
        await EnsureManagerAsync(caller, ct);
        if (!await StoreExistsAsync(storeId, ct)) return OperationResult.Refused(text["That store no longer exists."]);
        return await ChangeAsync(userId, user => user.StoreId = storeId, text["Store updated."]);
    }

    /// <summary>Deactivating keeps the account and its history but ends its sessions and stops sign-in.</summary>
    public async Task<OperationResult> SetActiveAsync(Caller caller, string userId, bool active, CancellationToken ct = default)
    {
        await EnsureManagerAsync(caller, ct);
        if (!active && userId == caller.UserId) return OperationResult.Refused(text["You cannot deactivate your own account."]);
        return await ChangeAsync(userId, user => user.IsDeactivated = !active, active ? text["Account reactivated."] : text["Account deactivated."]);
    }

    private async Task<OperationResult> ChangeAsync(string userId, Action<ApplicationUser> change, string message)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || !(await users.IsInRoleAsync(user, Roles.Staff) || await users.IsInRoleAsync(user, Roles.Manager))
            || await IsTillKeyLoginAsync(userId))
        {
            return OperationResult.Refused(text["That staff account no longer exists."]);
        }
        change(user);
        var result = await users.UpdateAsync(user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? OperationResult.Done(message) : OperationResult.Refused(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>The email is the user name too, so Identity's user name and email complaints go beside the email field.</summary>
    private static string FieldOf(IdentityError error) =>
        error.Code.Contains("UserName", StringComparison.Ordinal) || error.Code.Contains("Email", StringComparison.Ordinal) ? nameof(NewStaffAccount.Email) : nameof(NewStaffAccount.Password);

    private string MessageOf(IdentityError error) => error.Code == nameof(IdentityErrorDescriber.InvalidUserName)
        ? text["This email cannot be used to sign in: use only the letters a-z, digits and . _ - + @."]
        : error.Description;

    /// <summary>Reactivating or moving a revoked key's login here would bring the key back; keys are managed on their own page.</summary>
    private async Task<bool> IsTillKeyLoginAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ApiKeys.AnyAsync(k => k.UserId == userId);
    }

    private async Task<bool> StoreExistsAsync(int storeId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Stores.AnyAsync(s => s.Id == storeId, ct);
    }

    private Task EnsureManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers can manage staff accounts.", ct);
}
