using System.Net;
using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>A member's copy of their data, and deleting their account.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class PersonalDataTests(PortalApp app)
{
    private const string DownloadForm = "Account/Manage/DownloadPersonalData";

    [Fact]
    public async Task Download_returns_the_member_profile_as_json()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        using var json = await DownloadAsync(client);

        var member = json.RootElement.GetProperty("member");
        Assert.Equal("Jo Test", member.GetProperty("preferredName").GetString());
        Assert.Equal(email, member.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Download_includes_the_member_activity()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        using var json = await DownloadAsync(client);

        var activity = json.RootElement.GetProperty("activity").EnumerateArray().Select(a => a.GetProperty("type").GetString());
        Assert.Equal([nameof(ActivityType.Joined)], activity);
    }

    [Fact]
    public async Task Download_without_an_antiforgery_token_is_refused()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);

        using var response = await client.PostAsync("/" + DownloadForm, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("\"member\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_anonymises_the_member()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        var userId = (await app.FindUserAsync(email))!.Id;
        int memberId;
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            memberId = await db.Members.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        await DeleteAccountAsync(email, DemoAccounts.Password);

        await using var after = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var member = await after.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, TestContext.Current.CancellationToken);
        Assert.Equal(("Deleted member", null, null, null), (member.PreferredName, member.Email, member.Phone, member.UserId));
        Assert.NotNull(member.AnonymisedAt);
    }

    [Fact]
    public async Task Deleting_the_account_removes_the_login()
    {
        var email = await app.CreateLoginAsync(Roles.Member);

        await DeleteAccountAsync(email, DemoAccounts.Password);

        Assert.Null(await app.FindUserAsync(email));
    }

    [Fact]
    public async Task Deleting_with_a_wrong_password_keeps_the_account()
    {
        var email = await app.CreateLoginAsync(Roles.Member);

        var page = await DeleteAccountAsync(email, "Wrong#Guess1");

        Assert.Contains("Error: Incorrect password.", page.Messages);
        Assert.NotNull(await app.FindUserAsync(email));
    }

    private static async Task<JsonDocument> DownloadAsync(PortalClient client)
    {
        using var response = await client.SubmitAsync("/Account/Manage/PersonalData", DownloadForm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<PortalPage> DeleteAccountAsync(string email, string password)
    {
        using var client = await PortalClient.SignedInAsync(app.Factory, email, DemoAccounts.Password);
        var response = await client.SubmitAsync("/Account/Manage/DeletePersonalData", "delete-user",
            new Dictionary<string, string> { ["Input.Password"] = password });
        return await client.FollowAsync(response);
    }
}
