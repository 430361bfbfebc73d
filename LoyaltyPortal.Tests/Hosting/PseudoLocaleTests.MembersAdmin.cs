using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's member list, member pages and referrals.</summary>
    private static readonly (string? Role, string Path, string? Part)[] MembersAdminPages =
    [
    ];
}
