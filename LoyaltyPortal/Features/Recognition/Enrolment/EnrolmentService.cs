using System.Data.Common;
using System.Net;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Hosting;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>
/// Staff enrol a person at the counter: a member without a login, homed at the staff member's store, with the
/// "joined" entry in the ledger. One person is one member, so a phone number or email already on file is refused,
/// naming the member who has it. With an email, the person gets a link to claim an online account.
/// </summary>
public sealed class EnrolmentService(IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<MemberSettings> settings, ProgrammeCalendar calendar,
    Microsoft.Extensions.Localization.IStringLocalizer<NotificationContentText> claimText,
    ActivityRecorder recorder, ClaimTokens tokens, IEmailSender email, PublicLinks links, AccountEmailThrottle throttle,
    ILogger<EnrolmentService> logger, ActiveCallers callers, IStringLocalizer<RecognitionText> text)
{
    private const int MaxAttempts = 5;

    public async Task<EnrolResult> EnrolAsync(Caller staff, EnrolInput input, CancellationToken ct = default)
    {
        await RequireStaffAsync(staff, ct);
        var errors = Validate(input);
        if (errors.Count > 0) return EnrolResult.Invalid(errors, text["Check the highlighted fields."]);

        var name = input.PreferredName.Trim();
        var phone = MemberRules.NormalizePhone(input.Phone, settings.Value.DefaultRegion);
        var address = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        EnrolResult result;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = await TryEnrolAsync(staff, name, phone, address, input, ct);
                break;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                // A member or referral code clashed with one taken meanwhile. Try again: the check sees what was committed.
            }
        }
        if (!result.Succeeded) return result;

        if (address is null)
        {
            return result with { Message = text["{0} is enrolled, member code {1}. No email given — they can ask staff to add one later to claim an online account.", name, result.MemberCode!] };
        }
        var sent = await SendClaimEmailAsync(result.MemberId!.Value, name, address, ct);
        return result with
        {
            Message = sent
                ? text["{0} is enrolled, member code {1}. We've emailed {2} a link to claim their online account; it works for {3} days.", name, result.MemberCode!, address, ClaimTokens.Lifetime.Days]
                : text["{0} is enrolled, member code {1}, but the email to claim their online account could not be sent just now.", name, result.MemberCode!],
        };
    }

    /// <summary>Sends a fresh claim link to a member enrolled at the counter, for example when the first one expired.</summary>
    public async Task<OperationResult> SendClaimLinkAsync(Caller staff, string memberCode, CancellationToken ct = default)
    {
        await RequireStaffAsync(staff, ct);
        var code = (memberCode ?? "").Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.MemberCode == code && m.AnonymisedAt == null)
            .Select(m => new { m.Id, m.PreferredName, m.Email, HasLogin = m.UserId != null }).FirstOrDefaultAsync(ct);
        if (member is null) return OperationResult.Refused(text["We couldn't find that member."]);
        if (member.HasLogin) return OperationResult.Refused(text["{0} already has an online account.", member.PreferredName]);
        if (member.Email is null) return OperationResult.Refused(text["There is no email on file for {0}.", member.PreferredName]);
        return await SendClaimEmailAsync(member.Id, member.PreferredName, member.Email, ct)
            ? OperationResult.Done(text["We've emailed {0} a new link to claim an online account.", CounterSearchService.MaskEmail(member.Email)!])
            : OperationResult.Refused(text["The email could not be sent just now. Try again in a few minutes."]);
    }

    /// <summary>Field messages keyed by <see cref="EnrolInput"/> property; empty when the input is valid.</summary>
    public Dictionary<string, string> Validate(EnrolInput input)
    {
        var errors = new Dictionary<string, string>();
        // Staff type someone else's name: the empty case speaks of "they", the others are MemberRules' own.
        if (string.IsNullOrWhiteSpace(input.PreferredName)) errors[nameof(EnrolInput.PreferredName)] = text["Enter the name they like to be called."];
        else if (MemberRules.ValidateName(input.PreferredName) is { } nameError) errors[nameof(EnrolInput.PreferredName)] = nameError;
        var hasPhone = !string.IsNullOrWhiteSpace(input.Phone);
        var hasEmail = !string.IsNullOrWhiteSpace(input.Email);
        if (hasPhone && MemberRules.ValidatePhone(input.Phone, settings.Value.DefaultRegion) is { } phoneError) errors[nameof(EnrolInput.Phone)] = phoneError;
        if (hasEmail && MemberRules.ValidateEmail(input.Email) is { } emailError) errors[nameof(EnrolInput.Email)] = emailError;
        if (!hasPhone && !hasEmail)
        {
            string contact = text["Enter a phone number or an email address, so they can be found again."];
            errors[nameof(EnrolInput.Phone)] = contact;
            errors[nameof(EnrolInput.Email)] = contact;
        }
        if (!string.IsNullOrWhiteSpace(input.ReferralCode) && ReferralRules.Normalize(input.ReferralCode) is null)
        {
            errors[nameof(EnrolInput.ReferralCode)] = text["That isn't a referral code. Codes look like REF-K7M2QP."];
        }
        if (!input.AcceptsTerms) errors[nameof(EnrolInput.AcceptsTerms)] = text["They need to agree to the programme terms to join."];
        if (PortalLanguages.CodeOf(input.Language) is null) errors[nameof(EnrolInput.Language)] = text["Choose one of the languages offered."];
        return errors;
    }

    private async Task<EnrolResult> TryEnrolAsync(Caller staff, string name, string? phone, string? address, EnrolInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The check and the insert must not interleave with another enrolment or a member import (MemberIdentities).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await MemberIdentities.HoldAsync(db, ct);
        if (await FindExistingAsync(db, phone, address, ct) is { } existing) return existing;
        int? referrerId = null;
        if (!string.IsNullOrWhiteSpace(input.ReferralCode))
        {
            var referral = await ReferralAttribution.CheckAsync(db, input.ReferralCode, null, null, ct);
            if (!referral.Accepted) return EnrolResult.Invalid(new Dictionary<string, string> { [nameof(EnrolInput.ReferralCode)] = referral.Message! }, text["Check the highlighted fields."]);
            referrerId = referral.ReferrerId;
        }

        var now = calendar.UtcNow;
        // A stale sign-in can name a store that is gone; the member then has no home store rather than a broken one.
        var storeId = staff.StoreId is { } id && await db.Stores.AnyAsync(s => s.Id == id, ct) ? id : (int?)null;
        var member = new Member
        {
            PreferredName = name, Phone = phone, Email = address, HomeStoreId = storeId, JoinedAt = now,
            ConsentContact = input.ConsentContact, ConsentUpdatedAt = now, ReferredByMemberId = referrerId,
            Language = PortalLanguages.CodeOf(input.Language),
        };
        // Codes are random; draw until one is free (a clash is a one-in-a-trillion event).
        do member.MemberCode = MemberRules.NewMemberCode();
        while (await db.Members.AnyAsync(m => m.MemberCode == member.MemberCode, ct));
        member.ReferralCode = await ReferralAttribution.NewUniqueCodeAsync(db, ct);

        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        await MemberSearchForms.SyncNameWordsAsync(db, member, ct);
        var joined = await recorder.AppendAsync(db, new Activity
        {
            MemberId = member.Id, Type = ActivityType.Joined, OccurredAt = now, StoreId = storeId, StaffUserId = staff.UserId, SourceKey = $"joined:{member.Id}",
        }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await recorder.DeliverAsync(joined, ct);
        return EnrolResult.Enrolled(member.Id, member.MemberCode, text["{0} is enrolled.", name]);
    }

    /// <summary>The member who already has this phone or email, as a refusal staff can act on.</summary>
    private async Task<EnrolResult?> FindExistingAsync(LoyaltyDbContext db, string? phone, string? address, CancellationToken ct)
    {
        var search = MemberSearchForms.Email(address);
        var onFile = await MemberIdentities.OnFileAsync(db, phone is null ? [] : [phone], search is null ? [] : [search], ct);
        if (phone is not null && onFile.Phones[phone].FirstOrDefault() is { } byPhone)
        {
            return EnrolResult.Existing(byPhone.Id, byPhone.MemberCode,
                text["Already a member: {0}, phone {1}, member code {2}. Open their card instead.", byPhone.Name, CounterSearchService.MaskPhone(phone)!, byPhone.MemberCode]);
        }
        if (search is not null && onFile.Emails[search].FirstOrDefault() is { } byEmail)
        {
            return EnrolResult.Existing(byEmail.Id, byEmail.MemberCode,
                text["Already a member: {0}, email {1}, member code {2}. Open their card instead.", byEmail.Name, CounterSearchService.MaskEmail(byEmail.Email)!, byEmail.MemberCode]);
        }
        return null;
    }

    /// <summary>A failed email is logged, not thrown: the member exists either way, and staff can send another link.</summary>
    private async Task<bool> SendClaimEmailAsync(int memberId, string name, string address, CancellationToken ct)
    {
        // Staff can press "send again"; one address still gets only a few links an hour.
        if (!throttle.TryAcquire(address))
        {
            logger.LogWarning("Not sending another claim-account email to member {MemberId}: too many sent to that address recently", memberId);
            return false;
        }
        var link = links.To("Account/Claim", new Dictionary<string, string?> { ["token"] = tokens.Create(memberId, address) });
        // In the member's language (kept on the member, as they have no account yet), not the language of the staff enrolling them.
        string language;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) language = await RecipientText.LanguageOfAsync(db, memberId, ct);
        var words = new RecipientText(claimText, calendar, language);
        var body = $"<p>{WebUtility.HtmlEncode(words["Hi {0},", name])}</p>" +
                   $"<p>{WebUtility.HtmlEncode(words["Welcome to the programme! Staff in store will recognise you by name."])}</p>" +
                   $"<p>{WebUtility.HtmlEncode(words["To follow your progress and book events, trials and guidance online, choose a password for your online account:"])}</p>" +
                   $"<p><a href='{WebUtility.HtmlEncode(link)}'>{WebUtility.HtmlEncode(words["Claim your online account"])}</a></p>" +
                   $"<p>{WebUtility.HtmlEncode(words["The link works for {0} days. If you didn't join, you can ignore this email.", ClaimTokens.Lifetime.Days])}</p>";
        try
        {
            await email.SendAsync(new EmailMessage(address, words["Claim your online membership"], body), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not send the claim-account email to member {MemberId}", memberId);
            return false;
        }
    }

    /// <summary>A failed save or commit; Npgsql's execution strategy wraps a serialization failure as "likely transient".</summary>
    private static bool IsConflict(Exception ex) =>
        ex is DbUpdateException or DbException || ex is InvalidOperationException { InnerException: DbUpdateException or DbException };

    private Task RequireStaffAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsStaffOrManager, "Only store staff and managers enrol members.", ct);
}
