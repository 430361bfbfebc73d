using System.Security.Cryptography;
using System.Text;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.TillApi;

public sealed record ApiKeyRow(
    int Id, string Name, string Prefix, string StoreName, ApiScopes Scopes, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A new key: <see cref="Key"/> is the only time the secret is ever shown.</summary>
public sealed record ApiKeyCreated(bool Succeeded, string Message, IReadOnlyDictionary<string, string> FieldErrors, string? Key)
    : OperationResult(Succeeded, Message, FieldErrors)
{
    public static ApiKeyCreated Invalid(IReadOnlyDictionary<string, string> errors) => new(false, CheckTheFieldsText, errors, null);
}

/// <summary>The key a till presented, once checked: who it acts as and what it may do.</summary>
public sealed record ApiKeyIdentity(int KeyId, string UserId, string Name, int StoreId, ApiScopes Scopes)
{
    public string DisplayName => DisplayNameFor(Name);

    /// <summary>How a key's calls read in the audit and the ledger: its login's display name.</summary>
    public static string DisplayNameFor(string keyName) => $"Till: {keyName}";
}

public sealed class NewApiKeyInput
{
    public string Name { get; set; } = "";
    public int? StoreId { get; set; }
    public ApiScopes Scopes { get; set; } = ApiScopes.All;
}

/// <summary>Managers create, list and revoke till keys; the API checks a presented key here.</summary>
public sealed class ApiKeyService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IServiceScopeFactory scopes, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<TillApiText> text)
{
    public const int MaxActiveKeys = 500;
    private const string KeyStart = "lp_";
    private const int PrefixRandomLength = 10;
    private const int SecretLength = 32;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>How long a write's first answer is kept for replays; a till retries within minutes, not days.</summary>
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking()
            .OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Store!.Name).ThenBy(k => k.Name)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Store!.Name, k.Scopes, k.CreatedByName, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .Take(MaxActiveKeys * 2)
            .ToListAsync(ct);
    }

    public async Task<ApiKeyCreated> CreateAsync(Caller caller, NewApiKeyInput input, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var errors = new Dictionary<string, string>();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = text["Name the key after the till it is for, for example \"Till 1, Soho\"."];
        else if (name.Length > ApiKey.NameMaxLength) errors[nameof(input.Name)] = text["Keep the name to {0} characters.", ApiKey.NameMaxLength];
        else if (name.Any(char.IsControl) || TextRules.DirectionProblem(name) is not null) errors[nameof(input.Name)] = text["Use plain text for the name."];
        if ((input.Scopes & ApiScopes.All) == ApiScopes.None || (input.Scopes & ~ApiScopes.All) != 0)
        {
            errors[nameof(input.Scopes)] = text["Choose at least one thing the key may do."];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.StoreId is not { } storeId) errors[nameof(input.StoreId)] = text["Choose the store the till is in."];
        else if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct)) errors[nameof(input.StoreId)] = text["That store no longer exists."];
        if (errors.Count > 0) return ApiKeyCreated.Invalid(errors);
        if (await db.ApiKeys.CountAsync(k => k.RevokedAt == null, ct) >= MaxActiveKeys)
        {
            return new(false, text["There are already {0} active keys. Revoke keys no till uses first.", MaxActiveKeys], OperationResult.NoFieldErrors, null);
        }

        var prefix = KeyStart + RandomNumberGenerator.GetString(Alphabet, PrefixRandomLength);
        var key = prefix + "_" + RandomNumberGenerator.GetString(Alphabet, SecretLength);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var login = $"till-{Guid.NewGuid():N}@keys.loyaltyportal.invalid";
        // No password and locked out for good: nobody can sign in as a key, and the services see it as staff of its store.
        var user = new ApplicationUser
        {
            UserName = login, Email = login, EmailConfirmed = true, DisplayName = ApiKeyIdentity.DisplayNameFor(name),
            StoreId = input.StoreId, LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue,
        };
        var context = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, Roles.Staff);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        context.ApiKeys.Add(new ApiKey
        {
            StoreId = input.StoreId!.Value, Name = name, Prefix = prefix, SecretHash = Hash(key), Scopes = input.Scopes, UserId = user.Id,
            CreatedByName = caller.DisplayName.Length > 100 ? caller.DisplayName[..100] : caller.DisplayName, CreatedAt = calendar.UtcNow,
        });
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(true, text["Key \"{0}\" created. Copy it now: it is not shown again.", name], OperationResult.NoFieldErrors, key);
    }

    /// <summary>
    /// Revokes the key at once: every call that authenticates after this commits gets 401 (nothing caches a key); a call
    /// already past authentication finishes, as its login was checked then. The login is deactivated too.
    /// </summary>
    public async Task<OperationResult> RevokeAsync(Caller caller, int keyId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => new { k.Name, k.UserId }).FirstOrDefaultAsync(ct);
        if (key is null) return OperationResult.Refused(text["That key no longer exists."]);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var revoked = await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, calendar.UtcNow), ct);
        await db.Users.Where(u => u.Id == key.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true).SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")), ct);
        await transaction.CommitAsync(ct);
        return OperationResult.Done(revoked == 1
            ? text["Key \"{0}\" revoked. Tills using it are refused from now on.", key.Name]
            : text["Key \"{0}\" was already revoked.", key.Name]);
    }

    /// <summary>
    /// The active key behind what a till presented, or null: the key is not revoked and its login is active and staff.
    /// Notes when it was last used, to the minute.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (presented is null || presented.Length != KeyStart.Length + PrefixRandomLength + 1 + SecretLength || !presented.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return null;
        }
        var prefix = presented[..(KeyStart.Length + PrefixRandomLength)];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The key's own login is read in the same query, as ActiveCallers would: the services trust this check for the rest of the call.
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Where(k => db.Users.Any(u => u.Id == k.UserId && !u.IsDeactivated)
                && db.UserRoles.Any(link => link.UserId == k.UserId && db.Roles.Any(r => r.Id == link.RoleId && r.Name == Roles.Staff)))
            .Select(k => new { k.Id, k.UserId, k.Name, k.StoreId, k.Scopes, k.SecretHash, k.LastUsedAt }).FirstOrDefaultAsync(ct);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.SecretHash, Hash(presented))) return null;

        var now = calendar.UtcNow;
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            // Once a minute per key at most: the stamp, and the replays too old to matter.
            var seenBefore = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < seenBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            var expired = now - IdempotencyRetention;
            await db.ApiIdempotencyRecords.Where(r => r.ApiKeyId == key.Id && r.CreatedAt < expired).ExecuteDeleteAsync(ct);
        }
        return new ApiKeyIdentity(key.Id, key.UserId, key.Name, key.StoreId, key.Scopes);
    }

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers manage till API keys.", ct);
}
