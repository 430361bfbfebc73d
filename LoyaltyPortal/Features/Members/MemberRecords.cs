using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Members;

public sealed record InterestOption(int Id, string Name);

public sealed record MemberProfile(
    int Id, string MemberCode, string PreferredName, string? Phone, string? Email, DateOnly? Birthday, DateTime JoinedAt,
    int? HomeStoreId, string? HomeStoreName, string? WhatMatters, bool ConsentContact, bool ConsentProfiling,
    IReadOnlyList<InterestOption> Interests);

/// <summary>What a member may change about themselves.</summary>
public sealed class ProfileInput
{
    public string PreferredName { get; set; } = "";
    public string? Phone { get; set; }
    public DateOnly? Birthday { get; set; }
    public int? HomeStoreId { get; set; }
    public string? WhatMatters { get; set; }
    public bool ConsentContact { get; set; }
    public bool ConsentProfiling { get; set; }
    public IReadOnlyCollection<int> InterestIds { get; set; } = [];
}

public sealed record ActivityLine(long Id, ActivityType Type, DateTime OccurredAt, string? StoreName, decimal? Amount, string? Description, int Points);

public sealed record StaffNoteLine(int Id, string Text, string AuthorName, string? StoreName, DateTime CreatedAt);

public sealed record StoreOption(int Id, string Name);
