using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The member's pages.</summary>
    private static readonly (string? Role, string Path, string? Part)[] MemberPages =
    [
        (Roles.Member, "/me", null),
        (Roles.Member, "/me/benefits", null),
        (Roles.Member, "/me/benefits/{Event}", null),
        (Roles.Member, "/me/bookings", null),
        (Roles.Member, "/me/pass", null),
        (Roles.Member, "/me/profile", null),
        (Roles.Member, "/me/invite", null),
        // A notification's title and body are its content, written in the recipient's language when it is sent.
        (Roles.Member, "/me/notifications", "h1, .mud-button-label, .empty-state, .notification-title .visually-hidden, .notification-time"),
    ];
}
