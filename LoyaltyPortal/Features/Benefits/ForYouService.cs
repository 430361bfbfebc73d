using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// "For you": the benefits a member may book, ordered by how many of their interests each speaks to, with social
/// proof and what the member can do now. The catalogue comes from <see cref="BenefitCatalogue"/>; per member it
/// costs two queries (the member, their bookings) plus one per waitlist place.
/// </summary>
public sealed class ForYouService(IDbContextFactory<LoyaltyDbContext> dbFactory, BenefitCatalogue catalogue, ProgrammeCalendar calendar)
{
    public async Task<IReadOnlyList<BenefitCard>> GetForYouAsync(Caller caller, CancellationToken ct = default)
    {
        RequireMember(caller);
        var snapshot = await catalogue.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await BenefitRules.FindMemberAsync(db, caller.UserId, ct);
        if (member is null) return [];
        var cards = await BuildCardsAsync(db, member, snapshot, ct);
        return cards
            .OrderByDescending(c => c.MatchingInterests.Count)
            .ThenBy(c => c.StartsAt ?? DateTime.MaxValue)
            .ThenByDescending(c => c.Id)
            .ToList();
    }

    public async Task<BenefitDetail?> GetDetailAsync(Caller caller, int benefitId, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await BenefitRules.FindMemberAsync(db, caller.UserId, ct);
        if (member is null) return null;
        var now = calendar.UtcNow;
        // One benefit: read it fresh rather than from the shared catalogue.
        var one = await BenefitCatalogue.LoadAsync(db, db.Benefits.Where(b => b.Id == benefitId && b.Status == BenefitStatus.Published), now, ct);
        var card = (await BuildCardsAsync(db, member, one, ct)).FirstOrDefault();
        if (card is null) return null;

        var benefit = await db.Benefits.AsNoTracking().Where(b => b.Id == benefitId)
            .Select(b => new
            {
                b.Description, b.ProductName, b.TrialDays, b.GuestsAllowed, b.CancellationCutoffHours, b.StartsAt,
                Expert = db.Users.Where(u => u.Id == b.ExpertUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstAsync(ct);
        IReadOnlyList<SlotOption> slots = [];
        int? mySlotId = null;
        if (card.Kind == BenefitKind.Guidance)
        {
            slots = await BenefitCatalogue.FreeSlots(db, now).Where(s => s.BenefitId == benefitId).OrderBy(s => s.StartsAt).Take(60)
                .Select(s => new SlotOption(s.Id, s.StartsAt, s.EndsAt)).ToListAsync(ct);
            if (card.MyBookingId is { } bookingId) mySlotId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.SlotId).FirstOrDefaultAsync(ct);
        }
        DateTime? starts = mySlotId is { } slotId ? await db.GuidanceSlots.Where(s => s.Id == slotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefaultAsync(ct) : benefit.StartsAt;
        return new BenefitDetail(card, benefit.Description, benefit.ProductName, benefit.TrialDays, benefit.Expert, benefit.GuestsAllowed,
            BenefitRules.CancellationCutoff(starts, benefit.CancellationCutoffHours), slots, mySlotId);
    }

    /// <summary>The member's own part: which benefits they may see, and their bookings and waitlist places.</summary>
    private async Task<List<BenefitCard>> BuildCardsAsync(LoyaltyDbContext db, MemberEligibility member, CatalogueSnapshot snapshot, CancellationToken ct)
    {
        var now = calendar.UtcNow;
        var visible = snapshot.Entries.Where(e => BenefitRules.IsVisibleTo(e.Rule, member, now)).ToList();
        if (visible.Count == 0) return [];

        var mine = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == member.MemberId && b.Status != BookingStatus.Cancelled && b.Benefit!.Status == BenefitStatus.Published)
            .Select(b => new { b.Id, b.BenefitId, b.Status }).ToListAsync(ct);
        var myBookings = mine.ToDictionary(b => b.BenefitId);
        var positions = new Dictionary<long, int?>();
        foreach (var waiting in mine.Where(b => b.Status == BookingStatus.Waitlisted))
        {
            positions[waiting.Id] = await BookingService.WaitlistPositionAsync(db, waiting.Id, ct);
        }

        var cards = new List<BenefitCard>(visible.Count);
        foreach (var entry in visible)
        {
            var rule = entry.Rule;
            var matching = entry.SpeaksToInterestIds.Where(member.InterestIds.Contains).Select(id => snapshot.InterestNames.GetValueOrDefault(id, "")).Order().ToList();
            var opensAt = BenefitRules.OpensAtFor(rule, member);
            myBookings.TryGetValue(rule.Id, out var my);
            int? seatsLeft = rule.Kind == BenefitKind.Guidance ? entry.FreeSlots : Math.Max(0, entry.Capacity - entry.Taken);
            var state = my switch
            {
                { Status: BookingStatus.Waitlisted } => BenefitCardState.Waitlisted,
                not null => BenefitCardState.Booked,
                _ when opensAt is { } opens && opens > now => BenefitCardState.OpensLater,
                _ when BenefitRules.HasClosed(rule, now) => BenefitCardState.Closed,
                _ when seatsLeft > 0 => BenefitCardState.Book,
                _ when entry.WaitlistEnabled && rule.Kind != BenefitKind.Guidance => BenefitCardState.JoinWaitlist,
                _ => BenefitCardState.Closed,
            };
            cards.Add(new BenefitCard(
                rule.Id, rule.Kind, entry.Title, entry.Summary, rule.StartsAt, rule.EndsAt, entry.Where, entry.Image,
                rule.Kind == BenefitKind.Guidance ? 0 : entry.Taken, seatsLeft, entry.WaitlistLength, state,
                state == BenefitCardState.OpensLater ? opensAt : null,
                my is not null && positions.TryGetValue(my.Id, out var position) ? position : null,
                my?.Id, matching));
        }
        return cards;
    }

    private static void RequireMember(Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have a \"For you\" list.");
    }
}
