using System.Text;
using System.Text.Json;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members;

public sealed class PersonalDataServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Export_contains_the_members_profile(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        var export = await ExportAsync(db, caller);

        var profile = export.GetProperty("member");
        Assert.Equal(member.MemberCode, profile.GetProperty("memberCode").GetString());
        Assert.Equal("Alex Morgan", profile.GetProperty("preferredName").GetString());
        Assert.Equal("alex@example.com", profile.GetProperty("email").GetString());
        Assert.Equal("+447700900123", profile.GetProperty("phone").GetString());
        Assert.Equal("1990-05-01", profile.GetProperty("birthday").GetString());
        Assert.Equal("Trail running after a knee injury", profile.GetProperty("whatMatters").GetString());
    }

    [Theory, AllProviders]
    public async Task Export_contains_the_members_interests(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com", "Running", "Yoga");

        var export = await ExportAsync(db, caller);

        Assert.Equal(["Running", "Yoga"], export.GetProperty("member").GetProperty("interests").EnumerateArray().Select(i => i.GetString()).Order());
    }

    [Theory, AllProviders]
    public async Task Export_contains_the_members_activities_and_staff_notes(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        var export = await ExportAsync(db, caller);

        Assert.Equal(["Visit", "Purchase"], export.GetProperty("activity").EnumerateArray().Select(a => a.GetProperty("type").GetString()));
        Assert.Equal(24.99m, export.GetProperty("activity")[1].GetProperty("amount").GetDecimal());
        Assert.Equal("Covent Garden", export.GetProperty("activity")[0].GetProperty("store").GetString());
        Assert.Equal(["Note about Alex Morgan"], export.GetProperty("staffNotes").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
    }

    [Theory, AllProviders]
    public async Task Export_contains_the_account_data_it_is_given(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        var export = await ExportAsync(db, caller, new Dictionary<string, string> { ["UserName"] = "alex@example.com" });

        Assert.Equal("alex@example.com", export.GetProperty("account").GetProperty("UserName").GetString());
    }

    [Theory, AllProviders]
    public async Task Export_contains_nothing_of_another_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com", "Running");
        var (other, _) = await AddFullMemberAsync(db, "Jo Otherperson", "jo.otherperson@example.net", "Yoga");

        var json = Encoding.UTF8.GetString(await db.Get<PersonalDataService>().ExportAsync(caller.UserId, new Dictionary<string, string>(), Ct));

        Assert.DoesNotContain("Otherperson", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.MemberCode, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Yoga", json, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetProperty("activity").GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task Export_for_a_login_without_member_has_no_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");
        var staff = await db.AddUserAsync(Roles.Staff);

        var export = await ExportAsync(db, staff);

        Assert.Equal(JsonValueKind.Null, export.GetProperty("member").ValueKind);
        Assert.Equal(JsonValueKind.Null, export.GetProperty("activity").ValueKind);
    }

    [Theory, AllProviders]
    public async Task Anonymise_removes_the_members_personal_data(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        await db.Get<PersonalDataService>().AnonymiseAsync(caller.UserId, Ct);

        var gone = await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct));
        Assert.Equal("Deleted member", gone.PreferredName);
        Assert.Equal("", gone.SearchName);
        Assert.Null(gone.Email);
        Assert.Null(gone.SearchEmail);
        Assert.Null(gone.Phone);
        Assert.Null(gone.Birthday);
        Assert.Null(gone.WhatMatters);
        Assert.False(gone.ConsentContact || gone.ConsentProfiling);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, gone.AnonymisedAt);
    }

    [Theory, AllProviders]
    public async Task Anonymise_unlinks_the_login(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        await db.Get<PersonalDataService>().AnonymiseAsync(caller.UserId, Ct);

        Assert.Null(await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).Select(m => m.UserId).SingleAsync(Ct)));
        Assert.Null(await db.Get<MemberService>().GetMyProfileAsync(caller, Ct));
    }

    [Theory, AllProviders]
    public async Task Anonymise_removes_interests_and_staff_notes(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com", "Running", "Yoga");

        await db.Get<PersonalDataService>().AnonymiseAsync(caller.UserId, Ct);

        Assert.False(await db.QueryAsync(c => c.MemberInterests.AnyAsync(i => i.MemberId == member.Id, Ct)));
        Assert.False(await db.QueryAsync(c => c.StaffNotes.AnyAsync(n => n.MemberId == member.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Anonymise_keeps_the_ledger_rows(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");

        await db.Get<PersonalDataService>().AnonymiseAsync(caller.UserId, Ct);

        Assert.Equal(2, await db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == member.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Anonymise_leaves_other_members_alone(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com", "Running");
        var (other, _) = await AddFullMemberAsync(db, "Jo Smith", "jo@example.com", "Running");

        await db.Get<PersonalDataService>().AnonymiseAsync(caller.UserId, Ct);

        var kept = await db.QueryAsync(c => c.Members.Include(m => m.Interests).SingleAsync(m => m.Id == other.Id, Ct));
        Assert.Equal(("Jo Smith", "jo@example.com", 1), (kept.PreferredName, kept.Email, kept.Interests.Count));
        Assert.True(await db.QueryAsync(c => c.StaffNotes.AnyAsync(n => n.MemberId == other.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Anonymise_for_a_login_without_member_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await AddFullMemberAsync(db, "Alex Morgan", "alex@example.com");
        var staff = await db.AddUserAsync(Roles.Staff);

        await db.Get<PersonalDataService>().AnonymiseAsync(staff.UserId, Ct);

        Assert.False(await db.QueryAsync(c => c.Members.AnyAsync(m => m.AnonymisedAt != null, Ct)));
    }

    /// <summary>A member with every field filled, the given interests, a visit, a purchase and a staff note.</summary>
    private static async Task<(Member Member, Caller Caller)> AddFullMemberAsync(TestDb db, string name, string email, params string[] interests)
    {
        var store = await db.QueryAsync(c => c.Stores.FirstOrDefaultAsync(Ct)) ?? await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync(name, email: email, phone: "+447700900123", homeStoreId: store.Id);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            var row = await context.Members.SingleAsync(m => m.Id == member.Id, Ct);
            row.Birthday = new DateOnly(1990, 5, 1);
            row.WhatMatters = "Trail running after a knee injury";
            row.ConsentContact = row.ConsentProfiling = true;
            var interestIds = await context.Interests.Where(i => interests.Contains(i.Name)).Select(i => i.Id).ToListAsync(Ct);
            row.Interests.AddRange(interestIds.Select(id => new MemberInterest { InterestId = id }));
            context.StaffNotes.Add(new StaffNote { MemberId = member.Id, AuthorUserId = "staff", AuthorName = "Sam Okafor", StoreId = store.Id, Text = $"Note about {name}", CreatedAt = now.AddDays(-1) });
            await context.SaveChangesAsync(Ct);
        }
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-3), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Purchase, now.AddDays(-2), store.Id, 24.99m);
        return (member, caller!);
    }

    private static async Task<JsonElement> ExportAsync(TestDb db, Caller caller, Dictionary<string, string>? account = null)
    {
        var bytes = await db.Get<PersonalDataService>().ExportAsync(caller.UserId, account ?? new Dictionary<string, string>(), Ct);
        return JsonDocument.Parse(bytes).RootElement;
    }
}
