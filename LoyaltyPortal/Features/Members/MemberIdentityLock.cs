using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// One person is one member: a phone number or email already on file is refused, by the counter's enrolment and by
/// the member import alike. Neither column has a unique index (households share a phone, and an anonymised member keeps
/// neither), so "is it on file?" and the insert must not interleave with another writer doing the same.
/// </summary>
public static class MemberIdentityLock
{
    /// <summary>"LoyaltyPortal member identity" as the key of a PostgreSQL advisory lock.</summary>
    private const long Key = 0x4C50_4D65_6D49_6400;

    /// <summary>
    /// Holds, until the caller's transaction ends, the right to check and add members' phones and emails. PostgreSQL:
    /// a transaction-scoped advisory lock; take it before reading, in a read-committed transaction, so each read after
    /// it sees what the previous holder committed. SQLite: the transaction is already the database's one writer.
    /// </summary>
    public static async Task HoldAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", ct);
    }
}
