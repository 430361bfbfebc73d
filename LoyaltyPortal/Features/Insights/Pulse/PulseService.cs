using Microsoft.Extensions.Localization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Insights;

/// <summary>An answer to the pulse: a score from 0 to 10, choice codes from <see cref="PulseChoices"/> and optional words.</summary>
public sealed record PulseAnswer(int? Score, IReadOnlyCollection<string> Matters, string? MattersText);

public enum PulseOutcome
{
    Saved,
    Invalid,

    /// <summary>Another tab or a double click got there first: one response per period.</summary>
    AlreadyAnswered,
    NoMember,
}

public sealed record PulseResult(PulseOutcome Outcome, string Message, IReadOnlyDictionary<string, string> FieldErrors)
    : OperationResult(Outcome == PulseOutcome.Saved, Message, FieldErrors)
{
    public static new PulseResult Done(string message) => new(PulseOutcome.Saved, message, NoFieldErrors);

    public static PulseResult Invalid(string field, string message) => new(PulseOutcome.Invalid, message, new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// The significance pulse: "How much would you miss us if we were gone?" and "What matters most to you right now?".
/// Members only, about themselves. An answer or a "not now" both start the wait before the next ask.
/// </summary>
public sealed class PulseService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, IOptions<PulseOptions> options, IStringLocalizer<PulseText> messages)
{
    public const int MaxScore = 10;
    public const int MattersTextMaxLength = PulseResponseConfiguration.MattersTextMaxLength;

    /// <summary>Whether the caller should see the pulse now.</summary>
    public async Task<bool> IsDueAsync(Caller caller, CancellationToken ct = default)
    {
        RequireMember(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await OwnMemberAsync(db, caller, ct);
        return member is not null && await IsDueAsync(db, member.Id, member.JoinedAt, clock.GetUtcNow().UtcDateTime, ct);
    }

    public async Task<PulseResult> AnswerAsync(Caller caller, PulseAnswer answer, CancellationToken ct = default)
    {
        RequireMember(caller);
        if (answer.Score is not (>= 0 and <= MaxScore))
        {
            return PulseResult.Invalid(nameof(answer.Score), messages["Choose a number from 0 to {0}.", MaxScore]);
        }
        var matters = answer.Matters.Distinct(StringComparer.Ordinal).ToList();
        if (!matters.All(PulseChoices.IsKnown)) return PulseResult.Invalid(nameof(answer.Matters), messages["Choose from the list."]);
        var text = string.IsNullOrWhiteSpace(answer.MattersText) ? null : answer.MattersText.Trim();
        if (text?.Length > MattersTextMaxLength)
        {
            return PulseResult.Invalid(
                nameof(answer.MattersText), messages["Keep it to {0} characters ({1} now).", MattersTextMaxLength, text.Length]);
        }
        if (TextRules.DirectionProblem(text) is { } direction) return PulseResult.Invalid(nameof(answer.MattersText), direction);
        // Stored in the list's order, so the same picks always read the same.
        matters = PulseChoices.All.Select(c => c.Code).Where(matters.Contains).ToList();
        return await SaveAsync(caller, answer.Score, matters, text, messages["Thank you. It helps us decide what to do next."], ct);
    }

    /// <summary>"Not now": no score, but the member is not asked again until the interval has passed.</summary>
    public async Task<PulseResult> DismissAsync(Caller caller, CancellationToken ct = default)
    {
        RequireMember(caller);
        return await SaveAsync(caller, null, [], null, messages["We won't ask again for a while."], ct);
    }

    private async Task<PulseResult> SaveAsync(Caller caller, int? score, List<string> matters, string? text, string thanks, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var member = await OwnMemberAsync(db, caller, ct);
        if (member is null)
        {
            return new PulseResult(
                PulseOutcome.NoMember, messages["There is no member profile linked to this account."], new Dictionary<string, string>());
        }
        // The tier as the member holds it now, so trends by tier read as they were at the time.
        var tierId = (await MyProgressService.TierProgressAsync(db, member.Id, now, ct)).Held.Id;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Updating the member's row takes its lock: a second tab or a double click waits here until the first
        // has committed, then finds that response below. SQLite takes its single write lock the same way.
        await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.PassVersion, m => m.PassVersion), ct);
        if (!await IsDueAsync(db, member.Id, member.JoinedAt, now, ct))
        {
            return new PulseResult(
                PulseOutcome.AlreadyAnswered, messages["We already have your answer for now. Thank you."], new Dictionary<string, string>());
        }
        db.PulseResponses.Add(new PulseResponse { MemberId = member.Id, RespondedAt = now, Score = score, Matters = matters, MattersText = text, TierId = tierId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return PulseResult.Done(thanks);
    }

    private async Task<bool> IsDueAsync(LoyaltyDbContext db, int memberId, DateTime joinedAt, DateTime now, CancellationToken ct)
    {
        var settings = options.Value;
        if (now < joinedAt.AddDays(settings.NewMemberDays)) return false;
        var askedSince = now.AddDays(-settings.IntervalDays);
        return !await db.PulseResponses.AnyAsync(p => p.MemberId == memberId && p.RespondedAt > askedSince, ct);
    }

    private sealed record OwnMember(int Id, DateTime JoinedAt);

    private static Task<OwnMember?> OwnMemberAsync(LoyaltyDbContext db, Caller caller, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => new OwnMember(m.Id, m.JoinedAt)).FirstOrDefaultAsync(ct);

    private static void RequireMember(Caller caller)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members answer the pulse.");
    }
}
