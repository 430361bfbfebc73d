using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>
/// Every till write carries an <c>Idempotency-Key</c>. The first request with a key claims it by inserting its row
/// (the unique index settles a race), runs, and stores its answer; a replay gets that answer back and records nothing,
/// and a replay with a different body gets 422. A failure (5xx or an exception) releases the key, so the till may retry.
/// </summary>
public sealed class ApiIdempotency(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Endpoint metadata that puts the required header into the OpenAPI document, so generated clients send it.</summary>
    public sealed class KeyRequired;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0) return TillProblems.Status(400, $"Send an {Header} header on every write: a value unique to this sale or action, reused on retries.");
        if (key.Length > ApiIdempotencyRecord.KeyMaxLength || !key.All(c => c is > ' ' and < '\u007f'))
        {
            return TillProblems.Status(400, $"The {Header} has at most {ApiIdempotencyRecord.KeyMaxLength} visible ASCII characters.");
        }
        var keyId = int.Parse(http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!, CultureInfo.InvariantCulture);
        var hash = RequestHash(http, context.Arguments);

        var claim = new ApiIdempotencyRecord { ApiKeyId = keyId, Key = key, RequestHash = hash, CreatedAt = calendar.UtcNow };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ApiIdempotencyRecords.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return await ReplayAsync(keyId, key, hash, ct);
            }
        }

        StoredResponse response;
        try
        {
            response = await StoredResponse.CaptureAsync(http, await next(context));
        }
        catch
        {
            await ReleaseAsync(keyId, key);
            throw;
        }
        if (response.Status >= 500)
        {
            await ReleaseAsync(keyId, key);
            return response;
        }
        await StoreAsync(http, claim, response);
        return response;
    }

    /// <summary>
    /// Keeps the answer on the claimed record and writes the call's audit row in the same commit: one write, not two.
    /// </summary>
    private async Task StoreAsync(HttpContext http, ApiIdempotencyRecord claim, StoredResponse response)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ApiIdempotencyRecords.Attach(claim);
        claim.StatusCode = response.Status;
        claim.ContentType = response.ContentType;
        claim.Body = response.Body;
        if (ApiAudit.RowFor(http, response.Status, calendar.UtcNow) is { } audit) db.ApiCalls.Add(audit);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            http.Items[ApiAudit.WrittenItem] = true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The record is gone (its key or store was deleted meanwhile): nothing to keep, and ApiAudit writes the row on its own.
        }
    }

    private async Task<object?> ReplayAsync(int keyId, string key, string hash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var first = await db.ApiIdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == keyId && r.Key == key, ct);
        if (first is null) return TillProblems.Status(409, "A request with this Idempotency-Key has just failed; send it again.");
        if (first.RequestHash != hash)
        {
            return TillProblems.Status(422, "This Idempotency-Key was already used for a different request. Use a new key for a new sale or action.");
        }
        if (first.StatusCode is not { } status) return TillProblems.Status(409, "The first request with this Idempotency-Key is still running; retry in a moment.");
        return new StoredResponse(status, first.ContentType, first.Body ?? "", Replayed: true);
    }

    /// <summary>Releases the key without the request's token: a cancelled request must not leave its key claimed.</summary>
    private async Task ReleaseAsync(int keyId, string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ApiIdempotencyRecords.Where(r => r.ApiKeyId == keyId && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The method, path and the bound request values (not their formatting), so whitespace alone is no difference.</summary>
    private static string RequestHash(HttpContext http, IList<object?> arguments)
    {
        var values = arguments.Where(a => a is ITillRequest or string or int or long).ToList();
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(values)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An answer as sent: captured from the endpoint's result the first time, replayed from the database after.</summary>
    private sealed record StoredResponse(int Status, string? ContentType, string Body, bool Replayed = false) : IResult, IStatusCodeHttpResult
    {
        int? IStatusCodeHttpResult.StatusCode => Status;

        public static async Task<StoredResponse> CaptureAsync(HttpContext http, object? result)
        {
            if (result is not IResult executable) throw new InvalidOperationException("Till writes return an IResult.");
            var original = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await executable.ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = original;
            }
            return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(buffer.ToArray()));
        }

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = Status;
            if (ContentType is not null) http.Response.ContentType = ContentType;
            if (Replayed) http.Response.Headers[ReplayedHeader] = "true";
            await http.Response.WriteAsync(Body, http.RequestAborted);
        }
    }
}
