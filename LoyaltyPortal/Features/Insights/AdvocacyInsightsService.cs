using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Spenders versus senders: who spends, who brings others in (referrals converted, guests, feedback), and who does
/// both. Totals are computed per member in the database; only one small row per member comes back. Past
/// <see cref="InsightsSettings.ExactUpToMembers"/> members, the counts are estimated from a fixed random sample.
/// </summary>
public sealed class AdvocacyInsightsService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, HybridCache cache, IOptions<InsightsSettings> options, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    /// <summary>The cache tag of every kept insight answer (benchmarks drop them all to time the cold case).</summary>
    public const string CacheTag = "insights";

    /// <summary>
    /// How long an answer is kept. It reads each member's ledger (or a sample of thousands), and past weeks barely move,
    /// so a manager flicking between filters, a second tab or a colleague pays for one computation, not one each.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    private static readonly HybridCacheEntryOptions Kept = new() { Expiration = CacheLifetime, LocalCacheExpiration = CacheLifetime };

    /// <summary>Advocacy acts a member needs in the range to count as a sender.</summary>
    public const int AdvocacyThreshold = 1;

    /// <remarks>
    /// The members in scope bought something or advocated at least once in the range (at the chosen store, in the
    /// chosen tier now). "High spend" is at or above the median spend of those who bought anything.
    /// </remarks>
    public async Task<SpendersSendersReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);
        // Everything the answer depends on: the filter, and whether (and how widely) it samples.
        var key = string.Create(CultureInfo.InvariantCulture, $"insights:spenders-senders:{filter.From:yyyy-MM-dd}:{filter.To:yyyy-MM-dd}:"
            + $"{filter.StoreId}:{filter.TierId}:{options.Value.ExactUpToMembers}:{options.Value.SampleMembers}");
        // HybridCache runs one computation for concurrent askers, and cancels it only when every asker has given up.
        return await cache.GetOrCreateAsync(key, (Service: this, Filter: filter),
            static (state, c) => new ValueTask<SpendersSendersReport>(state.Service.ComputeAsync(state.Filter, c)), Kept, [CacheTag], ct);
    }

    private async Task<SpendersSendersReport> ComputeAsync(InsightsFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = options.Value;
        if (await db.Members.MinAsync(m => (int?)m.Id, ct) is { } min && await db.Members.MaxAsync(m => (int?)m.Id, ct) is { } max
            && (long)max - min + 1 > settings.ExactUpToMembers)
        {
            var probes = Probes(min, max, settings.SampleMembers);
            var sampled = await db.Members.AsNoTracking().Where(m => EF.Parameter(probes).Contains(m.Id) && m.AnonymisedAt == null)
                .Select(m => m.Id).ToListAsync(ct);
            // Scale by the id range over the probes: gaps and anonymised members count as probes that found nobody.
            var scale = ((long)max - min + 1) / (double)probes.Count;
            if (sampled.Count * scale > settings.ExactUpToMembers)
            {
                return Estimate(Classify(await SampleTotalsAsync(db, filter, sampled, ct)), scale, sampled.Count);
            }
        }
        return Classify(await TotalsAsync(db, filter, ct));
    }

    /// <summary>Spend and advocacy of every member in the range.</summary>
    private async Task<List<(int MemberId, double Spend, int Advocacy)>> TotalsAsync(LoyaltyDbContext db, InsightsFilter filter, CancellationToken ct)
    {
        var (from, to) = InsightsScope.Instants(calendar, filter);
        // Type first, then time: the covering index (Type, OccurredAt, MemberId, Amount) answers this without the table.
        var activities = db.Activities.AsNoTracking().Where(a =>
            (a.Type == ActivityType.Purchase || a.Type == ActivityType.ReferralConverted || a.Type == ActivityType.GuestBrought || a.Type == ActivityType.FeedbackGiven)
            && a.OccurredAt >= from && a.OccurredAt < to);
        if (filter.StoreId is { } storeId) activities = activities.Where(a => a.StoreId == storeId);
        if (filter.TierId is { } tierId)
        {
            var inTier = InsightsScope.MembersInTier(db, tierId);
            activities = activities.Where(a => inTier.Contains(a.MemberId));
        }

        // Amounts become REAL for the sum: SQLite stores decimals as text and would sum them in .NET, row by row.
        var totals = await activities
            .GroupBy(a => a.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Spend = g.Sum(a => a.Type == ActivityType.Purchase ? (double)(a.Amount ?? 0m) : 0.0),
                Advocacy = g.Sum(a => a.Type == ActivityType.Purchase ? 0 : 1),
            })
            .ToListAsync(ct);
        return totals.Select(t => (t.MemberId, Math.Round(t.Spend, 2), t.Advocacy)).ToList();
    }

    /// <summary>Spend and advocacy in the range of the sampled members (those holding the tier, when filtered).</summary>
    private async Task<List<(int MemberId, double Spend, int Advocacy)>> SampleTotalsAsync(
        LoyaltyDbContext db, InsightsFilter filter, List<int> sampled, CancellationToken ct)
    {
        var (from, to) = InsightsScope.Instants(calendar, filter);
        if (filter.TierId is { } tierId)
        {
            sampled = await InsightsScope.MembersInTier(db, tierId).Where(id => EF.Parameter(sampled).Contains(id)).ToListAsync(ct);
        }
        // Only member and time in the WHERE, so the one usable index is (MemberId, OccurredAt, Type, Points, Amount,
        // StoreId), which covers the rest: with the type or store there too, SQLite may take a type or store index
        // and read every member's rows. Type and store are sorted out in the sums instead.
        int? storeId = filter.StoreId;
        var totals = await db.Activities.AsNoTracking()
            .Where(a => EF.Parameter(sampled).Contains(a.MemberId) && a.OccurredAt >= from && a.OccurredAt < to)
            .GroupBy(a => a.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Spend = g.Sum(a => a.Type == ActivityType.Purchase && (storeId == null || a.StoreId == storeId) ? (double)(a.Amount ?? 0m) : 0.0),
                Advocacy = g.Sum(a => (a.Type == ActivityType.ReferralConverted || a.Type == ActivityType.GuestBrought || a.Type == ActivityType.FeedbackGiven)
                    && (storeId == null || a.StoreId == storeId) ? 1 : 0),
                Purchases = g.Sum(a => a.Type == ActivityType.Purchase && (storeId == null || a.StoreId == storeId) ? 1 : 0),
            })
            .ToListAsync(ct);
        return totals.Where(t => t.Purchases + t.Advocacy > 0).Select(t => (t.MemberId, Math.Round(t.Spend, 2), t.Advocacy)).ToList();
    }

    /// <summary>
    /// The member ids in [<paramref name="min"/>, <paramref name="max"/>] whose hash falls in the lowest
    /// <paramref name="count"/>/span of its range: a uniform random pick, found without reading the table, the same
    /// on every load, and nearly the same as members join (the cut shrinks a little as the range grows).
    /// </summary>
    public static List<int> Probes(int min, int max, int count)
    {
        long span = (long)max - min + 1;
        var cut = (ulong)Math.Min(uint.MaxValue + 1UL, Math.Ceiling((double)count / span * (uint.MaxValue + 1UL)));
        var ids = new List<int>((int)Math.Min(span, count + count / 10 + 16));
        for (long id = min; id <= max; id++)
        {
            if (Mix((uint)id) < cut) ids.Add((int)id);
        }
        return ids;
    }

    /// <summary>MurmurHash3's finaliser: every input bit changes every output bit, so consecutive ids scatter.</summary>
    private static uint Mix(uint h)
    {
        h ^= 0x5bd1e995u;
        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        h *= 0xc2b2ae35u;
        h ^= h >> 16;
        return h;
    }

    /// <summary>
    /// A sample's report scaled to the programme: each count times <paramref name="scale"/> (ids per probe),
    /// the median and the chart's points as the sample has them.
    /// </summary>
    public static SpendersSendersReport Estimate(SpendersSendersReport sample, double scale, int sampleSize) => sample with
    {
        Members = (int)Math.Round(sample.Members * scale),
        Quadrants = sample.Quadrants.ToDictionary(q => q.Key, q => (int)Math.Round(q.Value * scale)),
        SampledMembers = sampleSize,
        SampleInScope = sample.Members,
    };

    /// <summary>Quadrants over every member given, and a repeatable sample of them for the chart.</summary>
    public static SpendersSendersReport Classify(IReadOnlyList<(int MemberId, double Spend, int Advocacy)> members)
    {
        var median = Median(members.Where(m => m.Spend > 0).Select(m => m.Spend).ToList());
        var points = members.Select(m => new SpendAdvocacyPoint(m.MemberId, m.Spend, m.Advocacy, QuadrantOf(m.Spend, m.Advocacy, median))).ToList();
        var quadrants = Enum.GetValues<AdvocacyQuadrant>().ToDictionary(q => q, q => points.Count(p => p.Quadrant == q));
        // A multiplicative hash spreads member ids evenly, so the sample is the same on every load and unbiased by join date.
        var sample = points.Count <= SpendersSendersReport.MaxPoints
            ? points
            : points.OrderBy(p => unchecked((uint)p.MemberId * 2654435761u)).Take(SpendersSendersReport.MaxPoints).ToList();
        return new(points.Count, median, AdvocacyThreshold, quadrants, sample);
    }

    public static AdvocacyQuadrant QuadrantOf(double spend, int advocacy, double medianSpend)
    {
        var high = spend > 0 && spend >= medianSpend;
        var sends = advocacy >= AdvocacyThreshold;
        return (high, sends) switch
        {
            (true, true) => AdvocacyQuadrant.Champion,
            (true, false) => AdvocacyQuadrant.Spender,
            (false, true) => AdvocacyQuadrant.Sender,
            _ => AdvocacyQuadrant.Quiet,
        };
    }

    /// <summary>The middle value; with an even count, the mean of the two middle values. 0 when nobody spent.</summary>
    public static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : Math.Round((values[middle - 1] + values[middle]) / 2, 2);
    }
}
