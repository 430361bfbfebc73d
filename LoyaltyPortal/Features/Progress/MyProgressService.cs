using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

public sealed record ProfileStep(string Label, bool Done);

public sealed record MyProgress(
    int MemberId, string PreferredName, string MemberCode, DateTime JoinedAt, string? HomeStoreName,
    int VisitsThisYear, int PurchasesThisYear, int AdvocacyThisYear, IReadOnlyList<string> Interests,
    IReadOnlyList<ProfileStep> ProfileSteps, IReadOnlyList<ActivityLine> RecentActivity)
{
    public int ProfilePercent => ProfileSteps.Count == 0 ? 100 : 100 * ProfileSteps.Count(s => s.Done) / ProfileSteps.Count;
}

/// <summary>The member's home page: who they are to us and what they have done lately. Only ever the caller's own data.</summary>
public sealed class MyProgressService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    public async Task<MyProgress?> GetAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => new
            {
                m.Id, m.PreferredName, m.MemberCode, m.JoinedAt, HomeStore = m.HomeStore != null ? m.HomeStore.Name : null,
                m.Phone, m.Birthday, m.HomeStoreId, m.WhatMatters,
                Interests = m.Interests.OrderBy(i => i.Interest!.Name).Select(i => i.Interest!.Name).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (member is null) return null;

        var yearStart = calendar.StartOfYearUtc();
        var counts = await db.Activities.AsNoTracking()
            .Where(a => a.MemberId == member.Id && a.OccurredAt >= yearStart)
            .GroupBy(a => a.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, ct);
        var recent = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id)
            .OrderByDescending(a => a.OccurredAt).Take(10)
            .Select(a => new ActivityLine(a.Id, a.Type, a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description))
            .ToListAsync(ct);

        ProfileStep[] steps =
        [
            new("Tell us your name", true),
            new("Add a phone number", member.Phone is not null),
            new("Add your birthday", member.Birthday is not null),
            new("Choose your home store", member.HomeStoreId is not null),
            new("Pick what you're into", member.Interests.Count > 0),
        ];

        return new MyProgress(
            member.Id, member.PreferredName, member.MemberCode, member.JoinedAt, member.HomeStore,
            counts.GetValueOrDefault(ActivityType.Visit), counts.GetValueOrDefault(ActivityType.Purchase),
            counts.GetValueOrDefault(ActivityType.ReferralConverted) + counts.GetValueOrDefault(ActivityType.GuestBrought) + counts.GetValueOrDefault(ActivityType.FeedbackGiven),
            member.Interests, steps, recent);
    }
}
