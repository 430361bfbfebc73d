using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// "For you": the benefits a member may book, ordered by how many of their interests each speaks to, with social
/// proof and what the member can do now. Set-based: a handful of queries whatever the catalogue size.
/// </summary>
public sealed class ForYouService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    private const int SummaryLength = 160;

    public async Task<IReadOnlyList<BenefitCard>> GetForYouAsync(Caller caller, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await BenefitRules.FindMemberAsync(db, caller.UserId, ct);
        if (member is null) return [];
        var cards = await LoadCardsAsync(db, member, db.Benefits.Where(b => b.Status == BenefitStatus.Published), ct);
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
        var card = (await LoadCardsAsync(db, member, db.Benefits.Where(b => b.Id == benefitId && b.Status == BenefitStatus.Published), ct)).FirstOrDefault();
        if (card is null) return null;

        var now = calendar.UtcNow;
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
            slots = await FreeSlots(db, now).Where(s => s.BenefitId == benefitId).OrderBy(s => s.StartsAt).Take(60)
                .Select(s => new SlotOption(s.Id, s.StartsAt, s.EndsAt)).ToListAsync(ct);
            if (card.MyBookingId is { } bookingId) mySlotId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.SlotId).FirstOrDefaultAsync(ct);
        }
        DateTime? starts = mySlotId is { } slotId ? await db.GuidanceSlots.Where(s => s.Id == slotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefaultAsync(ct) : benefit.StartsAt;
        return new BenefitDetail(card, benefit.Description, benefit.ProductName, benefit.TrialDays, benefit.Expert, benefit.GuestsAllowed,
            BenefitRules.CancellationCutoff(starts, benefit.CancellationCutoffHours), slots, mySlotId);
    }

    private async Task<List<BenefitCard>> LoadCardsAsync(LoyaltyDbContext db, MemberEligibility member, IQueryable<Benefit> benefits, CancellationToken ct)
    {
        var now = calendar.UtcNow;
        var today = DateOnly.FromDateTime(now);
        // Cheap filters in SQL; tier and interest rules on the few columns loaded.
        var rows = await benefits.AsNoTracking()
            .Where(b => b.Kind != BenefitKind.Event || b.EndsAt == null || b.EndsAt > now)
            .Where(b => b.Kind != BenefitKind.Guidance || b.AvailableUntil == null || b.AvailableUntil >= today)
            .Select(b => new
            {
                b.Id, b.Kind, b.Status, b.Title, Summary = b.Description.Substring(0, SummaryLength), b.StartsAt, b.EndsAt,
                b.MinimumTierId, b.EarlyAccessTierId, b.EarlyAccessHours, b.BookingOpensAt, b.BookingClosesAt, b.AvailableUntil,
                b.Capacity, b.Taken, b.WaitlistEnabled, b.LocationStoreId, b.PickupStoreId, b.LocationAddress,
            })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.Id).ToList();
        var tierRanks = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Rank, ct);
        var storeNames = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var interestNames = await db.Interests.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var eligible = (await db.Set<BenefitEligibleInterest>().AsNoTracking().Where(i => ids.Contains(i.BenefitId)).Select(i => new { i.BenefitId, i.InterestId }).ToListAsync(ct))
            .ToLookup(i => i.BenefitId, i => i.InterestId);

        var facts = rows.Select(r => (Row: r, Facts: new BenefitRuleFacts(
                r.Id, r.Kind, r.Status,
                r.MinimumTierId is { } min ? tierRanks.GetValueOrDefault(min) : null,
                r.EarlyAccessTierId is { } early ? tierRanks.GetValueOrDefault(early) : null,
                r.EarlyAccessHours, r.BookingOpensAt, r.BookingClosesAt, r.StartsAt, r.EndsAt, r.AvailableUntil, eligible[r.Id].ToList())))
            .Where(x => BenefitRules.IsVisibleTo(x.Facts, member, now))
            .ToList();
        if (facts.Count == 0) return [];
        ids = facts.Select(f => f.Row.Id).ToList();

        var speaksTo = (await db.Set<BenefitInterest>().AsNoTracking().Where(i => ids.Contains(i.BenefitId)).Select(i => new { i.BenefitId, i.InterestId }).ToListAsync(ct))
            .ToLookup(i => i.BenefitId, i => i.InterestId);
        var waitlists = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Waitlisted && ids.Contains(b.BenefitId))
            .GroupBy(b => b.BenefitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var guidanceIds = facts.Where(f => f.Row.Kind == BenefitKind.Guidance).Select(f => f.Row.Id).ToList();
        var freeSlots = guidanceIds.Count == 0 ? [] : await FreeSlots(db, now).Where(s => guidanceIds.Contains(s.BenefitId))
            .GroupBy(s => s.BenefitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var images = await db.BenefitImages.AsNoTracking().Where(i => ids.Contains(i.BenefitId)).Select(i => i.BenefitId).ToListAsync(ct);
        var mine = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == member.MemberId && ids.Contains(b.BenefitId) && b.Status != BookingStatus.Cancelled)
            .Select(b => new { b.Id, b.BenefitId, b.Status }).ToListAsync(ct);
        var myBookings = mine.ToDictionary(b => b.BenefitId);
        var positions = new Dictionary<long, int?>();
        foreach (var waiting in mine.Where(b => b.Status == BookingStatus.Waitlisted))
        {
            positions[waiting.Id] = await BookingService.WaitlistPositionAsync(db, waiting.Id, ct);
        }

        var cards = new List<BenefitCard>(facts.Count);
        foreach (var (row, rule) in facts)
        {
            var matching = speaksTo[row.Id].Where(member.InterestIds.Contains).Select(id => interestNames.GetValueOrDefault(id, "")).Order().ToList();
            var opensAt = BenefitRules.OpensAtFor(rule, member);
            myBookings.TryGetValue(row.Id, out var my);
            var waitlist = waitlists.GetValueOrDefault(row.Id);
            int? seatsLeft = row.Kind == BenefitKind.Guidance ? freeSlots.GetValueOrDefault(row.Id) : Math.Max(0, row.Capacity - row.Taken);
            var state = my switch
            {
                { Status: BookingStatus.Waitlisted } => BenefitCardState.Waitlisted,
                not null => BenefitCardState.Booked,
                _ when opensAt is { } opens && opens > now => BenefitCardState.OpensLater,
                _ when BenefitRules.HasClosed(rule, now) => BenefitCardState.Closed,
                _ when seatsLeft > 0 => BenefitCardState.Book,
                _ when row.WaitlistEnabled && row.Kind != BenefitKind.Guidance => BenefitCardState.JoinWaitlist,
                _ => BenefitCardState.Closed,
            };
            int? storeId = row.Kind == BenefitKind.Trial ? row.PickupStoreId : row.LocationStoreId;
            var where = storeId is { } sid ? storeNames.GetValueOrDefault(sid) : row.LocationAddress;
            cards.Add(new BenefitCard(
                row.Id, row.Kind, row.Title, PlainSummary(row.Summary), row.StartsAt, row.EndsAt, where, images.Contains(row.Id),
                row.Kind == BenefitKind.Guidance ? 0 : row.Taken, seatsLeft, waitlist, state,
                state == BenefitCardState.OpensLater ? opensAt : null,
                my is not null && positions.TryGetValue(my.Id, out var position) ? position : null,
                my?.Id, matching));
        }
        return cards;
    }

    /// <summary>Future slots with no live booking.</summary>
    private static IQueryable<GuidanceSlot> FreeSlots(LoyaltyDbContext db, DateTime now) =>
        db.GuidanceSlots.AsNoTracking().Where(s => s.StartsAt > now && !db.Bookings.Any(b => b.SlotId == s.Id && b.Status != BookingStatus.Cancelled));

    /// <summary>The start of the Markdown description as plain text, for a card.</summary>
    internal static string PlainSummary(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = System.Text.RegularExpressions.Regex.Replace(markdown, @"\[([^\]]*)\]\([^)]*\)", "$1");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"[*_`#>]+|^\s*[-+]\s+", "", System.Text.RegularExpressions.RegexOptions.Multiline);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        if (text.Length <= SummaryLength - 20) return text;
        var cut = text.LastIndexOf(' ', SummaryLength - 20);
        return text[..(cut > 0 ? cut : SummaryLength - 20)] + "…";
    }

    private static void RequireMember(Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have a \"For you\" list.");
    }
}
