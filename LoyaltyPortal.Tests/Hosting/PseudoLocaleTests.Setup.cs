using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's benefits, feedback and progress setup.</summary>
    private static readonly (string? Role, string Path, string? Part)[] SetupPages =
    [
    ];
}
