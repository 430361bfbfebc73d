using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's dashboard and insights (their figures load once interactive; the first render is checked).</summary>
    private static readonly (string? Role, string Path, string? Part)[] InsightsPages =
    [
        (Roles.Manager, "/manager", null),
        (Roles.Manager, "/manager/insights", null),
    ];
}
