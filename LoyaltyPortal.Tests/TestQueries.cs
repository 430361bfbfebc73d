using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests;

/// <summary>Looks in the test database on a fresh context, the way an assertion should: past any service's tracking.</summary>
public static class TestQueries
{
    public static async Task<T> QueryAsync<T>(this TestDb db, Func<LoyaltyDbContext, Task<T>> query)
    {
        await using var context = db.NewContext();
        return await query(context);
    }
}
