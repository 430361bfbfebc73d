namespace LoyaltyPortal.Features.TillApi;

/// <summary>A request body or value the idempotency check compares between a write and its replay.</summary>
public interface ITillRequest;

public sealed record EnrolRequest(string? PreferredName, string? Email, string? Phone, bool AcceptsTerms, bool ConsentContact) : ITillRequest;

public sealed record PurchaseRequest(decimal? Amount, string? Currency, string? TransactionReference) : ITillRequest;

/// <summary>Leave <see cref="Amount"/> out to refund what is left of the sale.</summary>
public sealed record RefundRequest(string? TransactionReference, string? RefundReference, decimal? Amount, string? Currency) : ITillRequest;

/// <summary>Name the booking (from the summary) when the member has more than one event today.</summary>
public sealed record CheckInRequest(long? BookingId) : ITillRequest;

/// <summary>What a write did, in words a till can show.</summary>
public sealed record TillResult(string MemberCode, string Message);

public sealed record TillTier(string Name, int Points, string? NextTier, int? PointsToNextTier, int Percent);

public sealed record TillBooking(long BookingId, string Title, string Kind, DateTime StartsAt, int Seats, string Status, bool CanCheckIn);

public sealed record TillTrial(long BookingId, string Product, string Status, DateTime? DueAt, bool IsOverdue);

/// <summary>The till screen's view of a member: who, where they stand, what they have today, and a gesture to make.</summary>
public sealed record TillMemberSummary(
    string MemberCode, string PreferredName, TillTier Tier, DateTime? LastVisitAt,
    IReadOnlyList<TillBooking> TodaysBookings, IReadOnlyList<TillTrial> ActiveTrials, string? SuggestedGesture);
