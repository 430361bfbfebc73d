using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The member's pages.</summary>
    private static readonly (string? Role, string Path, string? Part)[] MemberPages =
    [
        (Roles.Member, "/me", null),
        (Roles.Member, "/me/benefits", null),
        (Roles.Member, "/me/bookings", null),
        (Roles.Member, "/me/pass", null),
    ];
}
