using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's dashboard and insights (their figures load once interactive; the first render is checked).</summary>
    private static readonly (string? Role, string Path, string? Part)[] InsightsPages =
    [
        (Roles.Manager, "/manager", null),
        // All but the date range picker, whose inputs carry MudBlazor's own accessible names ("Start date", "End date").
        (Roles.Manager, "/manager/insights", "header, nav, .mud-main-content .mud-container > :not([role=search]), [role=search] > :not(.mud-picker)"),
    ];
}
