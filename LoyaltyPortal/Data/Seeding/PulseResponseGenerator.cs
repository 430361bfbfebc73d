using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Realistic significance-pulse history for generated members: a share of them answer every two to five months
/// over the last two years (some dismiss the question), each with their own level of attachment that drifts a
/// little, higher tiers a little fonder. Repeatable: the same seed and members give the same answers.
/// </summary>
public sealed class PulseResponseGenerator(int seed, DateTime now)
{
    /// <summary>Choice codes for "What matters most to you right now?", most often picked first.</summary>
    public static readonly IReadOnlyList<string> MattersCodes = ["events", "expert-advice", "trying-kit", "rewards", "community", "recognition"];

    private static readonly double[] MattersWeights = [0.30, 0.22, 0.18, 0.12, 0.10, 0.08];
    private const double DismissShare = 0.15;
    private const int HistoryDays = 2 * 365;

    /// <summary>Adds answers for every member, a chunk of members per save; returns the number written.</summary>
    /// <param name="share">The share of members who ever answer.</param>
    /// <param name="tierOf">The tier a member held, given their id and a random source; null when unknown.</param>
    /// <param name="skip">Members to leave alone, such as a demo login that should still be asked.</param>
    public async Task<int> AddAsync(LoyaltyDbContext db, double share, Func<int, Random, int?> tierOf, ISet<int> skip, int chunk, CancellationToken ct)
    {
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var (written, lastId) = (0, 0);
            while (true)
            {
                var members = await db.Members.AsNoTracking().Where(m => m.Id > lastId).OrderBy(m => m.Id).Take(chunk)
                    .Select(m => new { m.Id, m.JoinedAt }).ToListAsync(ct);
                if (members.Count == 0) return written;
                lastId = members[^1].Id;
                foreach (var m in members)
                {
                    var random = new Random(unchecked(seed * 7919 + m.Id));
                    if (skip.Contains(m.Id) || random.NextDouble() >= share) continue;
                    var responses = For(m.Id, m.JoinedAt, random, tierOf(m.Id, random));
                    db.PulseResponses.AddRange(responses);
                    written += responses.Count;
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>One member's answers, oldest first.</summary>
    public List<PulseResponse> For(int memberId, DateTime joinedAt, Random random, int? tierId)
    {
        var responses = new List<PulseResponse>();
        var fondness = Math.Clamp(7 + Normal(random) * 1.6 + (tierId ?? 0) % 3 * 0.4, 0, 10);
        var drift = Normal(random) * 0.6;
        var start = joinedAt > now.AddDays(-HistoryDays) ? joinedAt : now.AddDays(-HistoryDays);
        for (var at = start.AddDays(random.Next(3, 60)).AddMinutes(random.Next(24 * 60)); at < now; at = at.AddDays(random.Next(60, 150)).AddMinutes(random.Next(-600, 600)))
        {
            var years = (at - start).TotalDays / 365;
            var dismissed = random.NextDouble() < DismissShare;
            responses.Add(new PulseResponse
            {
                MemberId = memberId, RespondedAt = at, TierId = tierId,
                Score = dismissed ? null : (int)Math.Round(Math.Clamp(fondness + drift * years + Normal(random) * 0.9, 0, 10)),
                Matters = dismissed ? [] : Matters(random),
            });
        }
        return responses;
    }

    private static List<string> Matters(Random random)
    {
        var picked = new List<string>();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var roll = random.NextDouble();
            var i = 0;
            for (var sum = MattersWeights[0]; roll > sum && i < MattersWeights.Length - 1; sum += MattersWeights[++i]) { }
            if (!picked.Contains(MattersCodes[i])) picked.Add(MattersCodes[i]);
        }
        return picked;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
