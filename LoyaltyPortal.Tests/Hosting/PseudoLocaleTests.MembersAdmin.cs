using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's member list, member pages and referrals.</summary>
    private static readonly (string? Role, string Path, string? Part)[] MembersAdminPages =
    [
        (Roles.Manager, "/manager/members", null),
        (Roles.Manager, "/manager/members/1", null),
        (Roles.Manager, "/manager/members/999999", null),
        (Roles.Manager, "/manager/referrals", null),
        (Roles.Manager, "/manager/referrals?member=1", null),
    ];
}
