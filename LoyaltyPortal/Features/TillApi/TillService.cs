using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Pass;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>A member the till asked for, or why not (<see cref="Status"/> is the HTTP status to answer with).</summary>
public sealed record TillMemberMatch(int? MemberId, string? MemberCode, int Status, string? Problem)
{
    public static TillMemberMatch Found(int id, string code) => new(id, code, StatusCodes.Status200OK, null);
    public static TillMemberMatch NotFound(string problem) => new(null, null, StatusCodes.Status404NotFound, problem);
    public static TillMemberMatch Invalid(string problem) => new(null, null, StatusCodes.Status400BadRequest, problem);
}

/// <summary>
/// What only the till needs on top of the staff services: finding a member by what the till has (code, phone, email,
/// scanned pass), the till's summary of the recognition card, and which of today's events to check a member in to.
/// </summary>
public sealed class TillService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, RecognitionService recognition, PassService passes, IOptions<MemberSettings> members,
    ProgrammeCalendar calendar, ActiveCallers callers)
{
    public const int MaxLookupLength = 254;

    /// <summary>Finds one member by exactly one of member code, phone number, email address or a scanned pass token.</summary>
    public async Task<TillMemberMatch> FindAsync(Caller caller, string? code, string? phone, string? email, string? passToken, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        var given = new[] { code, phone, email, passToken }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1) return TillMemberMatch.Invalid("Give exactly one of code, phone, email or passToken.");
        if (new[] { code, phone, email, passToken }.Any(v => v?.Length > MaxLookupLength))
        {
            return TillMemberMatch.Invalid($"A lookup value has at most {MaxLookupLength} characters.");
        }
        if (!string.IsNullOrWhiteSpace(passToken))
        {
            var pass = await passes.ResolveAsync(caller, passToken, ct);
            if (pass.MemberCode is null) return TillMemberMatch.NotFound(pass.Problem!);
            code = pass.MemberCode;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (!string.IsNullOrWhiteSpace(code)) return await SingleAsync(active.Where(m => m.MemberCode == code.Trim().ToUpperInvariant()), "member code", ct);
        if (!string.IsNullOrWhiteSpace(phone))
        {
            var e164 = MemberRules.NormalizePhone(phone, members.Value.DefaultRegion);
            if (e164 is null) return TillMemberMatch.Invalid("That is not a phone number we can dial. Send it with its country code, for example +44 7700 900123.");
            return await SingleAsync(active.Where(m => m.Phone == e164), "phone number", ct);
        }
        if (MemberRules.ValidateEmail(email) is { } emailProblem) return TillMemberMatch.Invalid(emailProblem);
        var search = email!.Trim().ToLowerInvariant();
        return await SingleAsync(active.Where(m => m.SearchEmail == search), "email address", ct);
    }

    /// <summary>
    /// The till's summary and the member's id, read from the recognition card, so opening it is audited like a card view.
    /// </summary>
    public async Task<(int MemberId, TillMemberSummary Summary)?> GetSummaryAsync(Caller caller, string memberCode, CancellationToken ct = default)
    {
        var card = await recognition.GetCardAsync(caller, memberCode, ct);
        if (card is null) return null;
        var tier = card.Tier;
        return (card.MemberId, new TillMemberSummary(card.MemberCode, card.PreferredName,
            new TillTier(tier.Held.Name, tier.Points, tier.Next?.Name, tier.Next is null ? null : tier.ToGo, tier.Percent),
            card.LastVisit?.At,
            card.TodaysBookings.Select(b => new TillBooking(b.BookingId, b.Title, b.Kind.ToString(), b.StartsAt, b.Seats, b.Status.ToString(), b.CanCheckIn)).ToList(),
            card.ActiveTrials.Select(t => new TillTrial(t.BookingId, t.Product, t.Status.ToString(), t.DueAt, t.IsOverdue)).ToList(),
            card.Gesture?.Text));
    }

    /// <summary>
    /// The member's booking for an event today at the till's store: the one named, or the only one. Null with a reason
    /// when there is none or the choice is ambiguous.
    /// </summary>
    public async Task<(long? BookingId, string? Problem)> TodaysEventBookingAsync(Caller caller, int memberId, long? bookingId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = calendar.StartOfTodayUtc();
        var to = calendar.ToUtc(calendar.ToLocal(from).AddDays(1));
        var events = BenefitOperationsService.EventsAtCallersStore(db, caller).Where(b => b.StartsAt >= from && b.StartsAt < to).Select(b => b.Id);
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && events.Contains(b.BenefitId) && b.Status != BookingStatus.Cancelled)
            .Where(b => bookingId == null || b.Id == bookingId)
            .Select(b => b.Id).Take(2).ToListAsync(ct);
        return bookings.Count switch
        {
            0 => (null, bookingId is null ? "The member has no event booked here today." : "That booking is not for an event here today."),
            1 => (bookings[0], null),
            _ => (null, "The member has more than one event here today: send the bookingId from the summary."),
        };
    }

    private static async Task<TillMemberMatch> SingleAsync(IQueryable<Member> members, string what, CancellationToken ct)
    {
        var found = await members.OrderBy(m => m.Id).Select(m => new { m.Id, m.MemberCode }).Take(2).ToListAsync(ct);
        return found.Count switch
        {
            0 => TillMemberMatch.NotFound($"No member has that {what}."),
            1 => TillMemberMatch.Found(found[0].Id, found[0].MemberCode),
            _ => new(null, null, StatusCodes.Status409Conflict, $"More than one member has that {what}; look them up by member code."),
        };
    }

    private Task RequireStaffAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsStaff, "Only store staff and tills look members up.", ct);
}
