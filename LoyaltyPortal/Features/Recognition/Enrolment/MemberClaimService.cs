using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Recognition;

public enum ClaimState { Ready, Invalid, Expired, AlreadyClaimed, EmailInUse }

/// <summary>What a claim link leads to: the form, or a message saying why not.</summary>
public sealed record ClaimCheck(ClaimState State, string? Email, string? PreferredName, string Message);

/// <summary>A claim attempt: the new login's id when it worked, otherwise a state message or password messages.</summary>
public sealed record ClaimResult(bool Succeeded, ClaimState State, string? UserId, string Message, IReadOnlyList<string> PasswordErrors)
    : OperationResult(Succeeded, Message, PasswordErrors.Count == 0 ? NoFieldErrors
        : new Dictionary<string, string> { ["Password"] = string.Join(" ", PasswordErrors) });

/// <summary>
/// A person enrolled at the counter claims their online account from the emailed link: they choose a password and
/// get a login (email confirmed by the link itself, role Member) linked to their existing member.
/// </summary>
public sealed class MemberClaimService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IServiceScopeFactory scopes, ClaimTokens tokens, ILogger<MemberClaimService> logger,
    IStringLocalizer<RecognitionText> text)
{
    public async Task<ClaimCheck> CheckAsync(string? token, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await CheckAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), token, ct);
    }

    public async Task<ClaimResult> ClaimAsync(string? token, string password, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var check = await CheckAsync(users, token, ct);
        if (check.State != ClaimState.Ready) return Refused(check);
        var memberId = tokens.Read(token, out _)!.MemberId;

        var user = new ApplicationUser { UserName = check.Email, Email = check.Email, EmailConfirmed = true, DisplayName = check.PreferredName! };
        var linked = false;
        try
        {
            // The user manager works on the scope's context, so one transaction covers the login, its role and the link.
            var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await UnprovenLoginAsync(users, db, check.Email!, ct) is { } squatter)
            {
                // The link reached the address, so it outranks a login nobody has proved: replace that one.
                var removed = await users.DeleteAsync(squatter);
                if (!removed.Succeeded) throw new InvalidOperationException(string.Join(" ", removed.Errors.Select(e => e.Description)));
                logger.LogWarning("A claim for member {MemberId} replaced an unconfirmed login that held the member's email", memberId);
            }
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded && created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
            {
                return new ClaimResult(false, ClaimState.Ready, null, text["Choose a different password."], created.Errors.Select(e => e.Description).ToList());
            }
            if (created.Succeeded)
            {
                var inRole = await users.AddToRoleAsync(user, Roles.Member);
                if (!inRole.Succeeded) throw new InvalidOperationException(string.Join(" ", inRole.Errors.Select(e => e.Description)));
                linked = await db.Members.Where(m => m.Id == memberId && m.UserId == null && m.AnonymisedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, user.Id), ct) == 1;
                if (linked) await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException ex)
        {
            // A second submit of the same form raced this one to the unique user name; the first one's login stands.
            logger.LogInformation(ex, "A claim for member {MemberId} lost a race", memberId);
        }
        if (linked) return new ClaimResult(true, ClaimState.Ready, user.Id, text["Welcome, {0}! Your online account is ready.", check.PreferredName!], []);

        // Rolled back: say what changed meanwhile (claimed, or the email taken by another account).
        var after = await CheckAsync(token, ct);
        return after.State == ClaimState.Ready
            ? new ClaimResult(false, ClaimState.Ready, null, text["We couldn't set up your online account just now. Please try again."], [])
            : Refused(after);
    }

    /// <summary>Whether a member enrolled at the counter, still without a login, has this email.</summary>
    public async Task<bool> HasUnclaimedMemberAsync(string email, CancellationToken ct = default)
    {
        var search = email.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Members.AnyAsync(m => m.SearchEmail == search && m.UserId == null && m.AnonymisedAt == null, ct);
    }

    /// <summary>
    /// A person who registered online with the email of a member enrolled at the counter has now proved they own it:
    /// link that member to their login, so one person stays one member. Returns whether a member was linked.
    /// </summary>
    public async Task<bool> LinkConfirmedUserAsync(ApplicationUser user, CancellationToken ct = default)
    {
        if (!user.EmailConfirmed || user.Email is null) return false;
        var search = user.Email.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Members.AnyAsync(m => m.UserId == user.Id, ct)) return false;
        var memberId = await db.Members.Where(m => m.SearchEmail == search && m.UserId == null && m.AnonymisedAt == null)
            .OrderBy(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (memberId is null) return false;
        // Conditional, so two confirmations at once (or a claim link used meanwhile) link the member once.
        return await db.Members.Where(m => m.Id == memberId && m.UserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, user.Id), ct) == 1;
    }

    private async Task<ClaimCheck> CheckAsync(UserManager<ApplicationUser> users, string? token, CancellationToken ct)
    {
        var claim = tokens.Read(token, out var expired);
        if (claim is null) return Invalid(text["This link is not valid. Check that you opened the whole link from the email."]);
        if (expired) return new(ClaimState.Expired, null, null, text["This link has expired: links work for {0} days. Ask staff in store to send you a new one.", ClaimTokens.Lifetime.Days]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == claim.MemberId && m.AnonymisedAt == null)
            .Select(m => new { m.PreferredName, m.Email, m.SearchEmail, HasLogin = m.UserId != null }).FirstOrDefaultAsync(ct);
        if (member is null) return Invalid(text["This membership no longer exists."]);
        if (member.HasLogin) return AlreadyClaimed(member.Email, member.PreferredName);
        if (member.SearchEmail != claim.Email || member.Email is null) return Invalid(text["This link was sent to an email address the membership no longer uses. Ask staff in store to send you a new one."]);
        if (await users.FindByEmailAsync(member.Email) is { } holder && await UnprovenLoginAsync(users, db, member.Email, ct) is null)
        {
            // Each read sees what was committed when it ran: a claim committed after the member was read shows up here
            // as a login with the member's email, so ask again whether that login is now this member's own.
            if (await db.Members.AnyAsync(m => m.Id == claim.MemberId && m.UserId == holder.Id, ct))
            {
                return AlreadyClaimed(member.Email, member.PreferredName);
            }
            return new(ClaimState.EmailInUse, member.Email, member.PreferredName,
                text["An online account already uses {0}. Log in with it, or use \"Forgot your password?\" on the login page to set a new password.", member.Email]);
        }
        return new(ClaimState.Ready, member.Email, member.PreferredName, text["Choose a password to finish setting up your online account, {0}.", member.PreferredName]);
    }

    /// <summary>
    /// A member-only login with this email that never confirmed it and holds no member: what someone else's online
    /// registration with the counter member's address leaves behind. Such a login must not block the real owner's claim.
    /// </summary>
    private static async Task<ApplicationUser?> UnprovenLoginAsync(UserManager<ApplicationUser> users, LoyaltyDbContext db, string email,
        CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.EmailConfirmed) return null;
        if (await db.Members.AnyAsync(m => m.UserId == user.Id, ct)) return null;
        var roles = await users.GetRolesAsync(user);
        return roles.All(r => r == Roles.Member) ? user : null;
    }

    private ClaimCheck AlreadyClaimed(string? email, string? preferredName) => new(ClaimState.AlreadyClaimed, email, preferredName,
        text["This membership already has an online account. Log in with your email and password, or use \"Forgot your password?\" on the login page."]);

    private static ClaimCheck Invalid(string message) => new(ClaimState.Invalid, null, null, message);

    private static ClaimResult Refused(ClaimCheck check) => new(false, check.State, null, check.Message, []);
}
