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

    /// <summary>Set once the call's row is written with its idempotency record (<see cref="ApiIdempotency"/>), so it is not written twice.</summary>
    public const string WrittenItem = "till:audited";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (http.Items.ContainsKey(WrittenItem)) return result;
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        if (RowFor(http, status, calendar.UtcNow) is not { } row) return result;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ApiCalls.Add(row);
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    /// <summary>The audit row for an answered call, or null when no till key made it.</summary>
    public static ApiCall? RowFor(HttpContext http, int status, DateTime at)
    {
        if (!int.TryParse(http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var keyId))
        {
            return null;
        }
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        return new ApiCall
        {
            ApiKeyId = keyId, At = at, Method = http.Request.Method, Route = route.Length > 100 ? route[..100] : route,
            StatusCode = status, MemberId = http.Items[MemberItem] as int?,
        };
    }
}
