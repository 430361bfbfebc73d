using Microsoft.AspNetCore.Identity;

namespace LoyaltyPortal.Data;

public sealed class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>The store a staff member or manager works at; null for members.</summary>
    public int? StoreId { get; set; }

    public Store? Store { get; set; }

    /// <summary>Deactivated staff keep their history but can no longer sign in.</summary>
    public bool IsDeactivated { get; set; }

    /// <summary>The language the person chose (a <see cref="Hosting.PortalLanguages"/> code); null follows the browser.</summary>
    public string? Language { get; set; }
}
