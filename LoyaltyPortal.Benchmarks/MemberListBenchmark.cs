using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>The manager's member list (MemberDirectoryService.SearchAsync): one page of 25 rows plus the total count.</summary>
internal static class MemberListBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<MemberDirectoryService>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        List<(string Name, string? Email, string? Phone, string Code)> samples;
        int storeId, memberCount;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            memberCount = await db.Members.CountAsync();
            var step = Math.Max(1, memberCount / 200);
            samples = await db.Members.AsNoTracking().Where(m => m.Id % step == 0).Take(200)
                .Select(m => new ValueTuple<string, string?, string?, string>(m.PreferredName, m.Email, m.Phone, m.MemberCode)).ToListAsync();
            storeId = await db.Stores.Select(s => s.Id).FirstAsync();
        }

        const int iterations = 200;
        var manager = BenchmarkRunner.Manager;
        Console.WriteLine();
        Console.WriteLine("| Member list query (25 rows + total) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        await BenchmarkRunner.MeasureAsync("First page, sorted by name", iterations, _ => directory.SearchAsync(manager, new MemberQuery()));
        await BenchmarkRunner.MeasureAsync("First page, newest first", iterations, _ => directory.SearchAsync(manager, new MemberQuery(Sort: MemberSort.Joined, Descending: true)));
        await BenchmarkRunner.MeasureAsync("Page 2,000 by name (clamped to the 10,000th match)", iterations / 4, _ => directory.SearchAsync(manager, new MemberQuery(Page: 2000)));
        await BenchmarkRunner.MeasureAsync("Home store filter", iterations, _ => directory.SearchAsync(manager, new MemberQuery(StoreId: storeId)));
        await BenchmarkRunner.MeasureAsync("Name prefix (first 3 letters)", iterations,
            i => directory.SearchAsync(manager, new MemberQuery(Search: samples[i % samples.Count].Name.Split(' ')[0][..3])));
        await BenchmarkRunner.MeasureAsync("Email prefix", iterations,
            i => directory.SearchAsync(manager, new MemberQuery(Search: EmailPrefix(samples[i % samples.Count].Email))));
        await BenchmarkRunner.MeasureAsync("Full phone number", iterations,
            i => directory.SearchAsync(manager, new MemberQuery(Search: samples[i % samples.Count].Phone ?? "+447700900123")));
        await BenchmarkRunner.MeasureAsync("Member code", iterations,
            i => directory.SearchAsync(manager, new MemberQuery(Search: samples[i % samples.Count].Code)));
        return 0;
    }

    /// <summary>What a manager types before the results settle: the local part and the @.</summary>
    private static string EmailPrefix(string? email) => email is null ? "olivia.smith@" : email[..(email.IndexOf('@') + 1)];
}
