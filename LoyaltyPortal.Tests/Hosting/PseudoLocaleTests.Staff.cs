using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The counter and the staff's pages.</summary>
    private static readonly (string? Role, string Path, string? Part)[] StaffPages =
    [
        (Roles.Staff, "/counter", null),
        // The card is read once the circuit is live: the first render shows the way back and the page's title.
        (Roles.Staff, "/counter/members/DEMO2026", null),
        (Roles.Staff, "/counter/members/NOSUCH99", null),
        (Roles.Staff, "/staff/events", null),
        (Roles.Staff, "/staff/trials", null),
        (Roles.Staff, "/staff/sessions", null),
        (Roles.Manager, "/staff/events", null),
        (Roles.Manager, "/staff/trials", null),
        (Roles.Manager, "/staff/sessions", null),
        (Roles.Manager, "/manager/audit", null),
    ];
}
