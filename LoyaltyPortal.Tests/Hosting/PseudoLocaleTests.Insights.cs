using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's dashboard and insights.</summary>
    private static readonly (string? Role, string Path, string? Part)[] InsightsPages =
    [
    ];
}
