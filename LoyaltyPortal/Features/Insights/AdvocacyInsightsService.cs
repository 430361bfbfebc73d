using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Spenders versus senders: who spends, who brings others in (referrals converted, guests, feedback), and who does
/// both. Totals are computed per member in the database; only one small row per member comes back.
/// </summary>
public sealed class AdvocacyInsightsService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, InsightsResultCache cache)
{
    /// <summary>Advocacy acts a member needs in the range to count as a sender.</summary>
    public const int AdvocacyThreshold = 1;

    /// <remarks>
    /// The members in scope bought something or advocated at least once in the range (at the chosen store, in the
    /// chosen tier now). "High spend" is at or above the median spend of those who bought anything.
    /// </remarks>
    public async Task<SpendersSendersReport> GetAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        InsightsScope.Require(caller, filter, calendar);
        return await cache.GetOrAddAsync((nameof(AdvocacyInsightsService), filter), c => ComputeAsync(filter, c), ct);
    }

    private async Task<SpendersSendersReport> ComputeAsync(InsightsFilter filter, CancellationToken ct)
    {
        var (from, to) = InsightsScope.Instants(calendar, filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
        return Classify(totals.Select(t => (t.MemberId, Math.Round(t.Spend, 2), t.Advocacy)).ToList());
    }

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
