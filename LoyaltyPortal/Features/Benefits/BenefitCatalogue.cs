using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>One published benefit as "For you" needs it: the rule facts plus what a card shows.</summary>
internal sealed record CatalogueEntry(
    BenefitRuleFacts Rule, string Title, string Summary, string? Where, BenefitImageView? Image,
    int Capacity, int Taken, bool WaitlistEnabled, int WaitlistLength, int FreeSlots, IReadOnlyList<int> SpeaksToInterestIds);

[System.ComponentModel.ImmutableObject(true)] // HybridCache hands the one loaded instance to every reader.
internal sealed record CatalogueSnapshot(IReadOnlyList<CatalogueEntry> Entries, IReadOnlyDictionary<int, string> InterestNames, DateTime LoadedAt);

/// <summary>
/// The published catalogue, shared by every member's "For you" list. Loading thousands of benefits with their
/// interests and counts costs far more than one member's part, so it is loaded once into HybridCache and reused until
/// a booking or an edit on any instance changes it (<see cref="Invalidate"/>: the cache tag is dropped here and, through
/// <see cref="PortalSignal"/>, on every other instance) or it is <see cref="MaxAge"/> old. Booking itself always checks
/// the database, so a stale card can only mislabel a button, never overbook.
/// </summary>
public sealed class BenefitCatalogue : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public const string CacheTag = "benefit-catalogue";
    private const string CacheKey = "benefits:published-catalogue";
    private const int SummaryLength = 160;
    private static readonly HybridCacheEntryOptions Kept = new() { Expiration = MaxAge, LocalCacheExpiration = MaxAge };

    private readonly IDbContextFactory<LoyaltyDbContext> dbFactory;
    private readonly ProgrammeCalendar calendar;
    private readonly PortalSignal signal;
    private readonly HybridCache cache;

    public BenefitCatalogue(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, PortalSignal signal, HybridCache cache)
    {
        this.dbFactory = dbFactory;
        this.calendar = calendar;
        this.signal = signal;
        this.cache = cache;
        signal.Received += OnSignal;
    }

    /// <summary>Marks the catalogue as changed here and on every other instance; each next reader loads it again.</summary>
    public void Invalidate() => signal.Publish(SignalMessage.CatalogueChanged);

    private void OnSignal(SignalMessage message)
    {
        if (message.Kind is SignalKind.Catalogue or SignalKind.Reset) _ = cache.RemoveByTagAsync(CacheTag).AsTask();
    }

    internal async Task<CatalogueSnapshot> GetAsync(CancellationToken ct)
    {
        var snapshot = await cache.GetOrCreateAsync(CacheKey, this, static (self, c) => new ValueTask<CatalogueSnapshot>(self.LoadPublishedAsync(c)),
            Kept, [CacheTag], ct);
        // The programme clock has the last word on age (the cache keeps its own clock), so "at most MaxAge old" holds as the programme sees it.
        var age = calendar.UtcNow - snapshot.LoadedAt;
        if (age >= TimeSpan.Zero && age < MaxAge) return snapshot;
        await cache.RemoveAsync(CacheKey, ct);
        return await cache.GetOrCreateAsync(CacheKey, this, static (self, c) => new ValueTask<CatalogueSnapshot>(self.LoadPublishedAsync(c)),
            Kept, [CacheTag], ct);
    }

    private async Task<CatalogueSnapshot> LoadPublishedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, db.Benefits.Where(b => b.Status == BenefitStatus.Published), calendar.UtcNow, ct);
    }

    /// <summary>Loads the given benefits set-wise: a fixed handful of queries, none with a list of ids.</summary>
    internal static async Task<CatalogueSnapshot> LoadAsync(LoyaltyDbContext db, IQueryable<Benefit> benefits, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
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
        var interestNames = await db.Interests.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        if (rows.Count == 0) return new([], interestNames, now);

        var tierRanks = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Rank, ct);
        var storeNames = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var eligible = (await db.Set<BenefitEligibleInterest>().AsNoTracking().Where(i => benefits.Any(b => b.Id == i.BenefitId))
            .Select(i => new { i.BenefitId, i.InterestId }).ToListAsync(ct)).ToLookup(i => i.BenefitId, i => i.InterestId);
        var speaksTo = (await db.Set<BenefitInterest>().AsNoTracking().Where(i => benefits.Any(b => b.Id == i.BenefitId))
            .Select(i => new { i.BenefitId, i.InterestId }).ToListAsync(ct)).ToLookup(i => i.BenefitId, i => i.InterestId);
        var waitlists = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Waitlisted && benefits.Any(x => x.Id == b.BenefitId))
            .GroupBy(b => b.BenefitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var freeSlots = await FreeSlots(db, now).Where(s => benefits.Any(b => b.Id == s.BenefitId && b.Kind == BenefitKind.Guidance))
            .GroupBy(s => s.BenefitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var images = await BenefitImageView.LoadAsync(db, i => benefits.Any(b => b.Id == i.BenefitId), ct);

        var entries = rows.Select(r =>
        {
            int? storeId = r.Kind == BenefitKind.Trial ? r.PickupStoreId : r.LocationStoreId;
            var rule = new BenefitRuleFacts(
                r.Id, r.Kind, r.Status,
                r.MinimumTierId is { } min ? tierRanks.GetValueOrDefault(min) : null,
                r.EarlyAccessTierId is { } early ? tierRanks.GetValueOrDefault(early) : null,
                r.EarlyAccessHours, r.BookingOpensAt, r.BookingClosesAt, r.StartsAt, r.EndsAt, r.AvailableUntil, eligible[r.Id].ToList());
            return new CatalogueEntry(rule, r.Title, PlainSummary(r.Summary), storeId is { } sid ? storeNames.GetValueOrDefault(sid) : r.LocationAddress,
                images.GetValueOrDefault(r.Id), r.Capacity, r.Taken, r.WaitlistEnabled, waitlists.GetValueOrDefault(r.Id), freeSlots.GetValueOrDefault(r.Id), speaksTo[r.Id].ToList());
        }).ToList();
        return new(entries, interestNames, now);
    }

    /// <summary>Future slots with no live booking.</summary>
    internal static IQueryable<GuidanceSlot> FreeSlots(LoyaltyDbContext db, DateTime now) =>
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

    public void Dispose() => signal.Received -= OnSignal;
}
