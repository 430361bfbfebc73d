using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Hosting;

public sealed partial class PseudoLocaleTests
{
    /// <summary>The manager's progress setup (each tab) and the member's "why this tier".</summary>
    private static readonly (string? Role, string Path, string? Part)[] SetupPages =
    [
        (Roles.Manager, "/manager/progress", null),
        (Roles.Manager, "/manager/progress?tab=tiers", null),
        (Roles.Manager, "/manager/progress?tab=achievements", null),
        (Roles.Manager, "/manager/progress?tab=settings", null),
        (Roles.Member, "/me/progress/why", null),
    ];

    /// <summary>
    /// The benefit and feedback pages. They show members' own words (their names, comments and the team's replies), so
    /// those are allowed as well; "{Event}" stands for a demo benefit of that kind, "{Finished}" for the member's finished booking.
    /// </summary>
    public static TheoryData<string, string> SetupPagesWithMembersWords() => new()
    {
        { Roles.Manager, "/manager/benefits" },
        { Roles.Manager, "/manager/benefits/new/event" },
        { Roles.Manager, "/manager/benefits/new/trial" },
        { Roles.Manager, "/manager/benefits/new/guidance" },
        { Roles.Manager, "/manager/benefits/{Event}" },
        { Roles.Manager, "/manager/benefits/{Event}/edit" },
        { Roles.Manager, "/manager/benefits/{Trial}" },
        { Roles.Manager, "/manager/benefits/{Trial}/edit" },
        { Roles.Manager, "/manager/benefits/{Guidance}" },
        { Roles.Manager, "/manager/benefits/{Guidance}/edit" },
        { Roles.Manager, "/manager/benefits/0" },
        { Roles.Manager, "/manager/feedback" },
        { Roles.Member, "/me/you-said-we-did" },
        { Roles.Member, "/me/feedback/{Finished}" },
        { Roles.Member, "/me/feedback/0" },
    };

    // MudBlazor's own texts, in its own language: the table pager ("Rows per page:", "1-25 of 40", its page buttons) is
    // taken out of the page, and the spin buttons of number fields, a time picker's "Open", a select's "Clear" and the rating's label are allowed.
    private const string MudBlazorOwnParts = ".mud-table-pagination";
    private static readonly string[] MudBlazorOwnTexts = ["Increment", "Decrement", "Open", "Rating", "Clear"];

    [Theory]
    [MemberData(nameof(SetupPagesWithMembersWords))]
    public async Task Pseudo_language_setup_page_has_no_hard_coded_text(string role, string template)
    {
        var path = await PathForAsync(template);
        using var client = await PortalClient.SignedInAsync(app.Factory, DemoAccounts.Primary.Single(a => a.Role == role).Email, DemoAccounts.Password);

        var page = await client.GetPageAsync(path);

        Assert.Equal(path, page.Path);
        var document = page.Document;
        foreach (var own in document.QuerySelectorAll(MudBlazorOwnParts)) own.Remove();
        var allowed = Allowed(role);
        allowed.UnionWith(MudBlazorOwnTexts);
        var content = (await ProgrammeContentAsync()).Concat(await MembersWordsAsync()).OrderByDescending(text => text.Length).ToList();
        var hardCoded = HardCodedTexts(document.Body!).Select(text => WithoutContent(text, content))
            .Where(text => text.Length > 0 && !allowed.Contains(text) && !EmailAddress().IsMatch(text) && !MemberCode().IsMatch(text))
            // ProgrammeDateField (Components/Shared) says which time zone dates are in; the insights area translates it.
            .Where(text => !text.StartsWith("Programme time (", StringComparison.Ordinal))
            .Where(text => !content.Any(c => LettersOf(c).Contains(LettersOf(text), StringComparison.Ordinal))).Distinct().ToList();
        Assert.True(hardCoded.Count == 0, $"Hard-coded on {path}:\n" + string.Join("\n", hardCoded));
    }

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

    /// <summary>Members' names, what they said about an experience and what the team answered: their words, not ours.</summary>
    private async Task<List<string>> MembersWordsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(ct);
        string?[][] sets =
        [
            [.. await db.Members.Select(m => m.PreferredName).ToListAsync(ct)],
            [.. await db.ExperienceFeedback.Where(f => f.Comment != null).Select(f => f.Comment).ToListAsync(ct)],
            [.. await db.FeedbackReplies.Select(r => r.Text).ToListAsync(ct)],
            [.. await db.FeedbackReplies.Select(r => r.AuthorName).ToListAsync(ct)],
        ];
        return sets.SelectMany(set => set).OfType<string>().Where(text => text.Length > 0).Distinct().ToList();
    }
}
