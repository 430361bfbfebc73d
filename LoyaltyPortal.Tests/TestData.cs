using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests;

/// <summary>Small builders for test data, written straight to the test database.</summary>
public static class TestData
{
    public static async Task<Store> AddStoreAsync(this TestDb db, string name = "Covent Garden")
    {
        await using var context = db.NewContext();
        var store = new Store { Name = name, City = "London", Address = "1 Test Street" };
        context.Stores.Add(store);
        await context.SaveChangesAsync();
        return store;
    }

    /// <summary>Creates a login in the given role and returns the caller that login would be.</summary>
    public static async Task<Caller> AddUserAsync(this TestDb db, string role, string name = "Test User", int? storeId = null, string? email = null)
    {
        await using var context = db.NewContext();
        email ??= $"{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, StoreId = storeId, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
        };
        context.Users.Add(user);
        var roleId = await context.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        context.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await context.SaveChangesAsync();
        return new Caller(user.Id, name, new HashSet<string> { role }, storeId);
    }

    /// <summary>Creates a member, with a login unless <paramref name="withLogin"/> is false.</summary>
    public static async Task<(Member Member, Caller? Caller)> AddMemberAsync(this TestDb db, string name = "Alex Morgan", bool withLogin = true, string? email = null, string? phone = null, int? homeStoreId = null)
    {
        var caller = withLogin ? await db.AddUserAsync(Roles.Member, name, email: email) : null;
        await using var context = db.NewContext();
        var member = new Member
        {
            UserId = caller?.UserId, MemberCode = MemberRules.NewMemberCode(), PreferredName = name, SearchName = MemberRules.ToSearchForm(name),
            Email = email, SearchEmail = email?.ToLowerInvariant(), Phone = phone, HomeStoreId = homeStoreId,
            JoinedAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-30),
        };
        MemberSearchForms.Apply(member);
        context.Members.Add(member);
        await context.SaveChangesAsync();
        await MemberSearchForms.SyncNameWordsAsync(context, member, default);
        await context.SaveChangesAsync();
        return (member, caller);
    }

    public static async Task AddActivityAsync(this TestDb db, int memberId, ActivityType type, DateTime at, int? storeId = null, decimal? amount = null)
    {
        await using var context = db.NewContext();
        context.Activities.Add(new Activity { MemberId = memberId, Type = type, OccurredAt = at, StoreId = storeId, Amount = amount, SourceKey = Guid.NewGuid().ToString("N") });
        await context.SaveChangesAsync();
    }
}
