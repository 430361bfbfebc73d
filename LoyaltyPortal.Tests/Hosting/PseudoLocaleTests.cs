using System.Text.RegularExpressions;
using AngleSharp.Dom;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>
/// Renders pages in a pseudo-language whose every resource text is wrapped in [!! … !!]. Visible text or a label that
/// is not wrapped was written into the markup instead of coming from a resource: it would stay English in German.
/// Allowed unwrapped: numbers and punctuation, the brand, language names, people's names and email addresses.
/// </summary>
public sealed partial class PseudoLocaleTests : IClassFixture<PseudoLocaleTests.PseudoApp>
{
    private static readonly string[] LabelAttributes = ["aria-label", "title", "alt", "placeholder"];

    private readonly PseudoApp app;

    public PseudoLocaleTests(PseudoApp app) => this.app = app;

    /// <summary>
    /// Pages translated so far, each with the part of it to check (null: the whole page). Each area keeps its list in its
    /// own file (PseudoLocaleTests.Member.cs, .Staff.cs, .Insights.cs, …).
    /// </summary>
    public static TheoryData<string?, string, string?> Pages()
    {
        var pages = new TheoryData<string?, string, string?>();
        foreach (var (role, path, part) in AccountPages.Concat(MemberPages).Concat(StaffPages)
            .Concat(InsightsPages).Concat(SetupPages).Concat(IntegrationPages).Concat(MembersAdminPages))
        {
            pages.Add(role, path, part);
        }
        return pages;
    }

    private static readonly (string? Role, string Path, string? Part)[] AccountPages =
    [
        (null, "/", null),
        (null, "/Error", null),
        (null, "/not-found", null),
        (null, "/Account/Login", null),
        (null, "/Account/Register", null),
        (null, "/Account/ForgotPassword", null),
        (null, "/Account/ForgotPasswordConfirmation", null),
        (null, "/Account/ResendEmailConfirmation", null),
        (null, "/Account/ResetPassword?code=YWJj", null),
        (null, "/Account/ResetPasswordConfirmation", null),
        (null, "/Account/InvalidPasswordReset", null),
        (null, "/Account/InvalidUser", null),
        (null, "/Account/Lockout", null),
        (null, "/Account/AccessDenied", null),
        (null, "/Account/ConfirmEmail?userId=nobody&code=YWJj", null),
        (null, "/Account/ConfirmEmailChange?userId=nobody&email=a%40example.com&code=YWJj", null),
        // The alert explaining a bad link is MemberClaimService's message (Features), not this page's text.
        (null, "/Account/Claim", "header, h1, .mud-stack"),
        (Roles.Member, "/Account/Manage", null),
        (Roles.Member, "/Account/Manage/Email", null),
        (Roles.Member, "/Account/Manage/ChangePassword", null),
        (Roles.Member, "/Account/Manage/TwoFactorAuthentication", null),
        (Roles.Member, "/Account/Manage/EnableAuthenticator", null),
        (Roles.Member, "/Account/Manage/ResetAuthenticator", null),
        (Roles.Member, "/Account/Manage/Passkeys", null),
        (Roles.Member, "/Account/Manage/ExternalLogins", null),
        (Roles.Member, "/Account/Manage/PersonalData", null),
        (Roles.Member, "/Account/Manage/DeletePersonalData", null),
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pseudo_language_page_has_no_hard_coded_text(string? role, string path, string? part)
    {
        using var client = role is null ? PortalClient.For(app.Factory)
            : await PortalClient.SignedInAsync(app.Factory, DemoAccounts.Primary.Single(a => a.Role == role).Email, DemoAccounts.Password);

        path = await PathForAsync(path);
        var page = await client.GetPageAsync(path);

        Assert.Equal(path.Split('?')[0], page.Path);
        var roots = part is null ? [page.Document.Body!] : page.Document.QuerySelectorAll(part).ToArray();
        Assert.NotEmpty(roots);
        var allowed = Allowed(role);
        var content = await ProgrammeContentAsync();
        var hardCoded = roots.SelectMany(HardCodedTexts).Select(text => WithoutContent(text, content))
            .Where(text => text.Length > 0 && !allowed.Contains(text) && !EmailAddress().IsMatch(text) && !MemberCode().IsMatch(text))
            .Where(text => !content.Any(c => LettersOf(c).Contains(LettersOf(text), StringComparison.Ordinal))).Distinct().ToList();
        Assert.True(hardCoded.Count == 0, $"Hard-coded on {path}:\n" + string.Join("\n", hardCoded));
    }

    [Fact]
    public void Pseudo_language_wraps_a_resource_text_and_leaves_a_missing_one_alone()
    {
        var localizer = app.Factory.Services.GetRequiredService<IStringLocalizer<LoyaltyPortal.Components.Layout.LayoutText>>();

        Assert.Equal("[!!Log in!!]", localizer["Log in"].Value);
        Assert.Equal("Not a resource", localizer["Not a resource"].Value);
    }

    [Theory]
    [InlineData("[!!Kept by [!!a friend!!] on 5 Dec!!]", "")]
    [InlineData("[!!Booked!!] [!!for [!!you!!]!!] hard-coded", "hard-coded")]
    [InlineData("[!!One!!] middle [!!Two!!]", "middle")]
    public void Pseudo_language_sees_a_text_inside_another_texts_placeholder_as_wrapped(string text, string left) =>
        Assert.Equal(left, Unwrapped(text));

    /// <summary>What managers, staff and members wrote (names, titles, descriptions), which stays in their words.</summary>
    private async Task<List<string>> ProgrammeContentAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        string?[][] sets =
        [
            [.. await db.Stores.Select(s => s.Name).ToListAsync(ct)],
            [.. await db.Stores.Select(s => s.Address).ToListAsync(ct)],
            [.. await db.Tiers.Select(t => t.Name).ToListAsync(ct)],
            [.. await db.Tiers.Select(t => t.Unlocks).ToListAsync(ct)],
            [.. await db.Achievements.Select(a => a.Name).ToListAsync(ct)],
            [.. await db.Achievements.Select(a => a.Description).ToListAsync(ct)],
            [.. await db.Benefits.Select(b => b.Title).ToListAsync(ct)],
            [.. await db.Benefits.Select(b => b.Description).ToListAsync(ct)],
            [.. await db.Benefits.Select(b => b.LocationAddress).ToListAsync(ct)],
            [.. await db.Benefits.Select(b => b.ProductName).ToListAsync(ct)],
            [.. await db.Interests.Select(i => i.Name).ToListAsync(ct)],
            [.. await db.Users.Select(u => u.DisplayName).ToListAsync(ct)],
            // Members' own words: the names of those without a login, what matters to them, their pulse answers, staff notes.
            [.. await db.Members.Select(m => m.PreferredName).ToListAsync(ct)],
            [.. await db.Members.Where(m => m.WhatMatters != null).Select(m => m.WhatMatters).ToListAsync(ct)],
            [.. await db.PulseResponses.Where(p => p.MattersText != null).Select(p => p.MattersText).ToListAsync(ct)],
            [.. await db.StaffNotes.Select(n => n.Text).ToListAsync(ct)],
            // What members said about an experience, and the team's replies with their names.
            [.. await db.ExperienceFeedback.Where(f => f.Comment != null).Select(f => f.Comment).ToListAsync(ct)],
            [.. await db.FeedbackReplies.Select(r => r.Text).ToListAsync(ct)],
            [.. await db.FeedbackReplies.Select(r => r.AuthorName).ToListAsync(ct)],
            // Stored with the activity when it happened (a staff note, a referral's name).
            [.. await db.Activities.Where(a => a.Description != null).Select(a => a.Description).Distinct().ToListAsync(ct)],
        ];
        return sets.SelectMany(set => set).OfType<string>().Where(text => text.Length > 0).OrderByDescending(text => text.Length).ToList();
    }

    // A card shows a description's text without its Markdown, so people's words are compared by their letters alone.
    private static string LettersOf(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    // People's words and formatted dates and times, taken out of a text; what remains must have come from a resource.
    private static string WithoutContent(string text, List<string> content)
    {
        foreach (var piece in content.Where(piece => text.Contains(piece, StringComparison.Ordinal)))
        {
            text = text.Replace(piece, " ", StringComparison.Ordinal);
        }
        text = DateOrTime().Replace(text, " ").Trim();
        return NumbersAndPunctuation().IsMatch(text) ? "" : text;
    }

    private static HashSet<string> Allowed(string? role)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "LoyaltyPortal" };
        foreach (var code in PortalLanguages.Codes)
        {
            allowed.Add(code.ToUpperInvariant());
            allowed.Add(PortalLanguages.NativeName(code));
        }
        if (DemoAccounts.Primary.SingleOrDefault(a => a.Role == role) is { } account)
        {
            allowed.Add(account.Name);
            allowed.Add(string.Concat(account.Name.Split(' ').Take(2).Select(part => part[0])));
        }
        return allowed;
    }

    private static IEnumerable<string> HardCodedTexts(IElement root)
    {
        foreach (var node in root.Descendants())
        {
            if (node is IText text && !InIgnoredElement(text)) yield return Unwrapped(text.Data);
            if (node is IElement element)
            {
                foreach (var name in LabelAttributes)
                {
                    if (element.GetAttribute(name) is { } value) yield return Unwrapped(value);
                }
            }
        }
    }

    // code and kbd show values (an authenticator key, recovery codes, an error reference), never words.
    private static bool InIgnoredElement(INode node) =>
        node.Ancestors<IElement>().Any(e => e.LocalName is "script" or "style" or "template" or "svg" or "noscript" or "code" or "kbd");

    // What is left once wrapped texts are taken out, unless it is only numbers, punctuation and symbols. A text may sit
    // in another's placeholder ("[!!Kept by [!!a friend!!]!!]"), so the innermost are taken out first, then the next.
    private static string Unwrapped(string text)
    {
        var rest = text;
        for (var inner = Wrapped().Replace(rest, " "); inner != rest; inner = Wrapped().Replace(rest, " ")) rest = inner;
        rest = rest.Trim();
        return NumbersAndPunctuation().IsMatch(rest) ? "" : rest;
    }

    [GeneratedRegex(@"\[!!((?!\[!!|!!\]).)*!!\]", RegexOptions.Singleline)]
    private static partial Regex Wrapped();

    // "12 Dec 2026, 09:00", "Sun 6 Dec, 18:00", "27 Sept 2026": the culture's own month and day names, not resources.
    [GeneratedRegex(@"(\b\p{L}{2,4}\.? )?\b\d{1,2}\.? \p{L}{3,5}\.?( \d{4})?(, \d{2}:\d{2})?|\b\d{2}:\d{2}\b")]
    private static partial Regex DateOrTime();

    [GeneratedRegex("^[A-Z0-9]{6,12}$")]
    private static partial Regex MemberCode();

    [GeneratedRegex(@"^\S+@\S+\.\S+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^[\d\s\p{P}\p{S}]*$")]
    private static partial Regex NumbersAndPunctuation();

    public sealed class PseudoApp : IDisposable
    {
        public PortalAppFactory Factory { get; } = new(testServices: services =>
            services.AddSingleton<IStringLocalizerFactory, PseudoLocalizerFactory>());

        public void Dispose() => Factory.Dispose();
    }

    /// <summary>The real resource lookup, with every text it finds wrapped.</summary>
    private sealed class PseudoLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
    {
        private readonly ResourceManagerStringLocalizerFactory resources = new(options, loggers);

        public IStringLocalizer Create(Type resourceSource) => new PseudoLocalizer(resources.Create(resourceSource));

        public IStringLocalizer Create(string baseName, string location) => new PseudoLocalizer(resources.Create(baseName, location));
    }

    private sealed class PseudoLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Wrap(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Wrap(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Wrap);

        private static LocalizedString Wrap(LocalizedString text) =>
            text.ResourceNotFound ? text : new LocalizedString(text.Name, $"[!!{text.Value}!!]", false, text.SearchedLocation);
    }
}
