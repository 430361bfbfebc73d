using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// One member's "For you" list (ForYouService.GetForYouAsync) over a large catalogue. Prepare the database with
/// <c>seed --members 1000000 --benefits 5000</c>. Generated members have no login, so the benchmark gives a
/// sample of them one (benchmark-only users), then measures as those members.
/// </summary>
internal static class ForYouBenchmark
{
    private const int SampleSize = 200;

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var forYou = services.GetRequiredService<ForYouService>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        List<Caller> callers;
        int activeBenefits;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            activeBenefits = await db.Benefits.CountAsync(b => b.Status == BenefitStatus.Published && (b.EndsAt == null || b.EndsAt > now));
            callers = await EnsureSampleLoginsAsync(db);
        }

        Console.WriteLine($"Active (published, not ended) benefits: {activeBenefits:N0}; sample of {callers.Count} members.");
        var sizes = new List<int>();
        Console.WriteLine();
        Console.WriteLine("| For you | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        await BenchmarkRunner.MeasureAsync("One member's list, eligible benefits ordered by matching interests", 400, async i =>
        {
            var cards = await forYou.GetForYouAsync(callers[i % callers.Count]);
            if (sizes.Count < callers.Count) sizes.Add(cards.Count);
        });
        var catalogue = services.GetRequiredService<BenefitCatalogue>();
        await BenchmarkRunner.MeasureAsync("The same after a change (catalogue reloaded, as after any booking or edit)", 40, async i =>
        {
            catalogue.Invalidate();
            await forYou.GetForYouAsync(callers[i % callers.Count]);
        });
        Console.WriteLine($"Cards per member: min {sizes.Min():N0}, median {sizes.Order().ElementAt(sizes.Count / 2):N0}, max {sizes.Max():N0}");
        return 0;
    }

    /// <summary>Members spread over the id range, each given a benchmark login if they have none.</summary>
    internal static async Task<List<Caller>> EnsureSampleLoginsAsync(LoyaltyDbContext db)
    {
        var memberCount = await db.Members.MaxAsync(m => m.Id);
        var step = Math.Max(1, memberCount / SampleSize);
        var sample = await db.Members.Where(m => m.Id % step == 0 && m.AnonymisedAt == null).OrderBy(m => m.Id).Take(SampleSize).ToListAsync();
        var memberRoleId = await db.Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync();
        foreach (var member in sample.Where(m => m.UserId is null))
        {
            var email = $"benchmark-{member.Id}@loyaltyportal.test";
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = member.PreferredName, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = memberRoleId });
            member.UserId = user.Id;
        }
        await db.SaveChangesAsync();
        return sample.Select(m => new Caller(m.UserId!, m.PreferredName, new HashSet<string> { Roles.Member }, null)).ToList();
    }
}
