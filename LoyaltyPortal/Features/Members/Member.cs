using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// A programme member. A member may exist without a login: staff enrol people at the counter
/// and the person can claim an online account later.
/// </summary>
public sealed class Member
{
    public int Id { get; set; }
    public string? UserId { get; set; }
    public string MemberCode { get; set; } = "";

    /// <summary>The member's id in the system they were imported from; a re-import finds them by it. Kept when anonymised.</summary>
    public string? ExternalId { get; set; }
    public string PreferredName { get; set; } = "";

    /// <summary>Lower-case, accent-free form of <see cref="PreferredName"/> for prefix search.</summary>
    public string SearchName { get; set; } = "";

    /// <summary>E.164 form, for example +447700900123.</summary>
    public string? Phone { get; set; }

    /// <summary>The phone's last four digits, so staff can find a member by them alone.</summary>
    public string? PhoneLast4 { get; set; }

    public string? Email { get; set; }

    /// <summary>
    /// The language to write to a member without an account in (a <see cref="Hosting.PortalLanguages"/> code); null is
    /// the programme's first language. A member's own account language wins over it.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>Lower-case email for prefix search.</summary>
    public string? SearchEmail { get; set; }

    public DateOnly? Birthday { get; set; }
    public DateTime JoinedAt { get; set; }
    public int? HomeStoreId { get; set; }
    public Store? HomeStore { get; set; }

    /// <summary>Free text: "what matters to you", in the member's own words.</summary>
    public string? WhatMatters { get; set; }

    public bool ConsentContact { get; set; }
    public bool ConsentProfiling { get; set; }
    public DateTime? ConsentUpdatedAt { get; set; }

    /// <summary>Raised when the member resets their digital pass; passes issued before carry an older version and stop working.</summary>
    public int PassVersion { get; set; }

    /// <summary>The code this member shares so that friends who join are credited to them; see the referral link.</summary>
    public string? ReferralCode { get; set; }

    /// <summary>The member whose referral code or link this member joined with.</summary>
    public int? ReferredByMemberId { get; set; }

    /// <summary>When this referred member first visited or bought, which credits the referrer; set once.</summary>
    public DateTime? ReferralConvertedAt { get; set; }

    /// <summary>Set when the member deleted their account; personal data has been removed.</summary>
    public DateTime? AnonymisedAt { get; set; }

    public List<MemberInterest> Interests { get; set; } = [];
}

/// <summary>One word of a member's name in search form, so "mull" finds "Anna Müller" by her surname.</summary>
public sealed class MemberNameWord
{
    public int MemberId { get; set; }
    public string Word { get; set; } = "";
}

public sealed class Interest
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class MemberInterest
{
    public int MemberId { get; set; }
    public int InterestId { get; set; }
    public Interest? Interest { get; set; }
}
