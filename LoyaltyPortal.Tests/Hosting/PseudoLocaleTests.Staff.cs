using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The counter and the staff's pages.</summary>
    private static readonly (string? Role, string Path, string? Part)[] StaffPages =
    [
        (Roles.Staff, "/counter", "header, nav"),
    ];
}
