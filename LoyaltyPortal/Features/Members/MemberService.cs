using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members;

/// <summary>Member profiles: creation at registration, self-service edits. The manager reads a member through MemberOverviewService.</summary>
public sealed class MemberService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings, TimeProvider clock, ActivityRecorder recorder,
    IStringLocalizer<MembersText> text)
{
    public async Task<IReadOnlyList<InterestOption>> GetInterestOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Interests.AsNoTracking().OrderBy(i => i.Name).Select(i => new InterestOption(i.Id, i.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<StoreOption>> GetStoreOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>Field messages for a registration or profile form; empty when valid.</summary>
    public Dictionary<string, string> Validate(string? name, string? phone, string? whatMatters = null, DateOnly? birthday = null)
    {
        var errors = new Dictionary<string, string>();
        if (MemberRules.ValidateName(name) is { } nameError) errors[nameof(ProfileInput.PreferredName)] = nameError;
        if (MemberRules.ValidatePhone(phone, settings.Value.DefaultRegion) is { } phoneError) errors[nameof(ProfileInput.Phone)] = phoneError;
        if (whatMatters?.Length > MemberRules.WhatMattersMaxLength) errors[nameof(ProfileInput.WhatMatters)] = text["Use at most {0} characters.", MemberRules.WhatMattersMaxLength];
        else if (whatMatters is not null && !MemberRules.IsPrintableText(whatMatters)) errors[nameof(ProfileInput.WhatMatters)] = text["The text contains characters that cannot be shown."];
        else if (TextRules.DirectionProblem(whatMatters) is { } direction) errors[nameof(ProfileInput.WhatMatters)] = direction;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (birthday is { } b && (b > today || b < today.AddYears(-120))) errors[nameof(ProfileInput.Birthday)] = text["Enter a real date of birth."];
        return errors;
    }

    /// <summary>Creates the member profile that goes with a newly registered login, and records that they joined.</summary>
    /// <param name="referralCode">The code they joined with, already checked on the form; one no longer valid is dropped, not fatal.</param>
    public async Task<int> CreateForUserAsync(string userId, string preferredName, string email, string? phone, bool consentContact, bool consentProfiling,
        CancellationToken ct = default, string? referralCode = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var name = preferredName.Trim();
        var member = new Member
        {
            UserId = userId, PreferredName = name, SearchName = MemberRules.ToSearchForm(name),
            Email = email.Trim(), SearchEmail = MemberSearchForms.Email(email),
            Phone = MemberRules.NormalizePhone(phone, settings.Value.DefaultRegion),
            JoinedAt = now, ConsentContact = consentContact, ConsentProfiling = consentProfiling, ConsentUpdatedAt = now,
        };
        // Codes are random; draw until one is free (a clash is a one-in-a-trillion event).
        do member.MemberCode = MemberRules.NewMemberCode();
        while (await db.Members.AnyAsync(m => m.MemberCode == member.MemberCode, ct));
        member.ReferralCode = await ReferralAttribution.NewUniqueCodeAsync(db, ct);

        // The member and their "joined" entry are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!string.IsNullOrWhiteSpace(referralCode))
        {
            member.ReferredByMemberId = (await ReferralAttribution.CheckAsync(db, referralCode, null, null, ct)).ReferrerId;
        }
        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        await MemberSearchForms.SyncNameWordsAsync(db, member, ct);
        var joined = await recorder.AppendAsync(db,
            new Activity { MemberId = member.Id, Type = ActivityType.Joined, OccurredAt = now, SourceKey = $"joined:{member.Id}" }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await recorder.DeliverAsync(joined, ct);
        return member.Id;
    }

    public async Task<MemberProfile?> GetMyProfileAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ProjectProfile(db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Saves the caller's own profile. The member is found from the caller, never from input.</summary>
    public async Task<OperationResult> UpdateMyProfileAsync(Caller caller, ProfileInput input, CancellationToken ct = default)
    {
        var errors = Validate(input.PreferredName, input.Phone, input.WhatMatters, input.Birthday);
        if (input.InterestIds.Count > MemberRules.MaxInterests) errors[nameof(ProfileInput.InterestIds)] = text["Choose at most {0} interests.", MemberRules.MaxInterests];
        if (errors.ContainsKey(nameof(ProfileInput.Phone)) && await IsPhoneOnFileAsync(caller, input.Phone, ct)) errors.Remove(nameof(ProfileInput.Phone));
        if (errors.Count > 0) return OperationResult.Invalid(errors);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveMyProfileAsync(caller, input, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two saves at once (a double click) both add the same interests and "profile completed" entry.
                // The save is one transaction, so the loser changed nothing: it reads the winner's result and applies again.
            }
        }
    }

    /// <summary>
    /// Whether the typed number is the one already on file. Numbers stored before libphonenumber checked them (and the
    /// demo's Ofcom drama number) may fail validation; a member who leaves theirs as it is can still save the rest.
    /// </summary>
    private async Task<bool> IsPhoneOnFileAsync(Caller caller, string? typed, CancellationToken ct)
    {
        if (MemberRules.PhoneSearchForm(typed, settings.Value.DefaultRegion) is not { } phone) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Members.AnyAsync(m => m.UserId == caller.UserId && m.AnonymisedAt == null && m.Phone == phone, ct);
    }

    private async Task<OperationResult> SaveMyProfileAsync(Caller caller, ProfileInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberId = await db.Members.Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (memberId is null) return OperationResult.Refused(text["There is no member profile for this account."]);
        // Behind the member's lock, so a double click or a visit at the counter can't interleave with the
        // interests and the "profile completed" entry.
        await using var transaction = await ActivityRecorder.BeginForMemberAsync(db, memberId.Value, ct);
        var member = await db.Members.Include(m => m.Interests).FirstAsync(m => m.Id == memberId, ct);

        var knownInterests = await db.Interests.Where(i => input.InterestIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        if (input.HomeStoreId is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId, ct))
        {
            return OperationResult.Invalid(new Dictionary<string, string> { [nameof(ProfileInput.HomeStoreId)] = text["Choose one of our stores."] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        member.PreferredName = input.PreferredName.Trim();
        member.Phone = MemberRules.PhoneSearchForm(input.Phone, settings.Value.DefaultRegion) is { } onFile && onFile == member.Phone
            ? member.Phone
            : MemberRules.NormalizePhone(input.Phone, settings.Value.DefaultRegion);
        MemberSearchForms.Apply(member);
        await MemberSearchForms.SyncNameWordsAsync(db, member, ct);
        member.Birthday = input.Birthday;
        member.HomeStoreId = input.HomeStoreId;
        member.WhatMatters = string.IsNullOrWhiteSpace(input.WhatMatters) ? null : input.WhatMatters.Trim();
        if (member.ConsentContact != input.ConsentContact || member.ConsentProfiling != input.ConsentProfiling)
        {
            member.ConsentContact = input.ConsentContact;
            member.ConsentProfiling = input.ConsentProfiling;
            member.ConsentUpdatedAt = now;
        }
        member.Interests.RemoveAll(i => !knownInterests.Contains(i.InterestId));
        member.Interests.AddRange(knownInterests.Where(id => member.Interests.All(i => i.InterestId != id)).Select(id => new MemberInterest { InterestId = id }));

        var completed = RecordedActivity.AlreadyRecorded;
        if (IsComplete(member))
        {
            // The source key makes "profile completed" count once, however often the profile is saved.
            completed = await recorder.AppendAsync(db, new Activity
            {
                MemberId = member.Id, Type = ActivityType.ProfileCompleted, OccurredAt = now, SourceKey = $"profile-completed:{member.Id}",
            }, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await recorder.DeliverAsync(completed, ct);
        return OperationResult.Done(text["Your profile is saved."]);
    }

    private static bool IsComplete(Member member) =>
        member.Phone is not null && member.Birthday is not null && member.HomeStoreId is not null && member.Interests.Count > 0;

    internal static IQueryable<MemberProfile> ProjectProfile(IQueryable<Member> members) =>
        members.Select(m => new MemberProfile(
            m.Id, m.MemberCode, m.PreferredName, m.Phone, m.Email, m.Birthday, m.JoinedAt, m.HomeStoreId,
            m.HomeStore != null ? m.HomeStore.Name : null, m.WhatMatters, m.ConsentContact, m.ConsentProfiling,
            m.Interests.OrderBy(i => i.Interest!.Name).Select(i => new InterestOption(i.InterestId, i.Interest!.Name)).ToList()));
}
