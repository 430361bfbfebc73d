using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using LoyaltyPortal.Components.Account;
using MudBlazor.Services;

namespace LoyaltyPortal.Tests;

/// <summary>
/// bUnit context for portal components: MudBlazor services, loose JS interop (MudBlazor calls JS freely;
/// verify the calls that matter with <c>JSInterop.VerifyInvoke</c>), and the app's real feature services
/// over a fresh <see cref="TestDb"/>.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected PortalTestContext()
    {
        Services.AddMudServices();
        // As the app does: components read the signed-in caller from SignIn's fake provider at their first render.
        Services.AddCascadingCaller();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bUnit's 1 s is too short on a 2-core CI machine running the browser tests alongside; a wait that succeeds
        // still returns as soon as it does.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected TestDb Db { get; private set; } = default!;

    public virtual async ValueTask InitializeAsync()
    {
        Db = await TestDb.CreateAsync();
        Services.AddFallbackServiceProvider(Db.Services);
    }

    /// <summary>Signs in a fake user with the given roles (none: signed in without a role), as the cookie would.</summary>
    protected BunitAuthorizationContext SignIn(string name, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-" + Guid.NewGuid().ToString("N")), new Claim(Caller.DisplayNameClaim, name));
        return auth;
    }

    /// <summary>Signs in as a real caller from the test database, so services find their data.</summary>
    protected BunitAuthorizationContext SignIn(Caller caller)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(caller.DisplayName);
        auth.SetRoles([.. caller.Roles]);
        Claim[] claims = [new(ClaimTypes.NameIdentifier, caller.UserId), new(Caller.DisplayNameClaim, caller.DisplayName)];
        // Staff carry their store in a claim, as the cookie does; services check it.
        var store = caller.StoreId?.ToString(CultureInfo.InvariantCulture);
        auth.SetClaims(store is null ? claims : [.. claims, new(Caller.StoreClaim, store)]);
        return auth;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Db is not null) await Db.DisposeAsync();
    }
}
