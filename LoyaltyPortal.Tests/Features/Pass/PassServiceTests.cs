using System.Buffers.Text;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Pass;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Pass;

/// <summary>The digital pass: a signed, expiring token that staff turn back into the member, and only while it is current.</summary>
public sealed class PassServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, Member Member, Caller Me, Caller Staff)> SetUpAsync(DatabaseProvider provider)
    {
        var db = await TestDb.CreateAsync(provider);
        var (member, me) = await db.AddMemberAsync("Alex Morgan");
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Staff", (await db.AddStoreAsync()).Id);
        return (db, member, me!, staff);
    }

    private static async Task<string> TokenAsync(TestDb db, Caller me) => (await db.Get<PassService>().GetMyPassAsync(me, Ct))!.Token;

    [Theory, AllProviders]
    public async Task A_token_resolves_to_the_member_code_for_staff_and_managers(DatabaseProvider provider)
    {
        var (db, member, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var manager = await db.AddUserAsync(Roles.Manager, "Max Manager");
        var pass = await db.Get<PassService>().GetMyPassAsync(me, Ct);

        Assert.Equal((member.MemberCode, "Alex Morgan"), (pass!.MemberCode, pass.PreferredName));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime.AddMinutes(1440), pass.ExpiresAt);
        Assert.Equal(new PassResolution(member.MemberCode, null), await db.Get<PassService>().ResolveAsync(staff, pass.Token, Ct));
        Assert.Equal(new PassResolution(member.MemberCode, null), await db.Get<PassService>().ResolveAsync(manager, pass.Token, Ct));
        // Hand scanners often end with a newline.
        Assert.Equal(member.MemberCode, (await db.Get<PassService>().ResolveAsync(staff, pass.Token + "\r\n", Ct)).MemberCode);
    }

    [Theory, AllProviders]
    public async Task The_token_never_shows_the_member_id_or_code(DatabaseProvider provider)
    {
        var (db, member, me, _) = await SetUpAsync(provider);
        await using var _ = db;

        var token = await TokenAsync(db, me);
        var other = await TokenAsync(db, me);

        Assert.StartsWith("LP1.", token, StringComparison.Ordinal);
        Assert.DoesNotContain(member.MemberCode, token, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(token, other); // a fresh token each time, so a screenshot is not the pass for ever
        Assert.InRange(token.Length, 20, 160);
    }

    [Theory, AllProviders]
    public async Task A_token_with_one_character_changed_is_not_a_pass(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var token = await TokenAsync(db, me);
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        var result = await db.Get<PassService>().ResolveAsync(staff, tampered, Ct);

        Assert.Equal(new PassResolution(null, PassService.NotAPass), result);
    }

    [Theory, AllProviders]
    public async Task A_token_with_another_prefix_is_not_a_pass(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var body = (await TokenAsync(db, me))["LP1.".Length..];

        foreach (var text in new[] { "LP2." + body, "lp1." + body, body, "XX1." + body })
        {
            Assert.Equal(PassService.NotAPass, (await db.Get<PassService>().ResolveAsync(staff, text, Ct)).Problem);
        }
    }

    [Theory, AllProviders]
    public async Task A_token_works_until_it_expires_and_then_says_so(DatabaseProvider provider)
    {
        var (db, member, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var token = await TokenAsync(db, me);

        db.Clock.Advance(TimeSpan.FromMinutes(1440) - TimeSpan.FromSeconds(1));
        Assert.Equal(member.MemberCode, (await db.Get<PassService>().ResolveAsync(staff, token, Ct)).MemberCode);

        db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new PassResolution(null, PassService.Expired), await db.Get<PassService>().ResolveAsync(staff, token, Ct));
    }

    [Theory, AllProviders]
    public async Task The_token_lifetime_comes_from_the_pass_options(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var service = new PassService(db.Factory, db.Get<IDataProtectionProvider>(), Options.Create(new PassOptions { TokenLifetimeMinutes = 5 }), db.Get<ProgrammeCalendar>(), db.Get<ActiveCallers>());
        var pass = await service.GetMyPassAsync(me, Ct);

        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), pass!.ExpiresAt);
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(PassService.Expired, (await db.Get<PassService>().ResolveAsync(staff, pass.Token, Ct)).Problem);
    }

    [Theory, AllProviders]
    public async Task After_a_reset_the_old_token_is_replaced_and_the_new_one_works(DatabaseProvider provider)
    {
        var (db, member, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var service = db.Get<PassService>();
        var old = await TokenAsync(db, me);

        var fresh = await service.ResetMyPassAsync(me, Ct);

        Assert.Equal(1, await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).Select(m => m.PassVersion).SingleAsync(Ct)));
        Assert.Equal(new PassResolution(null, PassService.Replaced), await service.ResolveAsync(staff, old, Ct));
        // The reset gives a new member code too (see PassResetCodeTests); the new token resolves to it.
        Assert.NotEqual(member.MemberCode, fresh!.MemberCode);
        Assert.Equal(new PassResolution(fresh.MemberCode, null), await service.ResolveAsync(staff, fresh.Token, Ct));
    }

    [Theory, AllProviders]
    public async Task Resets_at_the_same_time_each_count(DatabaseProvider provider)
    {
        var (db, member, me, _) = await SetUpAsync(provider);
        await using var _ = db;
        var service = db.Get<PassService>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => service.ResetMyPassAsync(me, Ct)));

        Assert.Equal(5, await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).Select(m => m.PassVersion).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_pass_of_a_member_who_left_the_programme_is_refused(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var token = await TokenAsync(db, me);

        await db.Get<PersonalDataService>().AnonymiseAsync(me.UserId, Ct);

        Assert.Equal(new PassResolution(null, PassService.LeftProgramme), await db.Get<PassService>().ResolveAsync(staff, token, Ct));
    }

    [Theory, AllProviders]
    public async Task Members_cannot_resolve_passes_and_staff_have_no_pass_of_their_own(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var service = db.Get<PassService>();
        var token = await TokenAsync(db, me);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ResolveAsync(me, token, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetMyPassAsync(staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ResetMyPassAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task A_member_login_without_a_member_profile_has_no_pass(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var loginOnly = await db.AddUserAsync(Roles.Member);

        Assert.Null(await db.Get<PassService>().GetMyPassAsync(loginOnly, Ct));
        Assert.Null(await db.Get<PassService>().ResetMyPassAsync(loginOnly, Ct));
    }

    [Theory, AllProviders]
    public async Task Hostile_or_broken_input_is_not_a_pass_and_never_throws(DatabaseProvider provider)
    {
        var (db, _, me, staff) = await SetUpAsync(provider);
        await using var _ = db;
        var token = await TokenAsync(db, me);
        var protection = db.Get<IDataProtectionProvider>();
        var payload = new byte[12];
        var otherPurpose = "LP1." + Base64Url.EncodeToString(protection.CreateProtector("LoyaltyPortal.Other").Protect(payload));
        var timeLimited = "LP1." + Base64Url.EncodeToString(protection.CreateProtector(PassService.Purpose).ToTimeLimitedDataProtector()
            .Protect(payload, DateTimeOffset.UtcNow.AddDays(1)));
        string?[] inputs =
        [
            null, "", "   ", "\0", "LP1.", "LP1. ", new string('A', 10_000), "LP1." + new string('A', 10_000),
            "😀", "LP1.😀😀😀", "\uD800", "LP1.\uD83D", "مرحبا بالعالم", "\u202Eabc\u202C", "LP1.\u202E" + token[4..],
            "LP1.AAAA", "LP1.====", "LP1.!!@@##", "LP1." + Convert.ToBase64String(new byte[100]), "LP1." + Base64Url.EncodeToString(new byte[100]),
            token[..^10], token[..(token.Length / 2)], token + "A",
            otherPurpose, timeLimited, "'; DROP TABLE \"Members\"; --", "ABCD2345",
        ];

        foreach (var input in inputs)
        {
            var result = await db.Get<PassService>().ResolveAsync(staff, input, Ct);
            Assert.True(result == new PassResolution(null, PassService.NotAPass), $"{input?[..Math.Min(input.Length, 40)]} gave {result}");
        }
    }

    [Fact]
    public void Pass_tokens_are_told_apart_from_what_staff_type()
    {
        Assert.True(PassService.LooksLikePassToken("LP1.CfDJ8abc"));
        Assert.True(PassService.LooksLikePassToken("  LP1.CfDJ8abc\n"));
        Assert.False(PassService.LooksLikePassToken("ABCD2345"));
        Assert.False(PassService.LooksLikePassToken("Lp1 Anna"));
        Assert.False(PassService.LooksLikePassToken("LP1."));
        Assert.False(PassService.LooksLikePassToken(null));
        Assert.False(PassService.LooksLikePassToken("LP1." + new string('A', 10_000)));
    }
}
