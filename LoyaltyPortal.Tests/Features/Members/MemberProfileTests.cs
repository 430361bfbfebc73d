using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary><see cref="MemberService.UpdateMyProfileAsync"/>: a member edits their own profile.</summary>
public sealed class MemberProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public Task Update_profile_with_empty_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.PreferredName = "", nameof(ProfileInput.PreferredName));

    [Theory, AllProviders]
    public Task Update_profile_with_whitespace_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.PreferredName = " \t ", nameof(ProfileInput.PreferredName));

    [Theory, AllProviders]
    public Task Update_profile_with_ten_thousand_character_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.PreferredName = new string('a', 10_000), nameof(ProfileInput.PreferredName));

    [Theory, AllProviders]
    public Task Update_profile_with_emoji_only_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.PreferredName = "🏃‍♀️🌲", nameof(ProfileInput.PreferredName));

    [Theory, AllProviders]
    public Task Update_profile_with_malformed_phone_gives_phone_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.Phone = "call me maybe", nameof(ProfileInput.Phone));

    [Theory, AllProviders]
    public Task Update_profile_with_an_unassigned_number_gives_phone_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.Phone = "07700 900123", nameof(ProfileInput.Phone));

    [Theory, AllProviders]
    public Task Update_profile_with_too_long_what_matters_gives_its_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.WhatMatters = new string('x', MemberRules.WhatMattersMaxLength + 1), nameof(ProfileInput.WhatMatters));

    [Theory, AllProviders]
    public Task Update_profile_with_nul_in_what_matters_gives_its_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.WhatMatters = "Trail running\0", nameof(ProfileInput.WhatMatters));

    [Theory, AllProviders]
    public Task Update_profile_with_future_birthday_gives_birthday_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.Birthday = new DateOnly(2026, 11, 21), nameof(ProfileInput.Birthday));

    [Theory, AllProviders]
    public Task Update_profile_with_birthday_over_120_years_ago_gives_birthday_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.Birthday = new DateOnly(1900, 1, 1), nameof(ProfileInput.Birthday));

    [Theory, AllProviders]
    public Task Update_profile_with_unknown_store_gives_store_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.HomeStoreId = 999_999, nameof(ProfileInput.HomeStoreId));

    [Theory, AllProviders]
    public Task Update_profile_with_eleven_interests_gives_interests_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, i => i.InterestIds = Enumerable.Range(1, MemberRules.MaxInterests + 1).ToList(), nameof(ProfileInput.InterestIds));

    [Theory, AllProviders]
    public async Task Update_profile_keeps_a_number_on_file_that_validation_now_refuses_but_refuses_a_new_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync(phone: "+447700900123");
        var input = await ValidInputAsync(db);
        input.Phone = "07700 900123";

        var kept = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);
        input.Phone = "07700 900124";
        var changed = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.True(kept.Succeeded);
        Assert.False(changed.Succeeded);
        Assert.Equal([nameof(ProfileInput.Phone)], changed.FieldErrors.Keys);
        Assert.Equal("+447700900123", (await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct))).Phone);
    }

    [Theory, AllProviders]
    public async Task Update_profile_saves_and_normalises_phone(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var input = await ValidInputAsync(db);
        input.Phone = "+44 (0)7400 900-123";

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.True(result.Succeeded);
        var saved = await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct));
        Assert.Equal("+447400900123", saved.Phone);
        Assert.Equal(new DateOnly(1990, 5, 1), saved.Birthday);
        Assert.Equal(input.HomeStoreId, saved.HomeStoreId);
    }

    [Theory, AllProviders]
    public async Task Update_profile_trims_name_and_refreshes_its_search_form(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var input = await ValidInputAsync(db);
        input.PreferredName = "  Zoë Müller ";

        await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        var saved = await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct));
        Assert.Equal(("Zoë Müller", "zoe muller"), (saved.PreferredName, saved.SearchName));
    }

    [Theory, AllProviders]
    public async Task Update_profile_with_longest_name_of_letters_that_expand_saves(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var input = await ValidInputAsync(db);
        input.PreferredName = string.Join(" ", Enumerable.Repeat("Æsa Straße", 6))[..MemberRules.NameMaxLength];

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.True(result.Succeeded);
    }

    [Theory, AllProviders]
    public async Task Update_profile_with_emoji_and_letters_in_name_saves_them(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var input = await ValidInputAsync(db);
        input.PreferredName = "Zoë 🌿";

        await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.Equal("Zoë 🌿", (await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct))).PreferredName);
    }

    [Theory, AllProviders]
    public async Task Update_profile_replaces_the_interests(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<MemberService>();
        var ids = (await service.GetInterestOptionsAsync(Ct)).Select(i => i.Id).Order().ToList();
        var input = await ValidInputAsync(db);
        input.InterestIds = [ids[0], ids[1]];
        await service.UpdateMyProfileAsync(caller!, input, Ct);

        input.InterestIds = [ids[1], ids[2]];
        await service.UpdateMyProfileAsync(caller!, input, Ct);

        var saved = await db.QueryAsync(c => c.MemberInterests.Where(i => i.MemberId == member.Id).Select(i => i.InterestId).Order().ToListAsync(Ct));
        Assert.Equal([ids[1], ids[2]], saved);
    }

    [Theory, AllProviders]
    public async Task Update_profile_records_profile_completed_once_when_saved_twice(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<MemberService>();
        var input = await ValidInputAsync(db);

        await service.UpdateMyProfileAsync(caller!, input, Ct);
        db.Clock.Advance(TimeSpan.FromDays(1));
        await service.UpdateMyProfileAsync(caller!, input, Ct);

        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == member.Id && a.Type == ActivityType.ProfileCompleted, Ct)));
    }

    [Theory, AllProviders]
    public async Task Update_profile_double_submitted_records_profile_completed_once_and_saves_both(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<MemberService>();
        var input = await ValidInputAsync(db);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => service.UpdateMyProfileAsync(caller!, input, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == member.Id && a.Type == ActivityType.ProfileCompleted, Ct)));
    }

    [Theory, AllProviders]
    public async Task Update_profile_without_phone_does_not_record_profile_completed(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var input = await ValidInputAsync(db);
        input.Phone = null;

        await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.False(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.MemberId == member.Id && a.Type == ActivityType.ProfileCompleted, Ct)));
    }

    [Theory, AllProviders]
    public async Task Update_profile_stamps_consent_time_only_when_consent_changes(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<MemberService>();
        var input = await ValidInputAsync(db);
        input.ConsentContact = true;
        await service.UpdateMyProfileAsync(caller!, input, Ct);
        var consentedAt = db.Clock.GetUtcNow().UtcDateTime;

        db.Clock.Advance(TimeSpan.FromDays(3));
        input.WhatMatters = "Something new";
        await service.UpdateMyProfileAsync(caller!, input, Ct);

        Assert.Equal(consentedAt, (await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct))).ConsentUpdatedAt);
    }

    [Theory, AllProviders]
    public async Task Update_profile_changes_only_the_callers_own_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync("Alex Morgan");
        var (other, _) = await db.AddMemberAsync("Jo Smith");
        var before = await SnapshotAsync(db, other.Id);

        await db.Get<MemberService>().UpdateMyProfileAsync(caller!, await ValidInputAsync(db), Ct);

        Assert.Equal(before, await SnapshotAsync(db, other.Id));
    }

    [Theory, AllProviders]
    public async Task Update_profile_by_a_manager_without_a_member_profile_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (other, _) = await db.AddMemberAsync();
        var before = await SnapshotAsync(db, other.Id);

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(manager, await ValidInputAsync(db), Ct);

        Assert.Equal((false, "There is no member profile for this account."), (result.Succeeded, result.Message));
        Assert.Equal(before, await SnapshotAsync(db, other.Id));
    }

    private static async Task AssertRejectedAsync(DatabaseProvider provider, Action<ProfileInput> spoil, string field)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var before = await SnapshotAsync(db, member.Id);
        var input = await ValidInputAsync(db);
        spoil(input);

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([field], result.FieldErrors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(result.FieldErrors[field]));
        Assert.Equal(before, await SnapshotAsync(db, member.Id));
    }

    /// <summary>A complete, valid profile: phone, birthday, home store and one interest.</summary>
    private static async Task<ProfileInput> ValidInputAsync(TestDb db)
    {
        var store = await db.AddStoreAsync("Store " + Guid.NewGuid().ToString("N")[..8]);
        var interest = await db.QueryAsync(c => c.Interests.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(Ct));
        return new ProfileInput
        {
            PreferredName = "Alex Morgan", Phone = "07400 900123", Birthday = new DateOnly(1990, 5, 1), HomeStoreId = store.Id,
            WhatMatters = "Trail running", InterestIds = [interest],
        };
    }

    /// <summary>Everything the profile form can touch for one member, as text to compare before and after.</summary>
    private static async Task<string> SnapshotAsync(TestDb db, int memberId)
    {
        await using var context = db.NewContext();
        var member = await context.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new
            {
                m.PreferredName, m.SearchName, m.Phone, m.Birthday, m.HomeStoreId, m.WhatMatters, m.ConsentContact, m.ConsentProfiling, m.ConsentUpdatedAt,
                Interests = m.Interests.Select(i => i.InterestId).OrderBy(i => i).ToList(),
                Activities = context.Activities.Count(a => a.MemberId == m.Id),
            })
            .SingleAsync(Ct);
        return JsonSerializer.Serialize(member);
    }
}
