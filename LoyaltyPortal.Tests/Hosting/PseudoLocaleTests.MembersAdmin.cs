using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    // MudDataGrid's own texts (the pager's "Rows per page" and "First page", the headers' "Sort" and "Column options")
    // are MudBlazor's: pages with a grid are checked everywhere but the pager and the header buttons.
    private const string MemberListOutsideGridChrome =
        ".mud-main-content [role=group], .sortable-column-header, .mud-table-body, .mud-table-pagination-toolbar ~ p, p[role=status]";

    private const string ReferralsOutsideGridChrome =
        "h1, h2, h3, .mud-main-content > .mud-container > p, .mud-table-container, .mud-paper > form, [data-testid=referral-chain], .empty-state";

    /// <summary>The manager's member list, member pages and referrals.</summary>
    private static readonly (string? Role, string Path, string? Part)[] MembersAdminPages =
    [
        (Roles.Manager, "/manager/members", MemberListOutsideGridChrome),
        (Roles.Manager, "/manager/members/1", null),
        (Roles.Manager, "/manager/members/999999", null),
        (Roles.Manager, "/manager/referrals", ReferralsOutsideGridChrome),
        (Roles.Manager, "/manager/referrals?member=1", ReferralsOutsideGridChrome),
    ];
}
