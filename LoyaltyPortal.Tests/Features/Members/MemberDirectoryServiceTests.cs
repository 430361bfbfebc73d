using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members;

public sealed class MemberDirectoryServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Search_by_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<MemberDirectoryService>().SearchAsync(staff, new MemberQuery(), Ct));
    }

    [Theory, AllProviders]
    public async Task Search_by_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, member) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<MemberDirectoryService>().SearchAsync(member!, new MemberQuery(), Ct));
    }

    [Theory, AllProviders]
    public async Task Search_without_terms_lists_every_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Anna Müller", "Jo Smith", "Zoë Brown");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(), Ct);

        Assert.Equal((3, 3), (page.TotalCount, page.Rows.Count));
    }

    [Theory]
    [MemberData(nameof(NameWords))]
    public async Task Search_by_any_words_of_the_name_ignores_case_accents_and_order(
        DatabaseProvider provider, string search, string expected)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Müller", "Anna Müller", "Zoë Brown", "Łukasz Nowak", "Jo Smith",
            "Alex Morgan", "Sam Taylor", "Jo Taylor-Brown", "Morgana Smith", "Ade Bello");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(search), Ct);

        Assert.Equal(expected, string.Join(", ", page.Rows.Select(r => r.PreferredName)));
        Assert.Equal(page.Rows.Count, page.TotalCount);
    }

    public static TheoryData<DatabaseProvider, string, string> NameWords() => Cross(
        ("mull", "Anna Müller, Müller"), ("MÜLL", "Anna Müller, Müller"), ("Müller", "Anna Müller, Müller"), ("anna mü", "Anna Müller"),
        ("zoe", "Zoë Brown"), ("ZOË B", "Zoë Brown"), ("lukasz", "Łukasz Nowak"), ("łuk", "Łukasz Nowak"),
        ("  jo ", "Jo Smith, Jo Taylor-Brown"),
        // Surnames, as a manager types them (issue 19): "Morgan" found nobody while "Alex" found Alex Morgan.
        ("Morgan", "Alex Morgan, Morgana Smith"), ("taylor", "Jo Taylor-Brown, Sam Taylor"), ("brown", "Jo Taylor-Brown, Zoë Brown"),
        ("morgan alex", "Alex Morgan"), ("bel ad", "Ade Bello"), ("smith morgana", "Morgana Smith"), ("taylor ade", ""));

    [Theory, AllProviders]
    public async Task Search_by_surname_within_a_store_lists_only_that_stores_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var leeds = await db.AddStoreAsync("Leeds");
        await db.AddMemberAsync("Sam Taylor", homeStoreId: leeds.Id);
        await db.AddMemberAsync("Jo Taylor");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("Taylor", StoreId: leeds.Id), Ct);

        Assert.Equal(["Sam Taylor"], page.Rows.Select(r => r.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Search_by_whole_email_address_finds_the_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("Anna Müller", email: "anna.muller@example.com");
        await db.AddMemberAsync("Anna Smith", email: "anna.smith@example.com");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("Anna.Muller@Example.com"), Ct);

        Assert.Equal(["Anna Müller"], page.Rows.Select(r => r.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Search_by_email_prefix_with_at_sign_finds_the_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("Anna Müller", email: "anna.muller@example.com");
        await db.AddMemberAsync("Anna Müller", email: "anna.muller@elsewhere.org");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("ANNA.MULLER@EX"), Ct);

        Assert.Equal(["anna.muller@example.com"], page.Rows.Select(r => r.Email));
    }

    [Theory, AllProviders]
    public async Task Search_by_start_of_email_finds_the_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("Anna", email: "anna.muller@example.com");
        await db.AddMemberAsync("Anna", email: "anna.smith@example.com");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("anna.mul"), Ct);

        Assert.Equal(["anna.muller@example.com"], page.Rows.Select(r => r.Email));
    }

    [Theory]
    [MemberData(nameof(PhoneForms))]
    public async Task Search_by_full_phone_number_in_any_format_finds_the_member(DatabaseProvider provider, string search)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("Jo Smith", phone: "+447700900123");
        await db.AddMemberAsync("Sam Brown", phone: "+447700900124");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(search), Ct);

        Assert.Equal(["Jo Smith"], page.Rows.Select(r => r.PreferredName));
    }

    public static TheoryData<DatabaseProvider, string> PhoneForms() =>
        Cross("07700 900123", "07700900123", "+44 7700 900123", "+44 (0)7700 900-123", "0044 7700 900123", "(07700) 900 123");

    [Theory, AllProviders]
    public async Task Search_by_member_code_finds_the_member_in_any_case(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (jo, _) = await db.AddMemberAsync("Jo Smith");
        await db.AddMemberAsync("Sam Brown");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(" " + jo.MemberCode.ToLowerInvariant()), Ct);

        Assert.Equal([jo.Id], page.Rows.Select(r => r.Id));
    }

    [Theory, AllProviders]
    public async Task Search_by_store_lists_only_that_stores_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var leeds = await db.AddStoreAsync("Leeds");
        var york = await db.AddStoreAsync("York");
        await db.AddMemberAsync("Jo Smith", homeStoreId: leeds.Id);
        await db.AddMemberAsync("Jo Brown", homeStoreId: york.Id);
        await db.AddMemberAsync("Jo Green");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("jo", StoreId: leeds.Id), Ct);

        Assert.Equal([("Jo Smith", "Leeds")], page.Rows.Select(r => (r.PreferredName, r.HomeStoreName)));
    }

    [Theory, AllProviders]
    public async Task Search_sorted_by_name_ignores_case_and_accents(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "zoe", "Émile", "Ava", "Eve", "Łukasz");

        var ascending = await NamesAsync(db, manager, new MemberQuery(Sort: MemberSort.Name));
        var descending = await NamesAsync(db, manager, new MemberQuery(Sort: MemberSort.Name, Descending: true));

        Assert.Equal(["Ava", "Émile", "Eve", "Łukasz", "zoe"], ascending);
        Assert.Equal(["zoe", "Łukasz", "Eve", "Émile", "Ava"], descending);
    }

    [Theory, AllProviders]
    public async Task Search_sorted_by_joined_date_orders_both_ways(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Second", "Third", "First");
        await SetJoinedAsync(db, "First", -300);
        await SetJoinedAsync(db, "Second", -200);
        await SetJoinedAsync(db, "Third", -100);

        Assert.Equal(["First", "Second", "Third"], await NamesAsync(db, manager, new MemberQuery(Sort: MemberSort.Joined)));
        Assert.Equal(["Third", "Second", "First"], await NamesAsync(db, manager, new MemberQuery(Sort: MemberSort.Joined, Descending: true)));
    }

    [Theory, AllProviders]
    public async Task Search_sorted_by_code_orders_both_ways(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "A", "B", "C", "D", "E");
        var codes = await db.QueryAsync(c => c.Members.Select(m => m.MemberCode).ToListAsync(Ct));
        var service = db.Get<MemberDirectoryService>();

        var ascending = (await service.SearchAsync(manager, new MemberQuery(Sort: MemberSort.Code), Ct)).Rows.Select(r => r.MemberCode);
        var descending = (await service.SearchAsync(manager, new MemberQuery(Sort: MemberSort.Code, Descending: true), Ct)).Rows.Select(r => r.MemberCode);

        Assert.Equal(codes.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(codes.OrderDescending(StringComparer.Ordinal), descending);
    }

    [Theory, AllProviders]
    public async Task Search_pages_through_the_results_with_the_total_count(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Ava", "Ben", "Cat", "Dan", "Eve");
        var service = db.Get<MemberDirectoryService>();

        var pages = new List<MemberPage>();
        for (var page = 0; page < 3; page++) pages.Add(await service.SearchAsync(manager, new MemberQuery(Page: page, PageSize: 2), Ct));

        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));
        Assert.Equal(["Ava", "Ben", "Cat", "Dan", "Eve"], pages.SelectMany(p => p.Rows).Select(r => r.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Search_with_out_of_range_paging_is_clamped(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Ava", "Ben");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(Page: -3, PageSize: 0), Ct);

        Assert.Equal(["Ava"], page.Rows.Select(r => r.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Search_leaves_out_anonymised_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (gone, goneCaller) = await db.AddMemberAsync("Jo Gone");
        await db.AddMemberAsync("Jo Here");
        await db.Get<PersonalDataService>().AnonymiseAsync(goneCaller!.UserId, Ct);
        var service = db.Get<MemberDirectoryService>();

        var all = await service.SearchAsync(manager, new MemberQuery(), Ct);
        var byCode = await service.SearchAsync(manager, new MemberQuery(gone.MemberCode), Ct);

        Assert.Equal(["Jo Here"], all.Rows.Select(r => r.PreferredName));
        Assert.Equal(0, byCode.TotalCount);
    }

    [Theory, AllProviders]
    public async Task Search_with_sql_injection_matches_nobody(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Jo Smith", "Sam Brown");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery("' OR 1=1 --"), Ct);

        Assert.Equal(0, page.TotalCount);
    }

    [Theory, AllProviders]
    public async Task Search_with_like_wildcards_matches_them_literally(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Jo Smith", "Sam Brown");
        var service = db.Get<MemberDirectoryService>();

        Assert.Equal(0, (await service.SearchAsync(manager, new MemberQuery("%"), Ct)).TotalCount);
        Assert.Equal(0, (await service.SearchAsync(manager, new MemberQuery("_o"), Ct)).TotalCount);
    }

    [Theory]
    [MemberData(nameof(HostileSearches))]
    public async Task Search_with_hostile_input_returns_a_page(DatabaseProvider provider, string label)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Jo Smith", "Zoë 🌿", "محمد", "Dan 👍🏿");

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(Hostile[label]), Ct);

        Assert.InRange(page.Rows.Count, 0, page.TotalCount);
    }

    [Theory]
    [MemberData(nameof(EmojiNames))]
    public async Task Search_by_name_with_emoji_finds_the_member(DatabaseProvider provider, string name)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await AddMembersAsync(db, "Jo Smith", name);

        var page = await db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(name), Ct);

        Assert.Equal([name], page.Rows.Select(r => r.PreferredName));
    }

    [Theory]
    [InlineData("jo", "jp")]
    [InlineData("a\uffff", "a\U00010000")]
    [InlineData("\ud7ff", "\ue000")]
    [InlineData("dan \U0001F3FF", "dan \U0001F400")]
    [InlineData("a\U0010FFFF", "b")]
    public void Next_prefix_follows_the_last_character_in_code_point_order(string prefix, string expected) =>
        Assert.Equal(expected, MemberDirectoryService.NextPrefix(prefix));

    public static TheoryData<DatabaseProvider, string> EmojiNames() => Cross("Zoë 🌿", "Dan 👍🏿", "محمد");

    /// <summary>Keyed by a readable label, so test names stay printable.</summary>
    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["sql injection"] = "' OR 1=1 --",
        ["percent"] = "%",
        ["underscore"] = "_",
        ["emoji"] = "🌿",
        ["emoji ending in DFFF"] = "👍🏿",
        ["right-to-left"] = "مرحبا",
        ["right-to-left override"] = "\u202Egnp.exe",
        ["10,000 letters"] = new string('a', 10_000),
        ["10,000 digits"] = "0" + new string('7', 9_999),
        ["emoji split at the length limit"] = "a" + string.Concat(Enumerable.Repeat("🌿", 5_000)),
        ["whitespace only"] = " \t\u00a0 ",
        ["lone combining mark"] = "\u0301",
        ["lone high surrogate"] = "\ud83d",
        ["lone low surrogate"] = "jo\ude00",
        ["last character before surrogates"] = "\ud7ff",
        ["last BMP character"] = "\uffff",
        ["nul"] = "jo\0",
        ["nul in email"] = "jo\0@example.com",
        ["control characters"] = "\u0001\u001b[31m",
        ["only an at sign"] = "@",
        ["email ending in last BMP character"] = "a@\uffff",
        ["plus"] = "+",
        ["zero"] = "0",
    };

    public static TheoryData<DatabaseProvider, string> HostileSearches() => Cross([.. Hostile.Keys]);

    private static TheoryData<DatabaseProvider, string> Cross(params string[] values)
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in TestDb.Providers)
        {
            foreach (var value in values) data.Add(provider, value);
        }
        return data;
    }

    private static TheoryData<DatabaseProvider, string, string> Cross(params (string, string)[] values)
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in TestDb.Providers)
        {
            foreach (var (a, b) in values) data.Add(provider, a, b);
        }
        return data;
    }

    private static async Task AddMembersAsync(TestDb db, params string[] names)
    {
        foreach (var name in names) await db.AddMemberAsync(name, withLogin: false);
    }

    private static async Task SetJoinedAsync(TestDb db, string name, int days)
    {
        var joined = db.Clock.GetUtcNow().UtcDateTime.AddDays(days);
        await db.QueryAsync(c => c.Members.Where(m => m.PreferredName == name).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, joined), Ct));
    }

    private static async Task<List<string>> NamesAsync(TestDb db, Caller manager, MemberQuery query) =>
        (await db.Get<MemberDirectoryService>().SearchAsync(manager, query, Ct)).Rows.Select(r => r.PreferredName).ToList();
}
