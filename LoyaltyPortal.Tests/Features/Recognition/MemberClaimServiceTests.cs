using System.Text.RegularExpressions;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>A person enrolled at the counter claims their online account from the emailed link.</summary>
public sealed partial class MemberClaimServiceTests
{
    private const string Password = "Claimed#2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Enrols Anna with an email, as staff at the counter would, and returns the token from her email.</summary>
    private static async Task<(TestDb Db, int MemberId, string Token)> EnrolledAsync(DatabaseProvider provider, bool onDisk = false)
    {
        var db = await TestDb.CreateAsync(provider, onDisk);
        var staff = await db.AddUserAsync(Roles.Staff, "Sam", storeId: (await db.AddStoreAsync()).Id);
        var input = new EnrolInput { PreferredName = "Anna Müller", Email = "Anna@Example.com", AcceptsTerms = true };
        var result = await db.Get<EnrolmentService>().EnrolAsync(staff, input, Ct);
        var link = TokenInLink().Match(db.Get<RecordingEmailSender>().Sent.Single().HtmlBody);
        return (db, result.MemberId!.Value, Uri.UnescapeDataString(link.Groups[1].Value));
    }

    private static Task<int> LoginCountAsync(TestDb db) => db.QueryAsync(c => c.Users.CountAsync(Ct));

    [Theory, AllProviders]
    public async Task The_link_leads_to_a_login_with_confirmed_email_and_member_role_linked_to_the_member(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;
        var claims = db.Get<MemberClaimService>();

        var check = await claims.CheckAsync(token, Ct);
        var result = await claims.ClaimAsync(token, Password, Ct);

        Assert.Equal((ClaimState.Ready, "Anna@Example.com", "Anna Müller"), (check.State, check.Email, check.PreferredName));
        Assert.True(result.Succeeded, result.Message);
        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(result.UserId!);
        Assert.Equal(("Anna@Example.com", "Anna@Example.com", true, "Anna Müller"), (user!.Email, user.UserName, user.EmailConfirmed, user.DisplayName));
        Assert.True(await users.IsInRoleAsync(user, Roles.Member));
        Assert.True(await users.CheckPasswordAsync(user, Password));
        Assert.Equal(user.Id, await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task The_link_works_for_seven_days_and_then_says_it_has_expired(DatabaseProvider provider)
    {
        var (db, _, token) = await EnrolledAsync(provider);
        await using var _ = db;
        var claims = db.Get<MemberClaimService>();

        db.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(ClaimState.Ready, (await claims.CheckAsync(token, Ct)).State);
        db.Clock.Advance(TimeSpan.FromMinutes(2));
        var result = await claims.ClaimAsync(token, Password, Ct);

        Assert.Equal((false, ClaimState.Expired), (result.Succeeded, result.State));
        Assert.Equal("This link has expired: links work for 7 days. Ask staff in store to send you a new one.", result.Message);
        Assert.Equal(1, await LoginCountAsync(db));
    }

    [Theory, AllProviders]
    public async Task A_tampered_or_missing_token_is_not_valid(DatabaseProvider provider)
    {
        var (db, _, token) = await EnrolledAsync(provider);
        await using var _ = db;
        var claims = db.Get<MemberClaimService>();
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var bad in new[] { tampered, token + "x", "not-a-token", "", null })
        {
            var check = await claims.CheckAsync(bad, Ct);
            Assert.Equal((ClaimState.Invalid, "This link is not valid. Check that you opened the whole link from the email."), (check.State, check.Message));
        }
        Assert.False((await claims.ClaimAsync(tampered, Password, Ct)).Succeeded);
        Assert.Equal(1, await LoginCountAsync(db));
    }

    [Theory, AllProviders]
    public async Task A_used_link_says_the_account_already_exists(DatabaseProvider provider)
    {
        var (db, _, token) = await EnrolledAsync(provider);
        await using var _ = db;
        var claims = db.Get<MemberClaimService>();
        await claims.ClaimAsync(token, Password, Ct);

        var again = await claims.ClaimAsync(token, "Another#2026", Ct);

        Assert.Equal((false, ClaimState.AlreadyClaimed), (again.Succeeded, again.State));
        Assert.Contains("already has an online account", again.Message, StringComparison.Ordinal);
        Assert.Equal(2, await LoginCountAsync(db));
    }

    [Theory, AllProviders]
    public async Task An_email_that_already_has_another_account_points_to_log_in_and_forgotten_password(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;
        await db.AddUserAsync(Roles.Staff, "Someone Else", email: "anna@example.com");
        var claims = db.Get<MemberClaimService>();

        var check = await claims.CheckAsync(token, Ct);
        var result = await claims.ClaimAsync(token, Password, Ct);

        Assert.Equal(ClaimState.EmailInUse, check.State);
        Assert.Equal("An online account already uses Anna@Example.com. Log in with it, or use \"Forgot your password?\" on the login page to set a new password.", result.Message);
        Assert.Null(await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task An_unconfirmed_online_registration_with_the_members_email_does_not_block_the_claim(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;
        // Someone registered online with Anna's address but never confirmed it, so the login has no member.
        var squatter = await db.AddUserAsync(Roles.Member, "Not Anna", email: "anna@example.com");
        var claims = db.Get<MemberClaimService>();

        var check = await claims.CheckAsync(token, Ct);
        var result = await claims.ClaimAsync(token, Password, Ct);

        Assert.Equal(ClaimState.Ready, check.State);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(result.UserId, await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
        Assert.False(await db.QueryAsync(c => c.Users.AnyAsync(u => u.Id == squatter.UserId, Ct)));
        Assert.Equal(1, await db.QueryAsync(c => c.Users.CountAsync(u => u.NormalizedEmail == "ANNA@EXAMPLE.COM", Ct)));
    }

    [Theory, AllProviders]
    public async Task A_confirmed_or_member_holding_login_with_the_email_is_never_replaced_by_a_claim(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;
        var holder = await db.AddUserAsync(Roles.Member, "Anna Online", email: "anna@example.com");
        await db.QueryAsync(c => c.Users.Where(u => u.Id == holder.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true), Ct));
        var claims = db.Get<MemberClaimService>();

        var result = await claims.ClaimAsync(token, Password, Ct);

        Assert.Equal(ClaimState.EmailInUse, result.State);
        Assert.True(await db.QueryAsync(c => c.Users.AnyAsync(u => u.Id == holder.UserId, Ct)));
        Assert.Null(await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_link_for_an_email_the_member_no_longer_has_is_not_valid(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == memberId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, "new@example.com").SetProperty(m => m.SearchEmail, "new@example.com"), Ct);
        }

        var check = await db.Get<MemberClaimService>().CheckAsync(token, Ct);

        Assert.Equal(ClaimState.Invalid, check.State);
        Assert.Contains("no longer uses", check.Message, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_weak_password_gets_identitys_messages_and_creates_nothing(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider);
        await using var _ = db;

        var result = await db.Get<MemberClaimService>().ClaimAsync(token, "weakpassword", Ct);

        Assert.Equal((false, ClaimState.Ready), (result.Succeeded, result.State));
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", result.PasswordErrors);
        Assert.Equal(1, await LoginCountAsync(db));
        Assert.Null(await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Two_submits_at_once_create_one_login(DatabaseProvider provider)
    {
        var (db, memberId, token) = await EnrolledAsync(provider, onDisk: true);
        await using var _ = db;
        var claims = db.Get<MemberClaimService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => claims.ClaimAsync(token, Password, Ct), Ct)));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ClaimState.AlreadyClaimed, r.State));
        Assert.Equal(2, await LoginCountAsync(db));
        Assert.Equal(winner.UserId, await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct)));
    }

    [GeneratedRegex("token=([^'&\"]+)")]
    private static partial Regex TokenInLink();
}
