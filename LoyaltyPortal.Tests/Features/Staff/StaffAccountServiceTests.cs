using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Features.Staff;

public sealed class StaffAccountServiceTests
{
    private const string Password = "Counter#2026";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Create_staff_account_sets_role_and_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);

        var result = await db.Get<StaffAccountService>().CreateAsync(manager, NewAccount(store.Id, Roles.Staff), Ct);

        Assert.True(result.Succeeded);
        var user = await FindAsync(db, "priya@example.com");
        Assert.Equal(("Priya Shah", store.Id), (user!.DisplayName, user.StoreId));
        Assert.Equal([Roles.Staff], await RolesAsync(db, user));
    }

    [Theory, AllProviders]
    public async Task Create_manager_account_gives_manager_role(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);

        await db.Get<StaffAccountService>().CreateAsync(manager, NewAccount(store.Id, Roles.Manager), Ct);

        Assert.Equal([Roles.Manager], await RolesAsync(db, (await FindAsync(db, "priya@example.com"))!));
    }

    [Theory, AllProviders]
    public async Task Created_account_can_sign_in_with_its_password(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);

        await db.Get<StaffAccountService>().CreateAsync(manager, NewAccount(store.Id), Ct);

        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("PRIYA@example.com");
        Assert.True(await users.CheckPasswordAsync(user!, Password));
        Assert.False(await users.CheckPasswordAsync(user!, "Wrong#2026"));
    }

    [Theory, AllProviders]
    public Task Create_with_blank_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.DisplayName = "  ", nameof(NewStaffAccount.DisplayName), "Enter their name.");

    [Theory, AllProviders]
    public Task Create_with_too_long_name_gives_name_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.DisplayName = new string('a', 10_000), nameof(NewStaffAccount.DisplayName));

    [Theory, AllProviders]
    public Task Create_with_malformed_email_gives_email_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.Email = "priya@", nameof(NewStaffAccount.Email));

    [Theory, AllProviders]
    public async Task Create_with_accented_email_is_accepted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var input = NewAccount(store.Id, email: "josé.o'brien@example.com");

        var result = await db.Get<StaffAccountService>().CreateAsync(manager, input, Ct);

        Assert.True(result.Succeeded);
        Assert.NotNull(await FindAsync(db, "josé.o'brien@example.com"));
    }

    [Theory, AllProviders]
    public Task Create_without_store_gives_store_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.StoreId = null, nameof(NewStaffAccount.StoreId), "Choose the store they work at.");

    [Theory, AllProviders]
    public Task Create_with_unknown_store_gives_store_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.StoreId = 999_999, nameof(NewStaffAccount.StoreId), "That store no longer exists.");

    [Theory, AllProviders]
    public Task Create_with_weak_password_gives_password_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.Password = "password", nameof(NewStaffAccount.Password));

    [Theory, AllProviders]
    public Task Create_with_member_role_gives_role_message(DatabaseProvider provider) =>
        AssertRejectedAsync(provider, a => a.Role = Roles.Member, nameof(NewStaffAccount.Role), "Choose Staff or Manager.");

    [Theory, AllProviders]
    public async Task Create_with_email_already_in_use_gives_email_message(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        await db.AddMemberAsync("Priya Member", email: "priya@example.com");

        var result = await db.Get<StaffAccountService>().CreateAsync(manager, NewAccount(store.Id, email: " Priya@Example.COM "), Ct);

        Assert.Equal(("An account with this email already exists.", 1), (result.FieldErrors.GetValueOrDefault(nameof(NewStaffAccount.Email)), await CountUsersAsync(db, "priya@example.com")));
    }

    [Theory, AllProviders]
    public async Task Create_by_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().CreateAsync(staff, NewAccount(store.Id), Ct));
        Assert.Equal(0, await CountUsersAsync(db, "priya@example.com"));
    }

    [Theory, AllProviders]
    public async Task Create_by_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (_, member) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().CreateAsync(member!, NewAccount(store.Id), Ct));
    }

    [Theory, AllProviders]
    public async Task List_shows_staff_and_managers_but_not_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        await db.AddUserAsync(Roles.Staff, "Sam Okafor", store.Id);
        await db.AddMemberAsync("Alex Member");

        var rows = await db.Get<StaffAccountService>().ListAsync(manager, Ct);

        Assert.Equal([("Maya Patel", Roles.Manager, store.Name), ("Sam Okafor", Roles.Staff, store.Name)], rows.Select(r => (r.DisplayName, r.Role, r.StoreName)));
    }

    [Theory, AllProviders]
    public async Task List_by_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().ListAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task Assign_store_moves_staff_to_that_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var leeds = await db.AddStoreAsync("Leeds");
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var stampBefore = await StampAsync(db, staff.UserId);

        var result = await db.Get<StaffAccountService>().AssignStoreAsync(manager, staff.UserId, leeds.Id, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(leeds.Id, await db.QueryAsync(c => c.Users.Where(u => u.Id == staff.UserId).Select(u => u.StoreId).SingleAsync(Ct)));
        Assert.NotEqual(stampBefore, await StampAsync(db, staff.UserId));
    }

    [Theory, AllProviders]
    public async Task Assign_unknown_store_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);

        var result = await db.Get<StaffAccountService>().AssignStoreAsync(manager, staff.UserId, 999_999, Ct);

        Assert.Equal((false, "That store no longer exists."), (result.Succeeded, result.Message));
        Assert.Equal(store.Id, await db.QueryAsync(c => c.Users.Where(u => u.Id == staff.UserId).Select(u => u.StoreId).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Assign_store_to_a_member_login_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var (_, member) = await db.AddMemberAsync();

        var result = await db.Get<StaffAccountService>().AssignStoreAsync(manager, member!.UserId, store.Id, Ct);

        Assert.Equal((false, "That staff account no longer exists."), (result.Succeeded, result.Message));
    }

    [Theory, AllProviders]
    public async Task Assign_store_by_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var other = await db.AddUserAsync(Roles.Staff);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().AssignStoreAsync(staff, other.UserId, store.Id, Ct));
    }

    [Theory, AllProviders]
    public async Task Deactivate_marks_the_account_and_changes_its_security_stamp(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var stampBefore = await StampAsync(db, staff.UserId);

        var result = await db.Get<StaffAccountService>().SetActiveAsync(manager, staff.UserId, active: false, Ct);

        Assert.True(result.Succeeded);
        Assert.True(await IsDeactivatedAsync(db, staff.UserId));
        Assert.NotEqual(stampBefore, await StampAsync(db, staff.UserId));
    }

    [Theory, AllProviders]
    public async Task Reactivate_lets_the_account_back_in(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var service = db.Get<StaffAccountService>();
        await service.SetActiveAsync(manager, staff.UserId, active: false, Ct);

        var result = await service.SetActiveAsync(manager, staff.UserId, active: true, Ct);

        Assert.True(result.Succeeded);
        Assert.False(await IsDeactivatedAsync(db, staff.UserId));
    }

    [Theory, AllProviders]
    public async Task Deactivate_another_manager_is_allowed(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var other = await db.AddUserAsync(Roles.Manager, storeId: store.Id);

        await db.Get<StaffAccountService>().SetActiveAsync(manager, other.UserId, active: false, Ct);

        Assert.True(await IsDeactivatedAsync(db, other.UserId));
    }

    [Theory, AllProviders]
    public async Task Deactivate_own_account_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await AddManagerAsync(db);

        var result = await db.Get<StaffAccountService>().SetActiveAsync(manager, manager.UserId, active: false, Ct);

        Assert.Equal((false, "You cannot deactivate your own account."), (result.Succeeded, result.Message));
        Assert.False(await IsDeactivatedAsync(db, manager.UserId));
    }

    [Theory, AllProviders]
    public async Task Deactivate_unknown_user_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await AddManagerAsync(db);

        var result = await db.Get<StaffAccountService>().SetActiveAsync(manager, Guid.NewGuid().ToString(), active: false, Ct);

        Assert.Equal((false, "That staff account no longer exists."), (result.Succeeded, result.Message));
    }

    [Theory, AllProviders]
    public async Task Deactivate_a_member_login_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await AddManagerAsync(db);
        var (_, member) = await db.AddMemberAsync();

        var result = await db.Get<StaffAccountService>().SetActiveAsync(manager, member!.UserId, active: false, Ct);

        Assert.False(result.Succeeded);
        Assert.False(await IsDeactivatedAsync(db, member.UserId));
    }

    [Theory, AllProviders]
    public async Task Deactivate_by_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var other = await db.AddUserAsync(Roles.Staff, storeId: store.Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().SetActiveAsync(staff, other.UserId, active: false, Ct));
        Assert.False(await IsDeactivatedAsync(db, other.UserId));
    }

    private static async Task AssertRejectedAsync(DatabaseProvider provider, Action<NewStaffAccount> spoil, string field, string? message = null)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, store) = await AddManagerAsync(db);
        var input = NewAccount(store.Id);
        spoil(input);

        var result = await db.Get<StaffAccountService>().CreateAsync(manager, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([field], result.FieldErrors.Keys);
        if (message is not null) Assert.Equal(message, result.FieldErrors[field]);
        Assert.Equal(1, await db.QueryAsync(c => c.Users.CountAsync(Ct)));
    }

    private static NewStaffAccount NewAccount(int? storeId, string role = Roles.Staff, string email = "priya@example.com") =>
        new() { DisplayName = "Priya Shah", Email = email, Role = role, StoreId = storeId, Password = Password };

    private static async Task<(Caller Manager, Store Store)> AddManagerAsync(TestDb db)
    {
        var store = await db.AddStoreAsync();
        return (await db.AddUserAsync(Roles.Manager, "Maya Patel", store.Id), store);
    }

    private static Task<ApplicationUser?> FindAsync(TestDb db, string email) =>
        db.QueryAsync(c => c.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), Ct));

    private static Task<int> CountUsersAsync(TestDb db, string email) =>
        db.QueryAsync(c => c.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), Ct));

    private static Task<List<string?>> RolesAsync(TestDb db, ApplicationUser user) =>
        db.QueryAsync(c => c.UserRoles.Where(r => r.UserId == user.Id).Join(c.Roles, l => l.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(Ct));

    private static Task<string?> StampAsync(TestDb db, string userId) =>
        db.QueryAsync(c => c.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync(Ct));

    private static Task<bool> IsDeactivatedAsync(TestDb db, string userId) =>
        db.QueryAsync(c => c.Users.Where(u => u.Id == userId).Select(u => u.IsDeactivated).SingleAsync(Ct));
}
