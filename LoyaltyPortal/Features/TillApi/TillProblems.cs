using LoyaltyPortal.Components.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>RFC 9457 Problem Details for every till error: field errors by their JSON names, never a stack trace.</summary>
public static class TillProblems
{
    public static ProblemHttpResult Status(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    /// <summary>A refused service result: field errors as a validation problem (400), anything else as 422.</summary>
    public static IResult From(OperationResult result)
    {
        if (result.FieldErrors.Count == 0) return Status(StatusCodes.Status422UnprocessableEntity, result.Message);
        var errors = result.FieldErrors.ToDictionary(e => JsonName(e.Key), e => new[] { e.Value });
        return TypedResults.ValidationProblem(errors, result.Message);
    }

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}

/// <summary>
/// Till calls that throw still answer in Problem Details: a malformed body is a 400 that says so, a service refusal a
/// 403, and anything else a 500 carrying only the trace id to quote.
/// </summary>
public sealed class TillExceptionHandler(ILogger<TillExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request path is the error page's; the feature keeps the path that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!new PathString(path).StartsWithSegments(TillApiEndpoints.Prefix)) return false;
        var (status, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large." : "The request body is not valid JSON for this endpoint: " + SafeReason(bad)),
            UnauthorizedAccessException => (StatusCodes.Status403Forbidden, "This API key may no longer act here: it has been revoked or its store has changed."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side. Quote the trace id if you contact us."),
        };
        if (status >= 500) logger.LogError(exception, "Till API call {Method} {Path} failed", http.Request.Method, path);
        var problem = TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
        http.Response.Clear();
        await problem.ExecuteAsync(http);
        return true;
    }

    /// <summary>The JSON reader's own words (which property, which position), without the inner exception's type or stack.</summary>
    private static string SafeReason(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json && json.Path is { } path ? $"check {path}." : "check the field types and values.";
}
