using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>
/// One running app (<see cref="PortalAppFactory"/>) shared by the HTTP tests in <see cref="PortalAppCollection"/>.
/// Tests that change an account make their own login with <see cref="CreateLoginAsync"/>, so the demo logins stay usable.
/// </summary>
public sealed class PortalApp : IAsyncLifetime
{
    private readonly Dictionary<string, PortalClient> demoClients = [];

    public PortalAppFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server; // starts the host: migrates and seeds before the first test
        return ValueTask.CompletedTask;
    }

    public PortalClient NewClient() => PortalClient.For(Factory);

    /// <summary>
    /// A client signed in as the demo login for <paramref name="role"/> (kept for the whole run; tests only read with it),
    /// or a new anonymous client when <paramref name="role"/> is null.
    /// </summary>
    public async Task<PortalClient> ClientAsync(string? role)
    {
        if (role is null) return NewClient();
        if (!demoClients.TryGetValue(role, out var client))
        {
            client = await PortalClient.SignedInAsync(Factory, DemoAccounts.Primary.Single(a => a.Role == role).Email, DemoAccounts.Password);
            demoClients[role] = client;
        }
        return client;
    }

    /// <summary>Creates a fresh login (with a member profile for members) and returns its email.</summary>
    public async Task<string> CreateLoginAsync(string role, string password = DemoAccounts.Password, bool deactivated = false)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Jo Test", IsDeactivated = deactivated };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (role == Roles.Member)
        {
            await scope.ServiceProvider.GetRequiredService<MemberService>().CreateForUserAsync(user.Id, "Jo Test", email, null, false, false);
        }
        return email;
    }

    public async Task<ApplicationUser?> FindUserAsync(string email)
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
    }

    public async Task<int> DemoMemberIdAsync()
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        return await db.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync();
    }

    /// <summary>The demo "Saturday run club" event, which the demo member has booked.</summary>
    public async Task<int> DemoBenefitIdAsync()
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        return await db.Benefits.Where(b => b.Title == "Saturday run club").Select(b => b.Id).SingleAsync();
    }

    /// <summary>The demo member's booking for the past event they attended.</summary>
    public async Task<long> DemoAttendedBookingIdAsync()
    {
        var memberId = await DemoMemberIdAsync();
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.MemberId == memberId && b.Status == LoyaltyPortal.Features.Benefits.BookingStatus.Attended).Select(b => b.Id).FirstAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in demoClients.Values) client.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalAppCollection : ICollectionFixture<PortalApp>
{
    public const string Name = "Portal app";
}
