using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Races;

/// <summary>Starts many calls at the same instant and checks what a race must never break: the ledger and the standings.</summary>
internal static class RaceKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs <paramref name="count"/> calls on the thread pool, all released by one start signal.</summary>
    public static async Task<T[]> AtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        }, Ct)).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    /// <summary>Staff at <paramref name="count"/> different stores, so visits at each are separate visits.</summary>
    public static async Task<List<Caller>> StaffAtStoresAsync(TestDb db, int count)
    {
        var staff = new List<Caller>();
        for (var i = 0; i < count; i++)
        {
            var store = await db.AddStoreAsync($"Store {i}");
            staff.Add(await db.AddUserAsync(Roles.Staff, $"Staff {i}", storeId: store.Id));
        }
        return staff;
    }

    /// <summary>Each member's stored points equal their ledger, and the standings check finds nothing to report.</summary>
    public static async Task StandingsMatchLedgerAsync(TestDb db, params IEnumerable<int> memberIds)
    {
        foreach (var memberId in memberIds)
        {
            var ledger = await db.QueryAsync(c => c.Activities.Where(a => a.MemberId == memberId).SumAsync(a => a.Points, Ct));
            var stored = await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == memberId).Select(s => (int?)s.PointsInWindow).SingleOrDefaultAsync(Ct));
            Assert.Equal((memberId, (int?)ledger), (memberId, stored));
        }
        var report = await db.Get<StandingMaintenance>().CheckAsync(Ct);
        Assert.Empty(report.Mismatches);
    }

    public static Task<int> CountAsync(TestDb db, int memberId, ActivityType type) =>
        db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == memberId && a.Type == type, Ct));
}
