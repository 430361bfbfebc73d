using System.Text.Json;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members;

/// <summary>The member's right to a copy of their data, and to be forgotten.</summary>
public sealed class PersonalDataService(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, IStringLocalizer<MembersText> text)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Everything we hold about the member linked to this login, as JSON.</summary>
    public async Task<byte[]> ExportAsync(string userId, IReadOnlyDictionary<string, string> accountData, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new
            {
                m.Id, m.MemberCode, m.PreferredName, m.Email, m.Phone, m.Birthday, m.JoinedAt,
                HomeStore = m.HomeStore != null ? m.HomeStore.Name : null, m.WhatMatters,
                Consent = new { Contact = m.ConsentContact, Profiling = m.ConsentProfiling, UpdatedAt = m.ConsentUpdatedAt },
                Interests = m.Interests.Select(i => i.Interest!.Name).ToList(),
            })
            .FirstOrDefaultAsync(ct);

        object? activity = null, notes = null, cardViews = null;
        if (member is not null)
        {
            activity = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id).OrderBy(a => a.OccurredAt)
                .Select(a => new { Type = a.Type.ToString(), a.OccurredAt, Store = db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description })
                .ToListAsync(ct);
            notes = await db.StaffNotes.AsNoTracking().Where(n => n.MemberId == member.Id).OrderBy(n => n.CreatedAt)
                .Select(n => new { n.Text, n.AuthorName, n.CreatedAt })
                .ToListAsync(ct);
            // Who looked at their card: when and where. Staff stay unnamed, as the store's team.
            cardViews = (await db.CardViews.AsNoTracking().Where(v => v.MemberId == member.Id)
                    .OrderByDescending(v => v.ViewedAt).ThenByDescending(v => v.Id)
                    .Select(v => new { v.ViewedAt, Store = db.Stores.Where(s => s.Id == v.StoreId).Select(s => s.Name).FirstOrDefault() })
                    .ToListAsync(ct))
                .Select(v => new { v.ViewedAt, v.Store, ViewedBy = v.Store is null ? text["a member of staff"].Value : text["a member of staff at {0}", v.Store].Value })
                .ToList();
        }

        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Account = accountData,
            Member = member,
            Activity = activity,
            StaffNotes = notes,
            CardViews = cardViews,
        }, Json);
    }

    /// <summary>
    /// Removes the member's personal data when they delete their account. The ledger rows stay, unlinked
    /// from any person, so programme totals remain true.
    /// </summary>
    public async Task AnonymiseAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var member = await db.Members.Include(m => m.Interests).FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (member is null) return;

        member.UserId = null;
        member.PreferredName = "Deleted member";
        member.SearchName = "";
        member.Email = null;
        member.SearchEmail = null;
        member.Phone = null;
        member.PhoneLast4 = null;
        member.Birthday = null;
        member.WhatMatters = null;
        member.Language = null;
        member.ConsentContact = false;
        member.ConsentProfiling = false;
        member.AnonymisedAt = clock.GetUtcNow().UtcDateTime;
        member.Interests.Clear();
        await db.StaffNotes.Where(n => n.MemberId == member.Id).ExecuteDeleteAsync(ct);
        await db.MemberNameWords.Where(w => w.MemberId == member.Id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
