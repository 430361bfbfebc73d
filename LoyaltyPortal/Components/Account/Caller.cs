using System.Globalization;
using System.Security.Claims;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Who is asking. Pages pass it into services explicitly, and services decide what this caller may
/// do to which member: authorization lives in the service layer, not only in hidden buttons.
/// </summary>
public sealed record Caller(string UserId, string DisplayName, IReadOnlySet<string> Roles, int? StoreId)
{
    public const string StoreClaim = "loyalty:store";
    public const string DisplayNameClaim = "loyalty:name";
    /// <summary>Present while the user's email address is not confirmed; the layout shows a banner for it.</summary>
    public const string UnconfirmedEmailClaim = "loyalty:unconfirmed-email";

    public bool IsManager => Roles.Contains(Data.Roles.Manager);
    public bool IsStaff => Roles.Contains(Data.Roles.Staff);
    public bool IsMember => Roles.Contains(Data.Roles.Member);
    public bool IsStaffOrManager => IsStaff || IsManager;

    public static Caller? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || principal.Identity?.IsAuthenticated != true) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var store = int.TryParse(principal.FindFirstValue(StoreClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        return new Caller(id, principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name ?? "", roles, store);
    }
}
