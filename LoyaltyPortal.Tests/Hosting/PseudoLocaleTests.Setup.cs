using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>
    /// The manager's progress setup (each tab), benefits and feedback, and the member's "why this tier" and feedback
    /// pages. "{Event}" stands for a demo benefit of that kind, "{Finished}" for the member's finished booking.
    /// </summary>
    private static readonly (string? Role, string Path, string? Part)[] SetupPages =
    [
        (Roles.Manager, "/manager/progress", null),
        (Roles.Manager, "/manager/progress?tab=tiers", null),
        (Roles.Manager, "/manager/progress?tab=achievements", null),
        (Roles.Manager, "/manager/progress?tab=settings", null),
        (Roles.Member, "/me/progress/why", null),
        (Roles.Manager, "/manager/benefits", null),
        (Roles.Manager, "/manager/benefits/new/event", null),
        (Roles.Manager, "/manager/benefits/new/trial", null),
        (Roles.Manager, "/manager/benefits/new/guidance", null),
        (Roles.Manager, "/manager/benefits/{Event}", null),
        (Roles.Manager, "/manager/benefits/{Event}/edit", null),
        (Roles.Manager, "/manager/benefits/{Trial}", null),
        (Roles.Manager, "/manager/benefits/{Trial}/edit", null),
        (Roles.Manager, "/manager/benefits/{Guidance}", null),
        (Roles.Manager, "/manager/benefits/{Guidance}/edit", null),
        (Roles.Manager, "/manager/benefits/0", null),
        (Roles.Manager, "/manager/feedback", null),
        (Roles.Member, "/me/you-said-we-did", null),
        (Roles.Member, "/me/feedback/{Finished}", null),
        (Roles.Member, "/me/feedback/0", null),
    ];

    /// <summary>A page path with its "{Event}"-style placeholders filled from the demo data.</summary>
    private async Task<string> PathForAsync(string template)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(ct);
        foreach (var kind in Enum.GetValues<BenefitKind>().Where(kind => template.Contains($"{{{kind}}}", StringComparison.Ordinal)))
        {
            var id = await db.Benefits.Where(b => b.Kind == kind && b.Status == BenefitStatus.Published).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(ct);
            return template.Replace($"{{{kind}}}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (!template.Contains("{Finished}", StringComparison.Ordinal)) return template;
        var email = DemoAccounts.Primary.Single(a => a.Role == Roles.Member).Email;
        var bookingId = await db.Bookings
            .Where(b => (b.Status == BookingStatus.Attended || b.Status == BookingStatus.Kept || b.Status == BookingStatus.Returned)
                && db.Members.Any(m => m.Id == b.MemberId && db.Users.Any(u => u.Id == m.UserId && u.Email == email)))
            .OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(ct);
        return template.Replace("{Finished}", bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
