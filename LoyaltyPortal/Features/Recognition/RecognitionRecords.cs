using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>Everything staff need to greet a member personally, on one card.</summary>
public sealed record RecognitionCard(
    int MemberId, string PreferredName, string MemberCode, DateTime JoinedAt, TierProgress Tier,
    IReadOnlyList<string> Interests, string? WhatMatters,
    IReadOnlyList<StaffNoteLine> Notes,
    IReadOnlyList<CardBooking> TodaysBookings, IReadOnlyList<CardTrial> ActiveTrials,
    LastVisitLine? LastVisit, IReadOnlyList<CardCue> Cues, SuggestedGesture? Gesture,
    IReadOnlyList<ActivityLine> RecentActivity)
{
    public string Initials => string.Concat(PreferredName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}

/// <summary>An event or guidance session the member has today.</summary>
public sealed record CardBooking(long BookingId, string Title, BenefitKind Kind, DateTime StartsAt, DateTime? EndsAt, int Seats, BookingStatus Status)
{
    public bool CanCheckIn => Kind == BenefitKind.Event && Status == BookingStatus.Confirmed;
}

/// <summary>A trial waiting to be picked up (Confirmed) or out with the member (HandedOut).</summary>
public sealed record CardTrial(long BookingId, string Title, string? ProductName, BookingStatus Status, DateTime? DueAt, bool IsOverdue)
{
    public string Product => ProductName ?? Title;
}

public sealed record LastVisitLine(DateTime At, string? StoreName);

/// <summary>The one thing worth doing for this member now, and why the card suggests it.</summary>
public sealed record SuggestedGesture(string Text, string Icon);

/// <summary>
/// A purchase as staff enter it. <see cref="RequestKey"/> is made once per form, so a double tap records once. A till
/// sends its own <see cref="TransactionReference"/> instead: one per store, so the same sale sent twice records once
/// and a refund can name it.
/// </summary>
public sealed record PurchaseInput(decimal? Amount, string? Currency, Guid RequestKey, string? TransactionReference = null);

/// <summary>A note as staff enter it. <see cref="RequestKey"/> is made once per form, so a double tap saves once.</summary>
public sealed record NoteInput(string? Text, Guid RequestKey);
