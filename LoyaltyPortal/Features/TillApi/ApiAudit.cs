using System.Globalization;
using System.Security.Claims;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>Writes an audit row for every till call once it has been answered, like a card view for a person.</summary>
public sealed class ApiAudit(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar) : IEndpointFilter
{
    /// <summary>Set by an endpoint once it knows which member the call was about.</summary>
    public const string MemberItem = "till:member";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (!int.TryParse(http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var keyId))
        {
            return result;
        }
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ApiCalls.Add(new ApiCall
        {
            ApiKeyId = keyId, At = calendar.UtcNow, Method = http.Request.Method, Route = route.Length > 100 ? route[..100] : route,
            StatusCode = status, MemberId = http.Items[MemberItem] as int?,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }
}
