using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's pages.</summary>
    private static readonly (string? Role, string Path, string? Part)[] ManagerPages =
    [
        (Roles.Manager, "/manager", "header, nav"),
    ];
}
