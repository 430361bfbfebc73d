using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// The sign-in cookie's security stamp check, minus one cost. The request that carries a page's circuit (the WebSocket
/// to <c>/_blazor</c>) lives as long as the page, and so does its request scope: the check used to leave a sign-in
/// manager, a user manager and an Identity store with its own DbContext in that scope for every open page. Here the check
/// runs in a scope of its own, disposed at once. Open pages are rechecked every 30 s anyway
/// (<see cref="IdentityRevalidatingAuthenticationStateProvider"/>).
/// </summary>
internal static class CircuitRequestValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments("/_blazor"))
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }
        var requestServices = context.HttpContext.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.HttpContext.RequestServices = scope.ServiceProvider;
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        finally
        {
            context.HttpContext.RequestServices = requestServices;
        }
    }
}
