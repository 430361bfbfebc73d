using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>Why a referral code was not accepted for a member.</summary>
public enum ReferralRefusal
{
    Malformed,
    Unknown,
    ReferrerAnonymised,
    SelfReferral,
    Circular,
    AlreadyReferred,
    TooLate,
    NoMember,
}

/// <summary>The outcome of checking a code: the referrer to credit, or the refusal with the message to show beside the field.</summary>
public sealed record ReferralCheck(int? ReferrerId, string? ReferrerName, ReferralRefusal? Refusal, string? Message)
{
    public bool Accepted => ReferrerId is not null;

    public static ReferralCheck Ok(int referrerId, string referrerName) => new(referrerId, referrerName, null, null);

    public static ReferralCheck Refused(ReferralRefusal refusal, string message) => new(null, null, refusal, message);
}

/// <summary>A member naming their referrer: every refusal answers the code they entered, so its message shows beside that field.</summary>
public sealed record ReferralResult(bool Succeeded, string Message, ReferralRefusal? Refusal = null) : OperationResult(Succeeded, Message)
{
    /// <summary>The key of the code field, named as at enrolment.</summary>
    public const string CodeField = "ReferralCode";

    public static ReferralResult From(ReferralCheck check, IStringLocalizer<ReferralsText> text) => check.Accepted
        ? new(true, text["Thanks! {0} is now credited for inviting you.", check.ReferrerName!])
        : RefusedFor(check.Refusal ?? ReferralRefusal.Unknown, check.Message!);

    public static ReferralResult RefusedFor(ReferralRefusal refusal, string message) =>
        new(false, message, refusal) { FieldErrors = new Dictionary<string, string> { [CodeField] = message } };
}

/// <summary>A friend the member brought in, as the member sees them: first name only matters, no contact details.</summary>
public sealed record ReferredFriend(string Name, DateTime JoinedAt, bool Converted);

/// <summary>The member's invite page: their code, who they brought in, and whether they may still name their own referrer.</summary>
public sealed record MyInvite(int MemberId, string Code, IReadOnlyList<ReferredFriend> Friends, string? ReferredByName, DateTime? CanAddReferrerUntil);

public sealed record TopReferrer(int MemberId, string Name, string MemberCode, int Referred, int Converted);

public sealed record TopReferrerPage(IReadOnlyList<TopReferrer> Rows, int Total);

/// <summary>One person in a referral chain. Anonymised members keep their place but not their name.</summary>
public sealed record ChainPerson(int MemberId, string Name, string MemberCode, DateTime JoinedAt, DateTime? ConvertedAt, bool Anonymised);

/// <summary>A referee below the chosen member; <see cref="Depth"/> 1 is someone they referred themselves.</summary>
public sealed record ChainNode(ChainPerson Person, int Depth, int? ReferredById);

/// <summary>
/// The chosen member, who referred them (nearest first) and everyone they brought in, in tree order.
/// <see cref="Truncated"/> says the tree was cut at <see cref="ReferralService.MaxChainNodes"/> people or its depth limit.
/// </summary>
public sealed record ReferralChain(ChainPerson Member, IReadOnlyList<ChainPerson> Up, IReadOnlyList<ChainNode> Down, bool Truncated);

/// <summary>The referral facts shown on the manager's member page.</summary>
public sealed record MemberReferralSummary(int? ReferredById, string? ReferredByName, int Referred, int Converted);
