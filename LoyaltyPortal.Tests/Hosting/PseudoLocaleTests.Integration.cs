using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's jobs, staff accounts, API keys, webhooks, import and export.</summary>
    private static readonly (string? Role, string Path, string? Part)[] IntegrationPages =
    [
        (Roles.Manager, "/manager/jobs", null),
        (Roles.Manager, "/manager/staff", null),
        (Roles.Manager, "/manager/api-keys", null),
        (Roles.Manager, "/manager/webhooks", null),
        (Roles.Manager, "/manager/members/import", null),
    ];
}
