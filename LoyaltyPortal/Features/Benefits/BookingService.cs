using Microsoft.Extensions.Localization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Hosting;
using LoyaltyPortal.Hosting.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Booking, cancelling and rescheduling for members, and promotion from the waitlist. Seats are claimed with a
/// conditional update (<c>Taken + seats &lt;= Capacity</c>) inside a transaction that starts as a writer, so
/// concurrent bookings can never oversell; the unique live-booking index makes a double click book once.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, MemberNotifier notifier, MemberEvents events, BenefitCatalogue catalogue, ProgrammeCalendar calendar,
    PublicLinks links, WebhookPublisher webhooks, IOptions<BookingOptions> options, IStringLocalizer<BenefitsText> messages,
    PortalMetrics metrics) : IDisposable
{
    private string TooManyChanges => messages["That's a lot of bookings and cancellations at once. Wait a minute, then try again."];

    // Per member: booking and cancelling are circuit events, which the HTTP rate limiter never sees.
    private readonly CallerLimiter limiter = new(options.Value.ChangeBurst, TimeSpan.FromSeconds(options.Value.ChangePeriodSeconds));

    private static readonly BookingStatus[] LiveStatuses =
        [BookingStatus.Confirmed, BookingStatus.Waitlisted, BookingStatus.Attended, BookingStatus.HandedOut];

    public async Task<BookingResult> BookAsync(Caller caller, int benefitId, BookingRequest request, CancellationToken ct = default)
    {
        RequireMember(caller);
        if (!limiter.TryAcquire(caller.UserId)) return BookingResult.Refused(TooManyChanges);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var member = await BenefitRules.FindMemberAsync(db, caller.UserId, ct);
        if (member is null) return BookingResult.Refused(messages["There is no member profile for this account."]);

        var facts = await BenefitRules.Facts(db, db.Benefits.AsNoTracking().Where(b => b.Id == benefitId)).FirstOrDefaultAsync(ct);
        if (facts is null || !BenefitRules.IsVisibleTo(facts, member, now)) return BookingResult.Refused(messages["This benefit isn't open to you."]);
        var benefit = await db.Benefits.AsNoTracking().Where(b => b.Id == benefitId)
            .Select(b => new { b.Title, b.GuestsAllowed, b.WaitlistEnabled }).FirstAsync(ct);

        if (await FindLiveBookingAsync(db, benefitId, member.MemberId, ct) is { } existing)
        {
            return new BookingResult(true, messages["You're already booked."], existing.Id, existing.Status, await WaitlistPositionAsync(db, existing.Id, ct));
        }
        if (BenefitRules.OpensAtFor(facts, member) is { } opensAt && opensAt > now)
        {
            return BookingResult.Refused(messages["Booking opens for you on {0}.", calendar.FormatDateTime(opensAt)]);
        }
        if (BenefitRules.HasClosed(facts, now)) return BookingResult.Refused(messages["Booking has closed."]);

        var seats = request.WithGuest ? 2 : 1;
        if (request.WithGuest && (facts.Kind != BenefitKind.Event || !benefit.GuestsAllowed)) return BookingResult.Refused(messages["This event doesn't take guests."]);

        GuidanceSlot? slot = null;
        if (facts.Kind == BenefitKind.Guidance)
        {
            slot = request.SlotId is { } slotId ? await db.GuidanceSlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId && s.BenefitId == benefitId, ct) : null;
            if (slot is null) return BookingResult.Refused(messages["Choose one of the available times."]);
            if (slot.StartsAt <= now) return BookingResult.Refused(messages["That time has passed; pick another."]);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var status = BookingStatus.Confirmed;
            if (facts.Kind != BenefitKind.Guidance && await ClaimSeatsAsync(db, benefitId, seats, ct) == 0)
            {
                if (!benefit.WaitlistEnabled)
                {
                    return BookingResult.Refused(facts.Kind == BenefitKind.Trial ? messages["All units are claimed."] : messages["This event is full."]);
                }
                status = BookingStatus.Waitlisted;
            }
            var booking = new Booking
            {
                BenefitId = benefitId, MemberId = member.MemberId, Status = status, Seats = seats, SlotId = slot?.Id, CreatedAt = now,
                WaitlistedAt = status == BookingStatus.Waitlisted ? now : null,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(ct);
            if (status == BookingStatus.Confirmed)
            {
                await webhooks.StageBookingAsync(db, WebhookEvents.BookingConfirmed, booking.Id, ct);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            metrics.BookingMade(facts.Kind, status);
            catalogue.Invalidate();
            // After commit, so earlier arrivals committed by other connections are counted.
            var position = status == BookingStatus.Waitlisted ? await WaitlistPositionAsync(db, booking.Id, ct) : null;
            events.Raise(member.MemberId, MemberChange.Booking);
            return status == BookingStatus.Confirmed
                ? new BookingResult(true, slot is null ? messages["You're booked."] : messages["You're booked for {0}.", calendar.FormatDateTime(slot.StartsAt)],
                    booking.Id, status)
                : new BookingResult(true, messages["You're on the waitlist (position {0}).", position ?? 0], booking.Id, status, position);
        }
        catch (DbUpdateException)
        {
            // The transaction rolled back, seat claim included. Either this member booked in another tab or
            // double-clicked (the live-booking index), or someone took the slot first.
            db.ChangeTracker.Clear();
            if (await FindLiveBookingAsync(db, benefitId, member.MemberId, ct) is { } winner)
            {
                return new BookingResult(true, messages["You're already booked."], winner.Id, winner.Status, await WaitlistPositionAsync(db, winner.Id, ct));
            }
            return BookingResult.Refused(slot is not null ? messages["That time was just taken; pick another."] : messages["We couldn't book that just now. Please try again."]);
        }
    }

    public async Task<BookingResult> CancelAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        RequireMember(caller);
        if (!limiter.TryAcquire(caller.UserId)) return BookingResult.Refused(TooManyChanges);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await OwnBookingAsync(db, caller, bookingId, ct);
        if (booking is null) return BookingResult.Refused(messages["We couldn't find that booking."]);
        if (booking.Status == BookingStatus.Cancelled) return new BookingResult(true, messages["This booking is already cancelled."], booking.Id, BookingStatus.Cancelled);
        if (booking.Status is not (BookingStatus.Confirmed or BookingStatus.Waitlisted))
        {
            return BookingResult.Refused(booking.Kind == BenefitKind.Trial ? messages["This trial has been handed out; bring it back to the store instead."] : messages["This booking can't be cancelled any more."]);
        }
        if (booking.Status == BookingStatus.Confirmed && booking.StartsAt is { } starts)
        {
            if (starts <= now) return BookingResult.Refused(messages["This has already started."]);
            if (BenefitRules.CancellationCutoff(starts, booking.CutoffHours) is { } cutoff && cutoff <= now)
            {
                return BookingResult.Refused(messages["Cancelling closed {0} hours before the start ({1}).", booking.CutoffHours, calendar.FormatDateTime(cutoff)]);
            }
        }

        List<NewNotification> promoted;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == booking.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledAt, now)
                    .SetProperty(b => b.CalendarSequence, b => b.CalendarSequence + 1), ct);
            if (changed == 0) return new BookingResult(true, messages["This booking is already cancelled."], booking.Id, BookingStatus.Cancelled);
            await webhooks.StageBookingAsync(db, WebhookEvents.BookingCancelled, bookingId, ct);
            promoted = [];
            if (booking.Status == BookingStatus.Confirmed && booking.Kind != BenefitKind.Guidance)
            {
                var seats = booking.Seats;
                await db.Benefits.Where(b => b.Id == booking.BenefitId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Taken, b => b.Taken - seats), ct);
                promoted = await PromoteInTransactionAsync(db, booking.BenefitId, now, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            catalogue.Invalidate();
        }
        await notifier.DeliverAsync(promoted, ct);
        events.Raise(booking.MemberId, MemberChange.Booking);
        return new BookingResult(true, booking.Status == BookingStatus.Waitlisted ? messages["You've left the waitlist."] : messages["Your booking is cancelled."], booking.Id, BookingStatus.Cancelled);
    }

    public async Task<BookingResult> RescheduleAsync(Caller caller, long bookingId, int newSlotId, CancellationToken ct = default)
    {
        RequireMember(caller);
        if (!limiter.TryAcquire(caller.UserId)) return BookingResult.Refused(TooManyChanges);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await OwnBookingAsync(db, caller, bookingId, ct);
        if (booking is null) return BookingResult.Refused(messages["We couldn't find that booking."]);
        if (booking.Kind != BenefitKind.Guidance || booking.Status != BookingStatus.Confirmed) return BookingResult.Refused(messages["Only a booked session can be moved."]);
        if (booking.StartsAt is { } starts && BenefitRules.CancellationCutoff(starts, booking.CutoffHours) is { } cutoff && cutoff <= now)
        {
            return BookingResult.Refused(messages["Changes closed {0} hours before the start ({1}).", booking.CutoffHours, calendar.FormatDateTime(cutoff)]);
        }
        var slot = await db.GuidanceSlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == newSlotId && s.BenefitId == booking.BenefitId, ct);
        if (slot is null || slot.StartsAt <= now) return BookingResult.Refused(messages["Choose one of the available times."]);
        if (slot.Id == booking.SlotId) return new BookingResult(true, messages["That's already your time."], booking.Id, booking.Status);

        try
        {
            var moved = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.SlotId, slot.Id)
                    .SetProperty(b => b.CalendarSequence, b => b.CalendarSequence + 1), ct);
            if (moved == 0) return BookingResult.Refused(messages["This booking changed meanwhile; please reload."]);
        }
        catch (System.Data.Common.DbException)
        {
            // ExecuteUpdate surfaces the provider's unique-index violation directly: another member holds that slot.
            return BookingResult.Refused(messages["That time was just taken; pick another."]);
        }
        catalogue.Invalidate();
        events.Raise(booking.MemberId, MemberChange.Booking);
        return new BookingResult(true, messages["Moved to {0}.", calendar.FormatDateTime(slot.StartsAt)], booking.Id, BookingStatus.Confirmed);
    }

    /// <summary>Fills free seats from the waitlist, first in first out (after a cancellation or a capacity rise).</summary>
    public async Task<int> PromoteWaitlistAsync(int benefitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        List<NewNotification> promoted;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            promoted = await PromoteInTransactionAsync(db, benefitId, calendar.UtcNow, ct);
            await transaction.CommitAsync(ct);
            catalogue.Invalidate();
        }
        await notifier.DeliverAsync(promoted, ct);
        return promoted.Count;
    }

    public async Task<IReadOnlyList<MyBooking>> GetMyBookingsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => db.Members.Any(m => m.Id == b.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null))
            .Select(b => new
            {
                b.Id, b.BenefitId, b.Benefit!.Kind, b.Benefit.Title, b.Status, b.Seats, b.DueAt,
                StartsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
                EndsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.EndsAt).FirstOrDefault() : b.Benefit.EndsAt,
                Where = db.Stores.Where(s => s.Id == (b.Benefit.Kind == BenefitKind.Trial ? b.Benefit.PickupStoreId : b.Benefit.LocationStoreId)).Select(s => s.Name).FirstOrDefault()
                        ?? b.Benefit.LocationAddress,
                b.Benefit.CancellationCutoffHours,
                HasFeedback = db.ExperienceFeedback.Any(f => f.BookingId == b.Id),
            })
            .ToListAsync(ct);

        var result = new List<MyBooking>(rows.Count);
        foreach (var row in rows)
        {
            int? position = row.Status == BookingStatus.Waitlisted ? await WaitlistPositionAsync(db, row.Id, ct) : null;
            string? reason = null;
            var canCancel = row.Status is BookingStatus.Confirmed or BookingStatus.Waitlisted;
            if (canCancel && row.Status == BookingStatus.Confirmed && row.StartsAt is { } starts)
            {
                var cutoff = BenefitRules.HoursBefore(starts, row.CancellationCutoffHours);
                if (starts <= now) (canCancel, reason) = (false, messages["It has started."]);
                else if (cutoff <= now) (canCancel, reason) = (false, messages["Cancelling closed {0} hours before the start.", row.CancellationCutoffHours]);
            }
            var canGiveFeedback = row.Status is BookingStatus.Attended or BookingStatus.Kept or BookingStatus.Returned && !row.HasFeedback;
            result.Add(new MyBooking(row.Id, row.BenefitId, row.Kind, row.Title, row.Status, row.StartsAt, row.EndsAt, row.Where, row.Seats,
                position, row.DueAt, canCancel, reason, canGiveFeedback));
        }
        // Upcoming and live first (soonest first), then the rest newest first.
        return result
            .OrderBy(b => IsUpcoming(b, now) ? 0 : 1)
            .ThenBy(b => IsUpcoming(b, now) ? (b.StartsAt ?? b.DueAt ?? DateTime.MaxValue) : DateTime.MaxValue)
            .ThenByDescending(b => b.StartsAt ?? b.DueAt ?? DateTime.MinValue)
            .ToList();
    }

    public static bool IsUpcoming(MyBooking booking, DateTime now) =>
        booking.Status is BookingStatus.Confirmed or BookingStatus.Waitlisted or BookingStatus.HandedOut
        && (booking.EndsAt is null || booking.EndsAt > now);

    /// <summary>
    /// The .ics file for one of the caller's own bookings: an entry to add or update while it holds or awaits a place (or
    /// was attended), and a cancellation that removes the entry once it is cancelled. Anyone else's booking is null.
    /// </summary>
    public async Task<CalendarFile?> GetCalendarFileAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId && b.Benefit!.Kind != BenefitKind.Trial
                && db.Members.Any(m => m.Id == b.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null))
            .Select(b => new
            {
                b.Id, b.Benefit!.Title, b.Status, b.Seats, b.CalendarSequence,
                StartsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
                EndsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.EndsAt).FirstOrDefault() : b.Benefit.EndsAt,
                Where = db.Stores.Where(s => s.Id == b.Benefit.LocationStoreId).Select(s => s.Name).FirstOrDefault() ?? b.Benefit.LocationAddress,
            })
            .FirstOrDefaultAsync(ct);
        if (entry?.StartsAt is not { } starts) return null;
        if (entry.Status is not (BookingStatus.Confirmed or BookingStatus.Waitlisted or BookingStatus.Attended or BookingStatus.Cancelled)) return null;
        return BookingCalendar.Write(new BookingCalendarEntry(entry.Id, entry.Title, entry.Status, starts, entry.EndsAt, entry.Where, entry.Seats,
            entry.CalendarSequence), links.BaseUri.Host, calendar.UtcNow, calendar);
    }

    private async Task<List<NewNotification>> PromoteInTransactionAsync(LoyaltyDbContext db, int benefitId, DateTime now, CancellationToken ct)
    {
        var promoted = new List<NewNotification>();
        var benefit = await db.Benefits.AsNoTracking().Where(b => b.Id == benefitId)
            .Select(b => new { b.Title, b.Kind, b.WaitlistEnabled }).FirstOrDefaultAsync(ct);
        if (benefit is null || !benefit.WaitlistEnabled || benefit.Kind == BenefitKind.Guidance) return promoted;
        var passedOver = new List<long>();
        while (true)
        {
            var free = await db.Benefits.Where(b => b.Id == benefitId).Select(b => b.Capacity - b.Taken).FirstAsync(ct);
            if (free <= 0) break;
            // First in, first out, but a member bringing a guest is passed over (keeping their place) when only one seat is free.
            var next = await db.Bookings.AsNoTracking()
                .Where(b => b.BenefitId == benefitId && b.Status == BookingStatus.Waitlisted && b.Seats <= free && !passedOver.Contains(b.Id))
                .OrderBy(b => b.WaitlistedAt).ThenBy(b => b.Id)
                .Select(b => new { b.Id, b.MemberId, b.Seats })
                .FirstOrDefaultAsync(ct);
            if (next is null) break;
            if (await ClaimSeatsAsync(db, benefitId, next.Seats, ct) == 0) break;
            var changed = await db.Bookings.Where(b => b.Id == next.Id && b.Status == BookingStatus.Waitlisted)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Confirmed).SetProperty(b => b.PromotedAt, now)
                    .SetProperty(b => b.CalendarSequence, b => b.CalendarSequence + 1), ct);
            if (changed == 0)
            {
                // Someone else promoted or cancelled this booking meanwhile: give the seats back and move on.
                var seats = next.Seats;
                await db.Benefits.Where(b => b.Id == benefitId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Taken, b => b.Taken - seats), ct);
                passedOver.Add(next.Id);
                continue;
            }
            await webhooks.StageBookingAsync(db, WebhookEvents.BookingPromoted, next.Id, ct);
            var words = await notifier.TextForAsync(db, next.MemberId, ct);
            var notification = new NewNotification(next.MemberId, NotificationKind.PromotedFromWaitlist, words["You're in: {0}", benefit.Title],
                words["A place opened up and it's yours: you're now booked for {0}.", benefit.Title], "/me/bookings", $"promoted:{next.Id}");
            if (await notifier.AddAsync(db, notification, ct)) promoted.Add(notification);
        }
        await db.SaveChangesAsync(ct);
        return promoted;
    }

    private static Task<int> ClaimSeatsAsync(LoyaltyDbContext db, int benefitId, int seats, CancellationToken ct) =>
        db.Benefits.Where(b => b.Id == benefitId && b.Taken + seats <= b.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Taken, b => b.Taken + seats), ct);

    private static Task<Booking?> FindLiveBookingAsync(LoyaltyDbContext db, int benefitId, int memberId, CancellationToken ct) =>
        db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.BenefitId == benefitId && b.MemberId == memberId && b.Status != BookingStatus.Cancelled, ct);

    /// <summary>1-based place in the queue: earlier arrivals (ties broken by id) go first.</summary>
    internal static async Task<int?> WaitlistPositionAsync(LoyaltyDbContext db, long bookingId, CancellationToken ct)
    {
        var mine = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId && b.Status == BookingStatus.Waitlisted)
            .Select(b => new { b.BenefitId, b.WaitlistedAt }).FirstOrDefaultAsync(ct);
        if (mine is null) return null;
        return 1 + await db.Bookings.CountAsync(b => b.BenefitId == mine.BenefitId && b.Status == BookingStatus.Waitlisted
            && (b.WaitlistedAt < mine.WaitlistedAt || (b.WaitlistedAt == mine.WaitlistedAt && b.Id < bookingId)), ct);
    }

    private sealed record OwnBooking(long Id, int BenefitId, int MemberId, BenefitKind Kind, BookingStatus Status, int Seats, int? SlotId, DateTime? StartsAt, int CutoffHours);

    private static Task<OwnBooking?> OwnBookingAsync(LoyaltyDbContext db, Caller caller, long bookingId, CancellationToken ct) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.Id == bookingId && db.Members.Any(m => m.Id == b.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null))
            .Select(b => new OwnBooking(b.Id, b.BenefitId, b.MemberId, b.Benefit!.Kind, b.Status, b.Seats, b.SlotId,
                b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
                b.Benefit.CancellationCutoffHours))
            .FirstOrDefaultAsync(ct);

    private static void RequireMember(Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members book benefits.");
    }

    internal static bool IsLive(BookingStatus status) => LiveStatuses.Contains(status);

    public void Dispose() => limiter.Dispose();
}

public sealed class BookingOptions
{
    public const string Section = "Booking";

    /// <summary>Books, cancels and moves one member may make per period: far above what a person does, far below a script.</summary>
    public int ChangeBurst { get; set; } = 20;

    public int ChangePeriodSeconds { get; set; } = 60;
}

/// <summary>An .ics file for a booking.</summary>
public sealed record CalendarFile(string FileName, string Content);
