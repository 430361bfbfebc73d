using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Demo content for the manager's insights: two years of significance-pulse answers from generated members (never
/// the demo logins, so the member demo is still asked), and a few regulars who stopped coming about six weeks ago,
/// so "Members at risk" has someone to act on.
/// </summary>
public sealed class DemoInsightsSeeder(TimeProvider clock)
{
    private const int Seed = 20261123;
    private const double AnsweringShare = 0.6;
    private const int LapsedRegulars = 14;

    public async Task SeedAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => t.Id).ToListAsync(ct);
        var logins = await db.Members.AsNoTracking().Where(m => m.UserId != null).Select(m => m.Id).ToListAsync(ct);

        // Standings are computed after seeding, so the tier held when answering is drawn: most members in the entry tier.
        int? TierOf(int _, Random random) => tiers.Count == 0 ? null : tiers[random.NextDouble() switch
        {
            < 0.6 => 0,
            < 0.9 => Math.Min(1, tiers.Count - 1),
            _ => tiers.Count - 1,
        }];
        // Members who already answered in the listening demo keep just those answers.
        var skip = logins.Concat(await db.PulseResponses.Select(p => p.MemberId).Distinct().ToListAsync(ct)).ToHashSet();
        await new PulseResponseGenerator(Seed, now).AddAsync(db, AnsweringShare, TierOf, skip, chunk: 2000, ct);
        await AddLapsedRegularsAsync(db, logins, now, ct);
    }

    /// <summary>Generated members with nothing in the last six weeks get a busy half-year before that.</summary>
    private static async Task AddLapsedRegularsAsync(LoyaltyDbContext db, List<int> logins, DateTime now, CancellationToken ct)
    {
        var quietSince = now.AddDays(-45);
        var lapsed = await db.Members.AsNoTracking()
            .Where(m => m.UserId == null && m.JoinedAt < now.AddDays(-240) && !db.Activities.Any(a => a.MemberId == m.Id && a.OccurredAt >= quietSince))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.HomeStoreId }).Take(LapsedRegulars).ToListAsync(ct);
        var random = new Random(Seed);
        foreach (var member in lapsed.Where(m => !logins.Contains(m.Id)))
        {
            var count = random.Next(30, 60);
            for (var i = 0; i < count; i++)
            {
                var type = random.NextDouble() < 0.6 ? ActivityType.Visit : ActivityType.Purchase;
                var amount = type == ActivityType.Purchase ? Math.Round((decimal)(15 + random.NextDouble() * 90), 2) : (decimal?)null;
                db.Activities.Add(new Activity
                {
                    MemberId = member.Id, Type = type, Amount = amount, StoreId = member.HomeStoreId,
                    OccurredAt = quietSince.AddDays(-random.Next(1, 175)).AddMinutes(-random.Next(8 * 60)),
                    SourceKey = $"demo-lapsed:{member.Id}:{i}", Points = StarterRules.SeedPoints(type, amount),
                });
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
