using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>A finished experience the member can rate, with what they said before if they already did.</summary>
public sealed record FeedbackForm(long BookingId, int BenefitId, BenefitKind Kind, string Title, DateTime? When, int? Rating, string? Comment);

/// <summary>
/// Members rate the experiences they took part in (an attended event, a finished trial, a completed session).
/// The first answer counts as engagement (feedback given; for trials, trial completed); changing it later does not count twice.
/// </summary>
public sealed class ExperienceFeedbackService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, MemberEvents events, ProgrammeCalendar calendar, ActivityRecorder recorder, WebhookPublisher webhooks,
    IStringLocalizer<FeedbackText> text)
{
    public const int MaxCommentLength = 2000;

    private static readonly BookingStatus[] Finished = [BookingStatus.Attended, BookingStatus.Kept, BookingStatus.Returned];

    public async Task<FeedbackForm?> GetFormAsync(Caller caller, long bookingId, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OwnFinished(db, caller, bookingId)
            .Select(b => new FeedbackForm(b.Id, b.BenefitId, b.Benefit!.Kind, b.Benefit.Title,
                b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt ?? b.ClosedAt,
                db.ExperienceFeedback.Where(f => f.BookingId == b.Id).Select(f => (int?)f.Rating).FirstOrDefault(),
                db.ExperienceFeedback.Where(f => f.BookingId == b.Id).Select(f => f.Comment).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<OperationResult> SubmitAsync(Caller caller, long bookingId, int rating, string? comment, CancellationToken ct = default)
    {
        RequireMember(caller);
        if (rating is < 1 or > 5) return OperationResult.Refused("Rating", text["Choose from 1 to 5 stars."]);
        if (TextRules.DirectionProblem(comment) is { } direction) return OperationResult.Refused("Comment", text[direction]);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > MaxCommentLength) return OperationResult.Refused("Comment", text["Keep it to {0} characters ({1} now).", MaxCommentLength, comment.Length]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = calendar.UtcNow;
        var booking = await OwnFinished(db, caller, bookingId)
            .Select(b => new { b.Id, b.BenefitId, b.MemberId, b.Benefit!.Kind, b.Benefit.Title }).FirstOrDefaultAsync(ct);
        if (booking is null) return new OperationResult(false, text["We couldn't find that experience."], new Dictionary<string, string>());

        // Behind the member's lock, so two submits at once (two tabs) add one answer and count it once.
        var recorded = new List<RecordedActivity>();
        await using (var transaction = await ActivityRecorder.BeginForMemberAsync(db, booking.MemberId, ct))
        {
            var existing = await db.ExperienceFeedback.FirstOrDefaultAsync(f => f.BookingId == bookingId, ct);
            if (existing is not null)
            {
                existing.Rating = rating;
                existing.Comment = comment;
            }
            else
            {
                db.ExperienceFeedback.Add(new ExperienceFeedback
                {
                    BookingId = bookingId, BenefitId = booking.BenefitId, MemberId = booking.MemberId, Rating = rating, Comment = comment, CreatedAt = now,
                });
                await webhooks.StageBookingAsync(db, WebhookEvents.FeedbackReceived, bookingId, ct, rating);
                recorded.Add(await recorder.AppendAsync(db, new Activity
                {
                    MemberId = booking.MemberId, Type = ActivityType.FeedbackGiven, OccurredAt = now, SourceKey = $"feedback:{bookingId}", Description = booking.Title,
                }, ct));
                if (booking.Kind == BenefitKind.Trial)
                {
                    recorded.Add(await recorder.AppendAsync(db, new Activity
                    {
                        MemberId = booking.MemberId, Type = ActivityType.TrialCompleted, OccurredAt = now, SourceKey = $"trial-completed:{bookingId}", Description = booking.Title,
                    }, ct));
                }
            }
            // The request in the bell has been answered.
            await db.Notifications.Where(n => n.SourceKey == $"feedback-request:{bookingId}" && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await recorder.DeliverAsync(recorded, ct);
            events.Raise(booking.MemberId, MemberChange.Activity);
            events.Raise(booking.MemberId, MemberChange.Notification);
            return new OperationResult(true, existing is null ? text["Your feedback is with the team."] : text["Your feedback is updated."], new Dictionary<string, string>());
        }
    }

    private static IQueryable<Booking> OwnFinished(LoyaltyDbContext db, Caller caller, long bookingId) =>
        db.Bookings.AsNoTracking().Where(b => b.Id == bookingId && Finished.Contains(b.Status)
            && db.Members.Any(m => m.Id == b.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null));

    private static void RequireMember(Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members give feedback on their experiences.");
    }
}
