using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>Staff enrol a person at the counter: a member without a login, once per person.</summary>
public sealed class EnrolmentServiceTests
{

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EnrolInput Input(string name = "Anna Müller", string? phone = "07400 900123", string? email = null, bool terms = true) =>
        new() { PreferredName = name, Phone = phone, Email = email, AcceptsTerms = terms };

    private static async Task<(TestDb Db, Caller Staff, Store Store)> SetUpAsync(DatabaseProvider provider, bool onDisk = false)
    {
        var db = await TestDb.CreateAsync(provider, onDisk);
        var store = await db.AddStoreAsync();
        return (db, await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id), store);
    }

    private static Task<EnrolResult> EnrolAsync(TestDb db, Caller caller, EnrolInput input) => db.Get<EnrolmentService>().EnrolAsync(caller, input, Ct);

    [Theory, AllProviders]
    public async Task Enrolling_creates_a_member_without_a_login_at_the_staff_members_store(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;

        var input = Input("  Anna Müller  ");
        input.ConsentContact = true;

        var result = await EnrolAsync(db, staff, input);

        Assert.True(result.Succeeded, result.Message);
        var member = await db.QueryAsync(c => c.Members.SingleAsync(m => m.MemberCode == result.MemberCode, Ct));
        Assert.Equal(("Anna Müller", "+447400900123", "0123", null, store.Id), (member.PreferredName, member.Phone, member.PhoneLast4, member.UserId, member.HomeStoreId));
        Assert.Equal((db.Clock.GetUtcNow().UtcDateTime, true), (member.JoinedAt, member.ConsentContact));
        Assert.Equal(MemberRules.CodeLength, member.MemberCode.Length);
        Assert.Equal(result.MemberId, member.Id);
    }

    [Theory, AllProviders]
    public async Task Enrolling_appends_the_joined_entry_to_the_ledger(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input());

        var joined = await db.QueryAsync(c => c.Activities.SingleAsync(a => a.MemberId == result.MemberId, Ct));
        Assert.Equal((ActivityType.Joined, $"joined:{result.MemberId}", store.Id, staff.UserId, 50),
            (joined.Type, joined.SourceKey, joined.StoreId, joined.StaffUserId, joined.Points));
    }

    [Theory, AllProviders]
    public async Task The_new_member_is_found_at_the_counter_by_any_word_of_their_name_and_by_phone(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        await EnrolAsync(db, staff, Input("Zoë Jean-Baptiste", email: "zoe@example.org", phone: null));
        await EnrolAsync(db, staff, Input("Anna Müller"));
        var search = db.Get<CounterSearchService>();

        Assert.Equal(["Zoë Jean-Baptiste"], (await search.SearchAsync(staff, "bapt", Ct)).Matches.Select(m => m.PreferredName));
        Assert.Equal(["Anna Müller"], (await search.SearchAsync(staff, "muller", Ct)).Matches.Select(m => m.PreferredName));
        Assert.Equal(["Anna Müller"], (await search.SearchAsync(staff, "0123", Ct)).Matches.Select(m => m.PreferredName));
        Assert.Equal(["Zoë Jean-Baptiste"], (await search.SearchAsync(staff, "zoe@ex", Ct)).Matches.Select(m => m.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Without_consent_to_the_terms_nobody_is_enrolled(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input(terms: false));

        Assert.False(result.Succeeded);
        Assert.Equal("They need to agree to the programme terms to join.", result.FieldErrors[nameof(EnrolInput.AcceptsTerms)]);
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_foreign_number_is_stored_in_E164_and_an_unassigned_one_is_refused(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var refused = await EnrolAsync(db, staff, Input(phone: "07700 900123"));
        var enrolled = await EnrolAsync(db, staff, Input("Zoé Martin", phone: "+33 6 12 34 56 78"));

        Assert.Equal("Enter a phone number like +44 7400 123456 or 07400 123456.", refused.FieldErrors[nameof(EnrolInput.Phone)]);
        Assert.Equal("+33612345678", await db.QueryAsync(c => c.Members.Where(m => m.MemberCode == enrolled.MemberCode).Select(m => m.Phone).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Neither_phone_nor_email_is_refused_beside_both_fields(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input(phone: "  ", email: ""));

        Assert.False(result.Succeeded);
        Assert.Equal("Enter a phone number or an email address, so they can be found again.", result.FieldErrors[nameof(EnrolInput.Phone)]);
        Assert.Equal("Enter a phone number or an email address, so they can be found again.", result.FieldErrors[nameof(EnrolInput.Email)]);
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task An_invalid_phone_email_or_name_gets_the_member_rules_message(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input(name: new string('a', 61), phone: "12345", email: "not-an-email"));

        Assert.Equal("Use at most 60 characters.", result.FieldErrors[nameof(EnrolInput.PreferredName)]);
        Assert.Equal("Enter a phone number like +44 7400 123456 or 07400 123456.", result.FieldErrors[nameof(EnrolInput.Phone)]);
        Assert.Equal("Enter an email address like name@example.com.", result.FieldErrors[nameof(EnrolInput.Email)]);
        Assert.Equal("Enter the name they like to be called.", (await EnrolAsync(db, staff, Input(name: " "))).FieldErrors[nameof(EnrolInput.PreferredName)]);
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_phone_already_on_file_in_another_format_is_refused_naming_that_member_masked(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (existing, _) = await db.AddMemberAsync("Jo Mullins", email: "jo@example.com", phone: "+447400900123");

        var result = await EnrolAsync(db, staff, Input("Joanne Mullins", phone: "+44 (0)7400 900123"));

        Assert.True(result.IsExistingMember);
        Assert.Equal((existing.Id, existing.MemberCode), (result.MemberId, result.MemberCode));
        Assert.Equal($"Already a member: Jo Mullins, phone ••• ••• 0123, member code {existing.MemberCode}. Open their card instead.", result.Message);
        Assert.Equal(1, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task An_email_already_on_file_in_other_case_is_refused_naming_that_member_masked(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (existing, _) = await db.AddMemberAsync("Jo Mullins", email: "jo.mullins@example.com");

        var result = await EnrolAsync(db, staff, Input("Jo", phone: null, email: " Jo.Mullins@Example.com "));

        Assert.True(result.IsExistingMember);
        Assert.Equal($"Already a member: Jo Mullins, email jo•••@example.com, member code {existing.MemberCode}. Open their card instead.", result.Message);
        Assert.Equal(1, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_deleted_members_old_phone_does_not_block_a_new_enrolment(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (gone, _) = await db.AddMemberAsync("Jo Mullins", phone: "+447400900123");
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, DateTime.UtcNow), Ct);
        }

        Assert.True((await EnrolAsync(db, staff, Input())).Succeeded);
    }

    [Theory, AllProviders]
    public async Task Two_staff_enrolling_the_same_person_at_once_make_one_member(DatabaseProvider provider)
    {
        var (db, staff, store) = await SetUpAsync(provider, onDisk: true);
        await using var _ = db;
        var colleague = await db.AddUserAsync(Roles.Staff, "Colleague", storeId: store.Id);
        var enrolment = db.Get<EnrolmentService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            enrolment.EnrolAsync(i % 2 == 0 ? staff : colleague, Input(email: "anna@example.com"), Ct), Ct)));

        var member = await db.QueryAsync(c => c.Members.SingleAsync(Ct));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(member.MemberCode, r.MemberCode));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.Type == ActivityType.Joined, Ct)));
        Assert.Single(db.Get<RecordingEmailSender>().Sent);
    }

    [Theory, AllProviders]
    public async Task With_an_email_the_person_is_sent_a_link_to_claim_their_account(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input(phone: null, email: "anna@example.com"));

        var mail = Assert.Single(db.Get<RecordingEmailSender>().Sent);
        Assert.Equal(("anna@example.com", "Claim your online membership"), (mail.To, mail.Subject));
        Assert.Contains("href='https://portal.test/Account/Claim?token=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal($"Anna Müller is enrolled, member code {result.MemberCode}. We've emailed anna@example.com a link to claim their online account; it works for 7 days.", result.Message);
    }

    [Theory, AllProviders]
    public async Task With_only_a_phone_no_email_is_sent_and_staff_are_told_how_to_claim_later(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;

        var result = await EnrolAsync(db, staff, Input());

        Assert.Empty(db.Get<RecordingEmailSender>().Sent);
        Assert.EndsWith("No email given — they can ask staff to add one later to claim an online account.", result.Message, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_manager_may_enrol_too(DatabaseProvider provider)
    {
        var (db, _, store) = await SetUpAsync(provider);
        await using var _ = db;
        var manager = await db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id);

        Assert.True((await EnrolAsync(db, manager, Input())).Succeeded);
    }

    [Theory, AllProviders]
    public async Task Members_and_callers_without_a_role_are_refused(DatabaseProvider provider)
    {
        var (db, _, _) = await SetUpAsync(provider);
        await using var _ = db;
        var (_, member) = await db.AddMemberAsync();
        var nobody = new Caller("someone", "Someone", new HashSet<string>(), null);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => EnrolAsync(db, member!, Input()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => EnrolAsync(db, nobody, Input()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<EnrolmentService>().SendClaimLinkAsync(member!, "ABCD2345", Ct));
        Assert.Equal(1, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Staff_can_send_a_new_claim_link_until_the_account_is_claimed(DatabaseProvider provider)
    {
        var (db, staff, _) = await SetUpAsync(provider);
        await using var _ = db;
        var enrolled = await EnrolAsync(db, staff, Input(phone: null, email: "anna@example.com"));
        var phoneOnly = await EnrolAsync(db, staff, Input("Jo Phone", phone: "07400 900999"));
        var (withLogin, _) = await db.AddMemberAsync("Has Login", email: "login@example.com");
        var enrolment = db.Get<EnrolmentService>();

        var again = await enrolment.SendClaimLinkAsync(staff, enrolled.MemberCode!.ToLowerInvariant(), Ct);

        Assert.Equal((true, "We've emailed an•••@example.com a new link to claim an online account."), (again.Succeeded, again.Message));
        Assert.Equal(2, db.Get<RecordingEmailSender>().Sent.Count);
        Assert.Equal("There is no email on file for Jo Phone.", (await enrolment.SendClaimLinkAsync(staff, phoneOnly.MemberCode!, Ct)).Message);
        Assert.Equal("Has Login already has an online account.", (await enrolment.SendClaimLinkAsync(staff, withLogin.MemberCode, Ct)).Message);
        Assert.Equal("We couldn't find that member.", (await enrolment.SendClaimLinkAsync(staff, "NOSUCH99", Ct)).Message);
    }

    [Fact]
    public void Search_text_prefills_the_field_it_looks_like()
    {
        Assert.Equal("anna@example.com", EnrolInput.FromSearchText(" anna@example.com ").Email);
        Assert.Equal("07400 900123", EnrolInput.FromSearchText("07400 900123").Phone);
        Assert.Equal("Anna Müller", EnrolInput.FromSearchText("Anna Müller").PreferredName);
        var code = EnrolInput.FromSearchText("K7P2M9QX");
        Assert.Equal(("", null, null), (code.PreferredName, code.Phone, code.Email));
        Assert.Null(EnrolInput.FromSearchText("0123").Phone);
    }
}
