using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Benefits.Operations;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// What staff do with experiences in the store: check members in to today's events, hand out and take back
/// trials, and complete guidance sessions. Each outcome moves the booking with a conditional update (so two
/// tablets or a double tap act once) and appends to the activity ledger with a source key in the same transaction.
/// </summary>
public sealed class BenefitOperationsService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, BookingService bookings, MemberNotifier notifier, MemberEvents events, ProgrammeCalendar calendar,
    ActivityRecorder recorder, ActiveCallers callers, IStringLocalizer<OperationsText> text)
{
    public const int MaxNotesLength = 2000;
    public const decimal MaxKeptAmount = 100_000m;

    /// <summary>Check-in opens this long before the start, for early arrivals.</summary>
    private static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromHours(2);

    /// <summary>When staff may first check members in to an event starting at <paramref name="startsAt"/> (both UTC).</summary>
    public static DateTime CheckInOpensAt(DateTime startsAt) => startsAt - CheckInOpensBefore;

    public async Task<IReadOnlyList<TodaysEvent>> GetTodaysEventsAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = calendar.StartOfTodayUtc();
        var to = from.AddDays(1);
        var events = EventsAtCallersStore(db, caller).Where(b => b.StartsAt >= from && b.StartsAt < to).OrderBy(b => b.StartsAt).ThenBy(b => b.Title);
        return await Summaries(db, events).ToListAsync(ct);
    }

    public async Task<EventRoster?> GetRosterAsync(Caller caller, int benefitId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var summary = await Summaries(db, EventsAtCallersStore(db, caller).Where(b => b.Id == benefitId)).FirstOrDefaultAsync(ct);
        if (summary is null) return null;
        var people = await db.Bookings.AsNoTracking()
            .Where(b => b.BenefitId == benefitId && b.Status != BookingStatus.Cancelled)
            .Join(db.Members, b => b.MemberId, m => m.Id, (b, m) => new { b, m.PreferredName, m.MemberCode })
            .OrderBy(x => x.b.WaitlistedAt).ThenBy(x => x.b.Id)
            .Select(x => new RosterEntry(x.b.Id, x.b.MemberId, x.PreferredName, x.MemberCode, x.b.Seats, x.b.Status, x.b.CreatedAt, x.b.CheckedInAt))
            .ToListAsync(ct);
        return new EventRoster(summary, summary.StartsAt <= calendar.UtcNow,
            [.. people.Where(p => p.Status != BookingStatus.Waitlisted).OrderBy(p => p.MemberName, StringComparer.CurrentCultureIgnoreCase)],
            [.. people.Where(p => p.Status == BookingStatus.Waitlisted)]);
    }

    public async Task<OperationResult> CheckInAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Event) return OperationResult.Refused(text["We couldn't find that event booking."]);
        if (booking.Status == BookingStatus.Attended) return OperationResult.Done(text["{0} is already checked in.", booking.MemberName]);
        if (booking.Status == BookingStatus.Waitlisted) return OperationResult.Refused(text["{0} is on the waitlist, not booked.", booking.MemberName]);
        if (booking.Status == BookingStatus.Cancelled) return OperationResult.Refused(text["{0} cancelled this booking.", booking.MemberName]);
        if (booking.StartsAt is { } starts && now < CheckInOpensAt(starts))
        {
            return OperationResult.Refused(text["Check-in opens at {0}.", calendar.FormatDateTime(CheckInOpensAt(starts))]);
        }
        if (booking.EndsAt is { } ends && now > ends.AddHours(12)) return OperationResult.Refused(text["This event is over."]);

        var notifications = new List<NewNotification>();
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            // A late arrival first marked as a no-show can still be checked in.
            var changed = await db.Bookings.Where(b => b.Id == bookingId && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Attended).SetProperty(b => b.CheckedInAt, now)
                    .SetProperty(b => b.CheckedInByUserId, caller.UserId), ct);
            if (changed == 0) return OperationResult.Done(text["{0} is already checked in.", booking.MemberName]);
            var storeId = caller.StoreId ?? booking.StoreId;
            recorded.Add(await recorder.AppendAsync(db, new Activity
            {
                MemberId = booking.MemberId, Type = ActivityType.EventAttended, OccurredAt = now, StoreId = storeId, StaffUserId = caller.UserId,
                SourceKey = $"event-attended:{bookingId}", Description = booking.Title,
            }, ct));
            if (booking.Seats > 1)
            {
                recorded.Add(await recorder.AppendAsync(db, new Activity
                {
                    MemberId = booking.MemberId, Type = ActivityType.GuestBrought, OccurredAt = now, StoreId = storeId, StaffUserId = caller.UserId,
                    SourceKey = $"guest-brought:{bookingId}", Description = booking.Title,
                }, ct));
            }
            await RequestFeedbackAsync(db, booking, "How was {0}?", booking.Title, "Thanks for coming. Tell us how it went; it takes a minute.", notifications, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(booking.MemberId, recorded, notifications, ct);
        return OperationResult.Done(booking.Seats > 1 ? text["{0} and guest checked in.", booking.MemberName] : text["{0} checked in.", booking.MemberName]);
    }

    public async Task<OperationResult> MarkNoShowAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Event) return OperationResult.Refused(text["We couldn't find that event booking."]);
        if (booking.StartsAt > calendar.UtcNow) return OperationResult.Refused(text["Mark no-shows once the event has started."]);
        if (booking.Status == BookingStatus.NoShow) return OperationResult.Done(text["{0} is already marked as a no-show.", booking.MemberName]);
        var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.NoShow), ct);
        if (changed == 0) return OperationResult.Refused(text["{0} is {1}.", booking.MemberName, Describe(booking.Status)]);
        events.Raise(booking.MemberId, MemberChange.Booking);
        return OperationResult.Done(text["{0} marked as a no-show.", booking.MemberName]);
    }

    public async Task<IReadOnlyList<TrialEntry>> GetTrialsAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var store = StaffStore(caller);
        return await db.Bookings.AsNoTracking()
            .Where(b => b.Benefit!.Kind == BenefitKind.Trial && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.HandedOut))
            .Where(b => store == null || b.Benefit!.PickupStoreId == null || b.Benefit.PickupStoreId == store)
            .Join(db.Members, b => b.MemberId, m => m.Id, (b, m) => new { b, m.PreferredName, m.MemberCode })
            .OrderBy(x => x.b.Status).ThenBy(x => x.b.DueAt).ThenBy(x => x.b.CreatedAt)
            .Select(x => new TrialEntry(x.b.Id, x.b.BenefitId, x.b.Benefit!.Title, x.b.Benefit.ProductName, x.b.MemberId, x.PreferredName, x.MemberCode,
                x.b.Status, x.b.CreatedAt, x.b.HandedOutAt, x.b.DueAt, x.b.Status == BookingStatus.HandedOut && x.b.DueAt < now,
                db.Stores.Where(s => s.Id == x.b.Benefit.PickupStoreId).Select(s => s.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<OperationResult> HandOutAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Trial) return OperationResult.Refused(text["We couldn't find that trial."]);
        if (booking.Status == BookingStatus.HandedOut) return OperationResult.Done(text["Already handed out to {0}.", booking.MemberName]);
        var due = now.AddDays(booking.TrialDays);
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.HandedOut).SetProperty(b => b.HandedOutAt, now).SetProperty(b => b.DueAt, due), ct);
            if (changed == 0) return OperationResult.Refused(text["This trial is {0}.", Describe(booking.Status)]);
            recorded.Add(await recorder.AppendAsync(db, new Activity
            {
                MemberId = booking.MemberId, Type = ActivityType.TrialHandedOut, OccurredAt = now, StoreId = caller.StoreId ?? booking.StoreId,
                StaffUserId = caller.UserId, SourceKey = $"trial-handed-out:{bookingId}", Description = booking.ProductName ?? booking.Title,
            }, ct));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await recorder.DeliverAsync(recorded, ct);
        events.Raise(booking.MemberId, MemberChange.Booking);
        return OperationResult.Done(text["Handed out to {0}, due back {1}.", booking.MemberName, calendar.FormatDate(due)]);
    }

    public async Task<OperationResult> ReturnAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Trial) return OperationResult.Refused(text["We couldn't find that trial."]);
        if (booking.Status == BookingStatus.Returned) return OperationResult.Done(text["Already returned."]);
        var notifications = new List<NewNotification>();
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.HandedOut)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Returned).SetProperty(b => b.ClosedAt, now), ct);
            if (changed == 0) return OperationResult.Refused(text["This trial is {0}.", Describe(booking.Status)]);
            // The unit is back on the shelf for the next member.
            var seats = booking.Seats;
            await db.Benefits.Where(b => b.Id == booking.BenefitId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Taken, b => b.Taken - seats), ct);
            recorded.Add(await recorder.AppendAsync(db, new Activity
            {
                MemberId = booking.MemberId, Type = ActivityType.TrialReturned, OccurredAt = now, StoreId = caller.StoreId ?? booking.StoreId,
                StaffUserId = caller.UserId, SourceKey = $"trial-returned:{bookingId}", Description = booking.ProductName ?? booking.Title,
            }, ct));
            await RequestFeedbackAsync(db, booking, "How did the {0} feel?", booking.ProductName ?? booking.Title,
                "Thanks for bringing it back. Tell us how the trial went; it shapes what we stock.", notifications, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(booking.MemberId, recorded, notifications, ct);
        await bookings.PromoteWaitlistAsync(booking.BenefitId, ct);
        return OperationResult.Done(text["Returned by {0}.", booking.MemberName]);
    }

    public async Task<OperationResult> MarkKeptAsync(Caller caller, long bookingId, decimal amount, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        if (amount <= 0) return OperationResult.Refused(text["Enter the price paid, more than 0."]);
        if (amount > MaxKeptAmount) return OperationResult.Refused(text["That's more than {0:N0}; check the amount.", MaxKeptAmount]);
        if (decimal.Round(amount, 2) != amount) return OperationResult.Refused(text["Use at most two decimal places."]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Trial) return OperationResult.Refused(text["We couldn't find that trial."]);
        if (booking.Status == BookingStatus.Kept) return OperationResult.Done(text["Already recorded as kept by {0}.", booking.MemberName]);
        var notifications = new List<NewNotification>();
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.HandedOut)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Kept).SetProperty(b => b.ClosedAt, now), ct);
            if (changed == 0) return OperationResult.Refused(text["This trial is {0}.", Describe(booking.Status)]);
            recorded.Add(await recorder.AppendAsync(db, new Activity
            {
                MemberId = booking.MemberId, Type = ActivityType.Purchase, OccurredAt = now, StoreId = caller.StoreId ?? booking.StoreId,
                StaffUserId = caller.UserId, Amount = amount, SourceKey = $"trial-kept:{bookingId}", Description = $"Kept after trial: {booking.ProductName ?? booking.Title}",
            }, ct));
            await RequestFeedbackAsync(db, booking, "Enjoy your {0}", booking.ProductName ?? booking.Title,
                "Tell us how the trial went; it helps other members choose.", notifications, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(booking.MemberId, recorded, notifications, ct);
        return OperationResult.Done(text["Kept by {0}: purchase of {1:N2} recorded.", booking.MemberName, amount]);
    }

    /// <summary>Sessions on the given local day (today when null); an expert sees theirs first.</summary>
    public async Task<IReadOnlyList<GuidanceSession>> GetSessionsAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = calendar.StartOfTodayUtc();
        var to = from.AddDays(1);
        var store = StaffStore(caller);
        var sessions = await db.Bookings.AsNoTracking()
            .Where(b => b.Benefit!.Kind == BenefitKind.Guidance && b.SlotId != null
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Attended || b.Status == BookingStatus.NoShow))
            .Where(b => store == null || b.Benefit!.ExpertUserId == caller.UserId || !b.Benefit.Stores.Any() || b.Benefit.Stores.Any(s => s.StoreId == store))
            .Join(db.GuidanceSlots, b => b.SlotId, s => s.Id, (b, s) => new { b, s })
            .Where(x => x.s.StartsAt >= from && x.s.StartsAt < to)
            .Join(db.Members, x => x.b.MemberId, m => m.Id, (x, m) => new { x.b, x.s, m.PreferredName, m.MemberCode })
            .Select(x => new GuidanceSession(x.b.Id, x.b.BenefitId, x.b.Benefit!.Title, x.b.MemberId, x.PreferredName, x.MemberCode, x.s.StartsAt, x.s.EndsAt,
                db.Users.Where(u => u.Id == x.b.Benefit.ExpertUserId).Select(u => u.DisplayName).FirstOrDefault(),
                x.b.Benefit.ExpertUserId == caller.UserId, x.b.Status, x.b.StaffNotes))
            .ToListAsync(ct);
        return [.. sessions.OrderByDescending(s => s.IsMine).ThenBy(s => s.StartsAt)];
    }

    public async Task<OperationResult> CompleteSessionAsync(Caller caller, long bookingId, string? privateNotes, CancellationToken ct = default)
    {
        await RequireStaffAsync(caller, ct);
        if (TextRules.DirectionProblem(privateNotes) is { } direction) return OperationResult.Refused(direction);
        var notes = string.IsNullOrWhiteSpace(privateNotes) ? null : privateNotes.Trim();
        if (notes?.Length > MaxNotesLength) return OperationResult.Refused(text["Keep notes to {0} characters ({1} now).", MaxNotesLength, notes.Length]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await FindAsync(db, bookingId, ct);
        if (booking is null || booking.Kind != BenefitKind.Guidance) return OperationResult.Refused(text["We couldn't find that session."]);
        if (booking.Status == BookingStatus.Attended) return OperationResult.Done(text["This session is already completed."]);
        if (booking.StartsAt is { } starts && now < starts.AddMinutes(-15)) return OperationResult.Refused(text["This session starts at {0}.", calendar.FormatDateTime(starts)]);
        var notifications = new List<NewNotification>();
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            var changed = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Attended).SetProperty(b => b.ClosedAt, now)
                    .SetProperty(b => b.StaffNotes, notes).SetProperty(b => b.CheckedInByUserId, caller.UserId), ct);
            if (changed == 0) return OperationResult.Refused(text["This session is {0}.", Describe(booking.Status)]);
            recorded.Add(await recorder.AppendAsync(db, new Activity
            {
                MemberId = booking.MemberId, Type = ActivityType.GuidanceSession, OccurredAt = now, StoreId = caller.StoreId ?? booking.StoreId,
                StaffUserId = caller.UserId, SourceKey = $"guidance-session:{bookingId}", Description = booking.Title,
            }, ct));
            await RequestFeedbackAsync(db, booking, "How was {0}?", booking.Title, "Tell us how your session went; the expert reads every answer.", notifications, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(booking.MemberId, recorded, notifications, ct);
        return OperationResult.Done(text["Session with {0} completed.", booking.MemberName]);
    }

    /// <param name="title">The English title (a NotificationContentText key), "{0}" standing for <paramref name="about"/>.</param>
    /// <param name="body">The English body (a NotificationContentText key).</param>
    private async Task RequestFeedbackAsync(LoyaltyDbContext db, OperationBooking booking, string title, string about, string body,
        List<NewNotification> added, CancellationToken ct)
    {
        var words = await notifier.TextForAsync(db, booking.MemberId, ct);
        var notification = new NewNotification(booking.MemberId, NotificationKind.FeedbackRequested, words[title, about], words[body],
            $"/me/feedback/{booking.Id}", $"feedback-request:{booking.Id}");
        if (await notifier.AddAsync(db, notification, ct)) added.Add(notification);
    }

    private async Task AfterCommitAsync(int memberId, List<RecordedActivity> recorded, List<NewNotification> notifications, CancellationToken ct)
    {
        await recorder.DeliverAsync(recorded, ct);
        events.Raise(memberId, MemberChange.Booking);
        await notifier.DeliverAsync(notifications, ct);
    }

    private sealed record OperationBooking(long Id, int BenefitId, int MemberId, string MemberName, BenefitKind Kind, string Title, string? ProductName,
        BookingStatus Status, int Seats, int TrialDays, DateTime? StartsAt, DateTime? EndsAt, int? StoreId);

    private static Task<OperationBooking?> FindAsync(LoyaltyDbContext db, long bookingId, CancellationToken ct) =>
        db.Bookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Join(db.Members, b => b.MemberId, m => m.Id, (b, m) => new { b, m.PreferredName })
            .Select(x => new OperationBooking(x.b.Id, x.b.BenefitId, x.b.MemberId, x.PreferredName, x.b.Benefit!.Kind, x.b.Benefit.Title, x.b.Benefit.ProductName,
                x.b.Status, x.b.Seats, x.b.Benefit.TrialDays,
                x.b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == x.b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : x.b.Benefit.StartsAt,
                x.b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == x.b.SlotId).Select(s => (DateTime?)s.EndsAt).FirstOrDefault() : x.b.Benefit.EndsAt,
                x.b.Benefit.Kind == BenefitKind.Trial ? x.b.Benefit.PickupStoreId : x.b.Benefit.LocationStoreId))
            .FirstOrDefaultAsync(ct);

    /// <summary>Store staff see their own store's events (and those at an outside address); managers see every store.</summary>
    internal static IQueryable<Benefit> EventsAtCallersStore(LoyaltyDbContext db, Caller caller)
    {
        var store = StaffStore(caller);
        return db.Benefits.AsNoTracking().Where(b => b.Kind == BenefitKind.Event && b.Status != BenefitStatus.Draft && b.StartsAt != null)
            .Where(b => store == null || b.LocationStoreId == null || b.LocationStoreId == store);
    }

    private static IQueryable<TodaysEvent> Summaries(LoyaltyDbContext db, IQueryable<Benefit> events) =>
        events.Select(b => new TodaysEvent(b.Id, b.Title, b.StartsAt!.Value, b.EndsAt,
            db.Stores.Where(s => s.Id == b.LocationStoreId).Select(s => s.Name).FirstOrDefault() ?? b.LocationAddress,
            b.Capacity,
            db.Bookings.Where(k => k.BenefitId == b.Id && (k.Status == BookingStatus.Confirmed || k.Status == BookingStatus.Attended || k.Status == BookingStatus.NoShow)).Sum(k => k.Seats),
            db.Bookings.Count(k => k.BenefitId == b.Id && k.Status == BookingStatus.Attended),
            db.Bookings.Count(k => k.BenefitId == b.Id && k.Status == BookingStatus.Waitlisted)));

    private static int? StaffStore(Caller caller) => caller.IsManager ? null : caller.StoreId;

    private string Describe(BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => text["booked"],
        BookingStatus.Waitlisted => text["on the waitlist"],
        BookingStatus.Cancelled => text["cancelled"],
        BookingStatus.Attended => text["already completed"],
        BookingStatus.NoShow => text["marked as a no-show"],
        BookingStatus.HandedOut => text["handed out"],
        BookingStatus.Kept => text["already kept"],
        _ => text["already returned"],
    };

    private Task RequireStaffAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsStaffOrManager, "Only store staff and managers run experiences.", ct);
}
