using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members;

/// <summary>An active member holding a phone number or email: the value as stored (the email in lower case) and who they are.</summary>
public sealed record IdentityHolder(int Id, string Value, string Name, string MemberCode, string? Email);

/// <summary>The active members holding some phone numbers and emails, each value's holders oldest member first.</summary>
public sealed record IdentityHolders(ILookup<string, IdentityHolder> Phones, ILookup<string, IdentityHolder> Emails);

/// <summary>
/// One person is one member: a phone number or email already on file is refused, by the counter's enrolment and by
/// the member import alike. Neither column has a unique index (households share a phone, and an anonymised member keeps
/// neither), so "is it on file?" and the insert must not interleave with another writer doing the same.
/// </summary>
public static class MemberIdentities
{
    /// <summary>"LoyaltyPortal member identity" as the key of a PostgreSQL advisory lock.</summary>
    private const long LockKey = 0x4C50_4D65_6D49_6400;

    /// <summary>
    /// Holds, until the caller's transaction ends, the right to check and add members' phones and emails. PostgreSQL:
    /// a transaction-scoped advisory lock; take it before reading, in a read-committed transaction, so each read after
    /// it sees what the previous holder committed. SQLite: the transaction is already the database's one writer.
    /// </summary>
    public static async Task HoldAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
    }

    /// <summary>
    /// Who is on file with these phone numbers (as stored, E.164) and emails (lower case, as searched): active members
    /// only, through the phone and email indexes. Call it behind <see cref="HoldAsync"/> when an insert depends on it.
    /// </summary>
    public static async Task<IdentityHolders> OnFileAsync(
        LoyaltyDbContext db, IReadOnlyCollection<string> phones, IReadOnlyCollection<string> searchEmails, CancellationToken ct)
    {
        var active = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null).OrderBy(m => m.Id);
        var byPhone = phones.Count == 0 ? [] : await active.Where(m => m.Phone != null && EF.Parameter(phones).Contains(m.Phone))
            .Select(m => new IdentityHolder(m.Id, m.Phone!, m.PreferredName, m.MemberCode, m.Email)).ToListAsync(ct);
        var byEmail = searchEmails.Count == 0 ? [] : await active.Where(m => m.SearchEmail != null && EF.Parameter(searchEmails).Contains(m.SearchEmail))
            .Select(m => new IdentityHolder(m.Id, m.SearchEmail!, m.PreferredName, m.MemberCode, m.Email)).ToListAsync(ct);
        return new IdentityHolders(byPhone.ToLookup(h => h.Value, StringComparer.Ordinal), byEmail.ToLookup(h => h.Value, StringComparer.Ordinal));
    }
}
