using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>The claim-account page from the enrolment email, posted as a browser posts it.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ClaimTests(PortalApp app)
{
    private const string Password = "Claimed#2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A member enrolled at the counter (no login) and the link their email carries.</summary>
    private async Task<(int MemberId, string Email, string Url)> EnrolledAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var member = new Member { MemberCode = MemberRules.NewMemberCode(), PreferredName = "Cleo Counter", Email = email, JoinedAt = DateTime.UtcNow };
        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync(Ct);
        var token = app.Factory.Services.GetRequiredService<ClaimTokens>().Create(member.Id, email);
        return (member.Id, email, "/Account/Claim?token=" + Uri.EscapeDataString(token));
    }

    private static Dictionary<string, string> Passwords(string password, string confirm) =>
        new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm };

    [Fact]
    public async Task The_link_shows_the_email_and_asks_for_a_password()
    {
        var (_, email, url) = await EnrolledAsync();

        var page = await app.NewClient().GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(email, page.Document.QuerySelector("#claim-email")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("input[name='Input.Password']"));
    }

    [Fact]
    public async Task Choosing_a_password_signs_the_member_in_on_their_progress_page()
    {
        var (memberId, email, url) = await EnrolledAsync();
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.SubmitAsync(url, "claim", Passwords(Password, Password)));

        Assert.Equal((HttpStatusCode.OK, "/me"), (page.Status, page.Path));
        var user = await app.FindUserAsync(email);
        Assert.True(user!.EmailConfirmed);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(user.Id, await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct));
    }

    [Fact]
    public async Task Passwords_that_differ_are_shown_beside_the_form_and_create_nothing()
    {
        var (_, email, url) = await EnrolledAsync();
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.SubmitAsync(url, "claim", Passwords(Password, "Other#2026")));

        Assert.Contains("The password and confirmation password do not match.", page.Messages);
        Assert.Null(await app.FindUserAsync(email));
    }

    [Fact]
    public async Task A_broken_link_says_so_and_points_to_log_in_and_forgotten_password()
    {
        var page = await app.NewClient().GetPageAsync("/Account/Claim?token=not-a-token");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("This link is not valid.", page.Document.QuerySelector(".mud-alert")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("a[href='Account/Login']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='Account/ForgotPassword']"));
        Assert.Null(page.Document.QuerySelector("form input[name='Input.Password']"));
    }
}
