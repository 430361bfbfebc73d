using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>
/// A till request trusts its key's login check for the rest of the call; the trust covers that login only, only as
/// staff, and ends with the call.
/// </summary>
public sealed class CheckedLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Checked_login_is_trusted_only_for_itself_as_staff_and_only_within_its_call(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var till = await db.AddUserAsync(Roles.Staff, "Till: 1", store.Id);
        var other = await db.AddUserAsync(Roles.Staff, "Sam Counter", store.Id);
        await using (var context = db.NewContext())
        {
            await context.Users.Where(u => u.Id == till.UserId || u.Id == other.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDeactivated, true), Ct);
        }
        var callers = db.Get<ActiveCallers>();

        async Task<(bool Till, bool Other, bool AsManager)> DuringTheCallAsync()
        {
            ActiveCallers.TrustCheckedStaffLogin(till.UserId);
            await Task.Yield();
            return (await callers.IsActiveAsync(till, Ct), await callers.IsActiveAsync(other, Ct),
                await callers.IsActiveAsync(till with { Roles = new HashSet<string> { Roles.Manager } }, Ct));
        }

        Assert.Equal((true, false, false), await DuringTheCallAsync());
        Assert.False(await callers.IsActiveAsync(till, Ct));
    }
}
