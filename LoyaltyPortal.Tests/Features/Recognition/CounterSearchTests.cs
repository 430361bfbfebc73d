using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>The counter's one search box: names by any word, phones in any format or by last four, emails, codes.</summary>
public sealed class CounterSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, LoyaltyPortal.Components.Account.Caller Staff)> SetUpAsync(DatabaseProvider provider)
    {
        var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        await db.AddMemberAsync("Anna Müller", email: "anna.mueller@example.com", phone: "+447700900123");
        await db.AddMemberAsync("Jo Mullins", email: "jo@example.com", phone: "+447700900456");
        await db.AddMemberAsync("Zoë Jean-Baptiste", email: "zoe@example.org");
        return (db, staff);
    }

    private static async Task<List<string>> NamesAsync(TestDb db, LoyaltyPortal.Components.Account.Caller staff, string text) =>
        (await db.Get<CounterSearchService>().SearchAsync(staff, text, Ct)).Matches.Select(m => m.PreferredName).Order().ToList();

    [Theory, AllProviders]
    public async Task Any_word_of_a_name_matches_by_prefix_ignoring_case_and_accents(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;

        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "mull"));
        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "MÜLLER"));
        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "anna mul"));
        Assert.Equal(["Zoë Jean-Baptiste"], await NamesAsync(db, staff, "bapt"));
        Assert.Equal(["Zoë Jean-Baptiste"], await NamesAsync(db, staff, "zoe"));
    }

    [Theory, AllProviders]
    public async Task A_phone_number_in_any_format_or_its_last_four_digits_matches(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;

        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "07700 900123"));
        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "+44 (0)7700-900-123".Replace("(0)", "")));
        Assert.Equal(["Jo Mullins"], await NamesAsync(db, staff, "0456"));
    }

    [Theory, AllProviders]
    public async Task The_start_of_an_email_or_the_member_code_matches(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var (coded, _) = await db.AddMemberAsync("Code Person");

        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "anna.mu"));
        Assert.Equal(["Jo Mullins"], await NamesAsync(db, staff, "JO@EX"));
        Assert.Equal(["Code Person"], await NamesAsync(db, staff, coded.MemberCode.ToLowerInvariant()));
    }

    [Theory, AllProviders]
    public async Task A_member_code_opens_only_its_member_and_other_code_shaped_terms_search_on(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var (coded, _) = await db.AddMemberAsync("Code Person");
        await db.AddMemberAsync("Email Lookalike", email: coded.MemberCode.ToLowerInvariant() + "@example.com");
        await db.AddMemberAsync("Kiwi Eightchr", email: "kiwieigh@example.com");

        Assert.Equal(["Code Person"], await NamesAsync(db, staff, coded.MemberCode));
        // Eight letters that are nobody's code: still a name or an email.
        Assert.Equal(["Kiwi Eightchr"], await NamesAsync(db, staff, "eightchr"));
        Assert.Equal(["Kiwi Eightchr"], await NamesAsync(db, staff, "kiwieigh"));
    }

    [Theory, AllProviders]
    public async Task Results_mask_phone_and_email(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;

        var match = Assert.Single((await db.Get<CounterSearchService>().SearchAsync(staff, "anna", Ct)).Matches);

        Assert.Equal(("••• ••• 0123", "an•••@example.com"), (match.MaskedPhone, match.MaskedEmail));
    }

    [Theory, AllProviders]
    public async Task Hostile_and_odd_input_finds_nothing_and_never_throws(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        string[] inputs = ["' OR 1=1 --", "%", "_", "%%%", "😀", "مرحبا", "\u202Emull", "   ", "\t\n", new string('a', 10_000), "\0", "\uD800"];

        foreach (var input in inputs)
        {
            var result = await db.Get<CounterSearchService>().SearchAsync(staff, input, Ct);
            Assert.True(result.Matches.Count == 0 || input == "\u202Emull", $"'{input}' matched {result.Matches.Count}");
        }
        // The bidirectional override is stripped, leaving a sensible match.
        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "\u202Emull"));
    }

    [Theory, AllProviders]
    public async Task Anonymised_members_are_never_found(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var (_, caller) = await db.AddMemberAsync("Gone Mullally", phone: "+447700900999");
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        Assert.DoesNotContain("Deleted member", await NamesAsync(db, staff, "mull"));
        Assert.Empty(await NamesAsync(db, staff, "0999"));
    }

    [Theory, AllProviders]
    public async Task Only_staff_search_and_each_is_rate_limited(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var (_, member) = await db.AddMemberAsync("Nosy Member");
        var manager = await db.AddUserAsync(Roles.Manager);
        var search = db.Get<CounterSearchService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => search.SearchAsync(member!, "mull", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => search.SearchAsync(manager, "mull", Ct));

        // The bucket refills a whole burst every 10 seconds on its own timer, so a slow run may cross a refill: search
        // until refused, and check that a whole burst passed first.
        var results = new List<CounterSearchResult>();
        while (results.Count < 200 && results.LastOrDefault()?.Message is null) results.Add(await search.SearchAsync(staff, "mull", Ct));
        Assert.True(results.Count > 30, $"refused after {results.Count - 1} searches");
        Assert.Equal("That's a lot of searches at once. Wait a moment, then try again.", results[^1].Message);
        var colleague = await db.AddUserAsync(Roles.Staff, storeId: staff.StoreId);
        Assert.Equal(2, (await search.SearchAsync(colleague, "mull", Ct)).Matches.Count);
    }

    [Theory, AllProviders]
    public async Task More_than_a_page_of_matches_says_more_match_and_a_page_or_fewer_does_not(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        for (var i = 0; i < CounterSearchService.MaxResults + 1; i++) await db.AddMemberAsync($"Taylor {(char)('A' + i)}son", withLogin: false);
        var search = db.Get<CounterSearchService>();

        var many = await search.SearchAsync(staff, "taylor", Ct);
        var few = await search.SearchAsync(staff, "mull", Ct);

        Assert.Equal((CounterSearchService.MaxResults, true), (many.Matches.Count, many.MoreMatch));
        Assert.Equal((2, false), (few.Matches.Count, few.MoreMatch));
        // Exactly a page is not "more".
        await db.AddMemberAsync("Mullet Person", withLogin: false);
        for (var i = 0; i < CounterSearchService.MaxResults - 3; i++) await db.AddMemberAsync($"Mull {i}", withLogin: false);
        var page = await search.SearchAsync(staff, "mull", Ct);
        Assert.Equal((CounterSearchService.MaxResults, false), (page.Matches.Count, page.MoreMatch));
    }

    [Theory, AllProviders]
    public async Task Each_result_shows_home_store_tier_and_last_visit_to_tell_namesakes_apart(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var leeds = await db.AddStoreAsync("Leeds Trinity");
        var (visitor, _) = await db.AddMemberAsync("Sam Taylor", withLogin: false, homeStoreId: leeds.Id);
        await db.AddMemberAsync("Sam Taylor", withLogin: false);
        var lastVisit = db.Clock.GetUtcNow().UtcDateTime.AddDays(-2);
        await db.AddActivityAsync(visitor.Id, ActivityType.Visit, lastVisit.AddDays(-5), leeds.Id);
        await db.AddActivityAsync(visitor.Id, ActivityType.Visit, lastVisit, leeds.Id);
        await db.AddActivityAsync(visitor.Id, ActivityType.Purchase, lastVisit.AddHours(1), leeds.Id, 20m);
        await using (var context = db.NewContext())
        {
            var gold = context.Tiers.Single(t => t.Name == "Gold").Id;
            context.MemberStandings.Add(new() { MemberId = visitor.Id, TierId = gold, UpdatedAt = lastVisit });
            await context.SaveChangesAsync(Ct);
        }

        var matches = (await db.Get<CounterSearchService>().SearchAsync(staff, "sam taylor", Ct)).Matches;

        var known = Assert.Single(matches, m => m.MemberId == visitor.Id);
        Assert.Equal(("Leeds Trinity", "Gold"), (known.StoreName, known.TierName));
        Assert.Equal(lastVisit, known.LastVisitAt!.Value, TimeSpan.FromSeconds(1));
        var stranger = Assert.Single(matches, m => m.MemberId != visitor.Id);
        Assert.Equal((null, null, null), (stranger.StoreName, stranger.TierName, stranger.LastVisitAt));
    }

    [Theory, AllProviders]
    public async Task The_start_of_a_national_number_or_of_a_member_code_matches(DatabaseProvider provider)
    {
        var (db, staff) = await SetUpAsync(provider);
        await using var _ = db;
        await db.AddMemberAsync("Other Country", phone: "+337700900777", withLogin: false);
        var (coded, _) = await db.AddMemberAsync("Code Start", withLogin: false);

        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "07700"));
        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "07700 900"));
        Assert.Equal(["Anna Müller"], await NamesAsync(db, staff, "07700 9001"));
        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "+44 (0)7700"));
        Assert.Equal(["Anna Müller", "Jo Mullins"], await NamesAsync(db, staff, "+4477"));
        Assert.Equal(["Other Country"], await NamesAsync(db, staff, "+3377"));
        Assert.Equal(["Other Country"], await NamesAsync(db, staff, "0033 77"));
        Assert.Empty(await NamesAsync(db, staff, "07799"));
        Assert.Contains("Code Start", await NamesAsync(db, staff, coded.MemberCode[..4].ToLowerInvariant()));
        Assert.Contains("Code Start", await NamesAsync(db, staff, coded.MemberCode[..7]));
    }
}
