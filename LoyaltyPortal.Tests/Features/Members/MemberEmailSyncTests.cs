using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary>A login's confirmed email change reaches the member, so staff find them by the new address.</summary>
public sealed class MemberEmailSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ApplicationUser User, int MemberId)> RegisterAsync(TestDb db, AsyncServiceScope scope)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "old@example.com", Email = "old@example.com", DisplayName = "Rae Change" };
        Assert.True((await users.CreateAsync(user, "Portal#2026")).Succeeded);
        var memberId = await db.Get<MemberService>().CreateForUserAsync(user.Id, "Rae Change", "old@example.com", null, false, false, Ct);
        return (user, memberId);
    }

    [Theory, AllProviders]
    public async Task A_confirmed_change_updates_the_member_email_and_its_search_form(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var (user, memberId) = await RegisterAsync(db, scope);
        var code = await users.GenerateChangeEmailTokenAsync(user, "Rae.New@Example.com");

        var result = await MemberEmailSync.ConfirmChangeAsync(users, scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>(), user, "Rae.New@Example.com", code, Ct);

        Assert.True(result.Succeeded);
        var member = await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == memberId, Ct));
        Assert.Equal(("Rae.New@Example.com", "rae.new@example.com"), (member.Email, member.SearchEmail));
        var login = await db.QueryAsync(c => c.Users.SingleAsync(u => u.Id == user.Id, Ct));
        Assert.Equal(("Rae.New@Example.com", "Rae.New@Example.com"), (login.Email, login.UserName));
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        Assert.Equal(["Rae Change"], (await db.Get<CounterSearchService>().SearchAsync(staff, "rae.new@", Ct)).Matches.Select(m => m.PreferredName));
        Assert.Empty((await db.Get<CounterSearchService>().SearchAsync(staff, "old@", Ct)).Matches);
    }

    [Theory, AllProviders]
    public async Task A_wrong_code_changes_neither_the_login_nor_the_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var (user, memberId) = await RegisterAsync(db, scope);
        var code = await users.GenerateChangeEmailTokenAsync(user, "other@example.com");

        var result = await MemberEmailSync.ConfirmChangeAsync(users, scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>(), user, "new@example.com", code, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("old@example.com", await db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.Email).SingleAsync(Ct)));
        Assert.Equal("old@example.com", await db.QueryAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync(Ct)));
    }
}
