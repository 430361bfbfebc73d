using System.Net;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>Self-registration confirms the email, and one email is one member, even for members enrolled in store.</summary>
public sealed class RegistrationConfirmationTests : IAsyncDisposable
{
    private const string PublicBase = "https://portal.example/";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalAppFactory app = new(new Dictionary<string, string?>
    {
        ["Portal:PublicBaseUrl"] = PublicBase,
        ["Database:DemoMembers"] = "0",
    }, recordEmails: true);

    [Fact]
    public async Task Registering_emails_a_confirmation_link_and_the_member_sees_a_banner_until_they_use_it()
    {
        using var client = PortalClient.For(app);
        var email = NewEmail();

        var landing = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", Form(email)));

        Assert.Equal("/me", landing.Path);
        Assert.Contains("confirm-email-banner", landing.Html, StringComparison.Ordinal);
        var link = ConfirmationLink(email);
        var confirmed = await client.GetPageAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Thank you for confirming your email.", confirmed.Html, StringComparison.Ordinal);
        Assert.True((await UserAsync(email)).EmailConfirmed);
        Assert.DoesNotContain("confirm-email-banner", (await client.GetPageAsync("/me")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgot_password_before_confirming_sends_the_confirmation_link_not_a_reset()
    {
        using var client = PortalClient.For(app);
        var email = NewEmail();
        await client.SubmitAsync("/Account/Register", "register", Form(email));

        using var anonymous = PortalClient.For(app);
        await anonymous.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        var sent = app.Emails!.Sent.Where(m => m.To == email).ToList();
        Assert.DoesNotContain(sent, m => m.Subject == "Reset your password");
        Assert.Equal(2, sent.Count(m => m.Subject == "Confirm your email"));
    }

    [Fact]
    public async Task Registering_with_the_email_of_a_member_enrolled_in_store_claims_that_member_once_confirmed()
    {
        var email = NewEmail();
        var (memberId, claimToken) = await EnrolAtCounterAsync(email);
        using var client = PortalClient.For(app);

        var registered = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", Form(email)));

        Assert.Contains("already a member", registered.Html, StringComparison.Ordinal);
        Assert.Equal(1, await MembersWithEmailAsync(email));
        await client.GetPageAsync(new Uri(ConfirmationLink(email)).PathAndQuery);

        var user = await UserAsync(email);
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(user.Id, await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct));
        Assert.Equal(1, await MembersWithEmailAsync(email));
        // The in-store claim link now says the account exists, rather than being blocked by a second member.
        Assert.Equal(ClaimState.AlreadyClaimed, (await app.Services.GetRequiredService<MemberClaimService>().CheckAsync(claimToken, Ct)).State);
        using var member = await PortalClient.SignedInAsync(app, email, TestLogins.Password);
        Assert.Equal(HttpStatusCode.OK, (await member.GetPageAsync("/me")).Status);
    }

    [Fact]
    public async Task An_unconfirmed_registration_does_not_take_the_member_enrolled_in_store()
    {
        var email = NewEmail();
        var (memberId, _) = await EnrolAtCounterAsync(email);
        using var client = PortalClient.For(app);

        await client.SubmitAsync("/Account/Register", "register", Form(email));
        using var early = PortalClient.For(app);
        var refused = await early.FollowAsync(await early.LogInAsync(email, TestLogins.Password));

        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.Null(await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct));
        // Until the emailed link connects it, the login has no membership to show, so it cannot sign in yet.
        Assert.Contains("Confirm your email first.", refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await early.GetAsync("/me")).StatusCode);
    }

    private static string NewEmail() => $"reg.{Guid.NewGuid():N}@example.com";

    private static Dictionary<string, string> Form(string email) => new()
    {
        ["Input.PreferredName"] = "Robin Example", ["Input.Email"] = email, ["Input.Phone"] = "",
        ["Input.Password"] = TestLogins.Password, ["Input.ConfirmPassword"] = TestLogins.Password,
    };

    private string ConfirmationLink(string email)
    {
        var mail = Assert.Single(app.Emails!.Sent, m => m.To == email && m.Subject == "Confirm your email");
        var link = PublicLinkTests.LinkIn(mail.HtmlBody);
        Assert.StartsWith(PublicBase + "Account/ConfirmEmail?userId=", link, StringComparison.Ordinal);
        return link;
    }

    private async Task<LoyaltyPortal.Data.ApplicationUser> UserAsync(string email)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), Ct);
    }

    private async Task<int> MembersWithEmailAsync(string email)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.Members.CountAsync(m => m.SearchEmail == email.ToLowerInvariant(), Ct);
    }

    /// <summary>A member without a login, as the counter enrols one, and the claim token their email carries.</summary>
    private async Task<(int MemberId, string Token)> EnrolAtCounterAsync(string email)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var member = new Member { MemberCode = MemberRules.NewMemberCode(), PreferredName = "Robin In Store", Email = email, JoinedAt = DateTime.UtcNow };
        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync(Ct);
        return (member.Id, app.Services.GetRequiredService<ClaimTokens>().Create(member.Id, email));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
