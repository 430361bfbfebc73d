using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>
/// <c>/api/v1</c>: what a till does at the counter, through the same services as the staff screens, so rules, caps,
/// standings and live updates behave the same. Authenticated by a store's API key; every write is idempotent.
/// </summary>
public static class TillApiEndpoints
{
    public const string Prefix = "/api/v1";
    public const string RateLimitPolicy = "till-api";

    public static IEndpointRouteBuilder MapTillApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Till")
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<ApiAudit>()
            .AddEndpointFilter(ApiKeyAuthenticationHandler.TrustCheckedLoginAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var reads = api.MapGroup("").RequireAuthorization(TillApiPolicies.For(ApiScopes.MembersRead));
        reads.MapGet("/members/lookup", LookupAsync).WithName("LookupMember")
            .WithSummary("Find a member by exactly one of member code, phone, email or scanned pass token; answers with the till summary.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        reads.MapGet("/members/{code}", SummaryAsync).WithName("GetMemberSummary")
            .WithSummary("The till screen's summary: name, tier and progress, today's bookings and trials, a suggested gesture.")
            .ProducesProblem(404);

        var writes = api.MapGroup("").AddEndpointFilter<ApiIdempotency>().WithMetadata(new ApiIdempotency.KeyRequired())
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/members", EnrolAsync).WithName("EnrolMember").RequireAuthorization(TillApiPolicies.For(ApiScopes.MembersWrite))
            .WithSummary("Enrol a member at the till's store: a name plus a phone or an email, and their consent.").ProducesValidationProblem()
            .Produces<TillResult>(StatusCodes.Status201Created);
        var activity = writes.MapGroup("/members/{code}").RequireAuthorization(TillApiPolicies.For(ApiScopes.Activity))
            .ProducesProblem(404);
        activity.MapPost("/visits", VisitAsync).WithName("RecordVisit").WithSummary("Record that the member is in the till's store.").Produces<TillResult>();
        activity.MapPost("/purchases", PurchaseAsync).WithName("RecordPurchase")
            .WithSummary("Record a sale with the till's transaction reference; the same reference twice records one purchase.").ProducesValidationProblem()
            .Produces<TillResult>();
        activity.MapPost("/refunds", RefundAsync).WithName("RecordRefund")
            .WithSummary("Refund or return (part of) a sale by its transaction reference; takes back its points in proportion.").ProducesValidationProblem()
            .Produces<TillResult>();
        writes.MapPost("/members/{code}/check-ins", CheckInAsync).WithName("CheckInToEvent").RequireAuthorization(TillApiPolicies.For(ApiScopes.CheckIn))
            .WithSummary("Check the member in to their event today at the till's store.").ProducesProblem(404).Produces<TillResult>();
        return app;
    }

    private static async Task<Results<Ok<TillMemberSummary>, ProblemHttpResult>> LookupAsync(
        HttpContext http, TillService till, [FromQuery] string? code, [FromQuery] string? phone, [FromQuery] string? email,
        [FromQuery] string? passToken, CancellationToken ct)
    {
        var match = await till.FindAsync(CallerOf(http), code, phone, email, passToken, ct);
        if (match.MemberCode is null) return TillProblems.Status(match.Status, match.Problem!);
        return await SummaryAsync(http, till, match.MemberCode, ct);
    }

    private static async Task<Results<Ok<TillMemberSummary>, ProblemHttpResult>> SummaryAsync(HttpContext http, TillService till, string code, CancellationToken ct)
    {
        if (await till.GetSummaryAsync(CallerOf(http), code, ct) is not { } found) return TillProblems.Status(404, "No member has that member code.");
        http.Items[ApiAudit.MemberItem] = found.MemberId;
        return TypedResults.Ok(found.Summary);
    }

    private static async Task<IResult> EnrolAsync(HttpContext http, EnrolmentService enrolment, EnrolRequest request, CancellationToken ct)
    {
        var input = new EnrolInput
        {
            PreferredName = request.PreferredName ?? "", Email = request.Email, Phone = request.Phone,
            AcceptsTerms = request.AcceptsTerms, ConsentContact = request.ConsentContact,
        };
        var result = await enrolment.EnrolAsync(CallerOf(http), input, ct);
        if (result.Succeeded)
        {
            http.Items[ApiAudit.MemberItem] = result.MemberId;
            return TypedResults.Json(new TillResult(result.MemberCode!, result.Message), statusCode: StatusCodes.Status201Created);
        }
        if (result.IsExistingMember) return TillProblems.Status(StatusCodes.Status409Conflict, $"{result.Message} Member code {result.MemberCode}.");
        return TillProblems.From(result);
    }

    private static Task<IResult> VisitAsync(HttpContext http, TillService till, RecognitionService recognition, string code, CancellationToken ct) =>
        ForMemberAsync(http, till, code, id => recognition.RecordVisitAsync(CallerOf(http), id, ct), ct);

    private static Task<IResult> PurchaseAsync(
        HttpContext http, TillService till, RecognitionService recognition, string code, PurchaseRequest request, CancellationToken ct) =>
        ForMemberAsync(http, till, code, id => recognition.RecordPurchaseAsync(CallerOf(http), id,
            new PurchaseInput(request.Amount, request.Currency, Guid.Empty, request.TransactionReference ?? ""), ct), ct);

    private static Task<IResult> RefundAsync(
        HttpContext http, TillService till, RefundService refunds, string code, RefundRequest request, CancellationToken ct) =>
        ForMemberAsync(http, till, code, id => refunds.RecordRefundAsync(CallerOf(http), id,
            new RefundInput(request.TransactionReference, request.RefundReference, request.Amount, request.Currency), ct), ct);

    private static Task<IResult> CheckInAsync(
        HttpContext http, TillService till, BenefitOperationsService operations, string code, CheckInRequest? request, CancellationToken ct) =>
        ForMemberAsync(http, till, code, async id =>
        {
            var (bookingId, problem) = await till.TodaysEventBookingAsync(CallerOf(http), id, request?.BookingId, ct);
            return bookingId is { } booking ? await operations.CheckInAsync(CallerOf(http), booking, ct) : OperationResult.Refused(problem!);
        }, ct);

    private static async Task<IResult> ForMemberAsync(HttpContext http, TillService till, string code, Func<int, Task<OperationResult>> act, CancellationToken ct)
    {
        var match = await FindAsync(http, till, code, ct);
        if (match.MemberId is not { } memberId) return TillProblems.Status(match.Status, match.Problem!);
        var result = await act(memberId);
        return result.Succeeded ? TypedResults.Ok(new TillResult(match.MemberCode!, result.Message)) : TillProblems.From(result);
    }

    private static async Task<TillMemberMatch> FindAsync(HttpContext http, TillService till, string code, CancellationToken ct)
    {
        var match = await till.FindAsync(CallerOf(http), code, null, null, null, ct);
        http.Items[ApiAudit.MemberItem] = match.MemberId;
        return match;
    }

    private static Caller CallerOf(HttpContext http) => Caller.From(http.User) ?? throw new UnauthorizedAccessException("No till key.");
}
