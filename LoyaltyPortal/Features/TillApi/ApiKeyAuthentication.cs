using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>
/// Authenticates a till by the key in <c>Authorization: Bearer lp_…</c> (or <c>X-Api-Key</c>). The principal is the
/// key's own staff login at its store, so <see cref="Caller.From"/> and every service check work as for a person.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TillApiKey";
    public const string KeyIdClaim = "loyalty:api-key";
    public const string ScopeClaim = "loyalty:api-scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid or has been revoked.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.UserId),
            new(ClaimTypes.Role, Roles.Staff),
            new(Caller.StoreClaim, key.StoreId.ToString(CultureInfo.InvariantCulture)),
            new(Caller.DisplayNameClaim, key.DisplayName),
            new(KeyIdClaim, key.KeyId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Enum.GetValues<ApiScopes>().Where(s => s is not (ApiScopes.None or ApiScopes.All) && key.Scopes.HasFlag(s))
            .Select(s => new Claim(ScopeClaim, s.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// Endpoint filter for every till endpoint: the key's login was checked (active, staff) while authenticating this
    /// request, so the services' <see cref="ActiveCallers"/> checks for it are answered from that check instead of
    /// reading the account again, twice per visit. A key revoked meanwhile is refused from the next request on.
    /// </summary>
    public static async ValueTask<object?> TrustCheckedLoginAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Async on purpose: the trust is set in this method's own flow, so it ends when the call does.
        var user = context.HttpContext.User;
        if (user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == SchemeName) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            ActiveCallers.TrustCheckedStaffLogin(userId);
        }
        return await next(context);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = Presented(Request) is null
            ? "Send the till's API key as 'Authorization: Bearer lp_…'."
            : "The API key is not valid or has been revoked.";
        return TypedResults.Problem(message, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem("This API key may not do that. A manager can create a key with the scope it needs.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization[7..].Trim();
        return request.Headers.TryGetValue("X-Api-Key", out var header) ? header.ToString().Trim() : null;
    }
}
