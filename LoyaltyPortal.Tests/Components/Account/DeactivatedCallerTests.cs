using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>A deactivated account's open pages still hold its old sign-in; the services and the circuit refuse it.</summary>
public sealed class DeactivatedCallerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Deactivated_staff_are_refused_at_the_counter_and_nothing_is_recorded(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager, storeId: store.Id);
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Counter", store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var recognition = db.Get<RecognitionService>();
        Assert.Single((await db.Get<CounterSearchService>().SearchAsync(staff, member.MemberCode, Ct)).Matches);

        Assert.True((await db.Get<StaffAccountService>().SetActiveAsync(manager, staff.UserId, false, Ct)).Succeeded);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterSearchService>().SearchAsync(staff, member.MemberCode, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterService>().GetAsync(staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => recognition.GetCardAsync(staff, member.MemberCode, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => recognition.RecordVisitAsync(staff, member.Id, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => recognition.AddNoteAsync(staff, member.Id, new NoteInput("Likes tea", Guid.NewGuid()), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => recognition.RecordPurchaseAsync(staff, member.Id, new PurchaseInput(12m, "GBP", Guid.NewGuid()), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<BenefitOperationsService>().GetTodaysEventsAsync(staff, Ct));

        await using var context = db.NewContext();
        Assert.Equal((0, 0, 0), (await context.Activities.CountAsync(a => a.MemberId == member.Id, Ct),
            await context.CardViews.CountAsync(Ct), await context.StaffNotes.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Deactivated_manager_is_refused_by_manager_services_and_creates_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var head = await db.AddUserAsync(Roles.Manager, "Head Office", store.Id);
        var manager = await db.AddUserAsync(Roles.Manager, "Moved On", store.Id);
        Assert.NotEmpty(await db.Get<StaffAccountService>().ListAsync(manager, Ct));

        Assert.True((await db.Get<StaffAccountService>().SetActiveAsync(head, manager.UserId, false, Ct)).Succeeded);

        var staffAccount = new NewStaffAccount { DisplayName = "Priya Shah", Email = "priya@example.com", StoreId = store.Id, Password = "Counter#2026" };
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().CreateAsync(manager, staffAccount, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<StaffAccountService>().SetActiveAsync(manager, head.UserId, false, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<BenefitAdminService>().ListAsync(manager, new BenefitListFilter(), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<ProgrammeSetupService>().GetRulesAsync(manager, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<MemberDirectoryService>().SearchAsync(manager, new MemberQuery(), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<DashboardService>().GetAsync(manager, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<InsightsService>().GetOptionsAsync(manager, Ct));

        await using var context = db.NewContext();
        Assert.False(await context.Users.AnyAsync(u => u.Email == "priya@example.com", Ct));
        Assert.False(await context.Users.Where(u => u.Id == head.UserId).Select(u => u.IsDeactivated).SingleAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Deactivated_check_also_refuses_a_caller_whose_role_was_taken_away(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        Assert.True(await db.Get<ActiveCallers>().IsActiveAsync(staff, Ct));

        await using (var context = db.NewContext())
        {
            await context.UserRoles.Where(r => r.UserId == staff.UserId).ExecuteDeleteAsync(Ct);
        }

        Assert.False(await db.Get<ActiveCallers>().IsActiveAsync(staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterService>().GetAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task Deactivated_user_open_circuit_fails_revalidation_within_a_minute(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager, storeId: store.Id);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var circuit = Revalidator(db);
        var principal = await PrincipalAsync(db, staff.UserId);
        Assert.True(await circuit.IsStillValidAsync(principal));

        await db.Get<StaffAccountService>().SetActiveAsync(manager, staff.UserId, false, Ct);

        // The circuit's next check comes at most one interval after the deactivation, and that check refuses it.
        Assert.True(IdentityRevalidatingAuthenticationStateProvider.Interval <= TimeSpan.FromSeconds(30));
        Assert.False(await circuit.IsStillValidAsync(principal));
    }

    [Theory, AllProviders]
    public async Task Deactivated_flag_alone_fails_revalidation_even_with_the_old_stamp(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var principal = await PrincipalAsync(db, staff.UserId);

        await using (var context = db.NewContext())
        {
            await context.Users.Where(u => u.Id == staff.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true), Ct);
        }

        Assert.False(await Revalidator(db).IsStillValidAsync(principal));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterService>().GetAsync(staff, Ct));
    }

    private static IdentityRevalidatingAuthenticationStateProvider Revalidator(TestDb db) =>
        new(db.Get<ILoggerFactory>(), db.Get<IServiceScopeFactory>(), db.Get<IOptions<IdentityOptions>>());

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(TestDb db, string userId)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId))!);
    }
}
