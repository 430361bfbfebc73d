using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>The events an endpoint can subscribe to; stored as flags, so "who wants this?" is one bit test.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    MemberEnrolled = 1 << 0,
    VisitRecorded = 1 << 1,
    PurchaseRecorded = 1 << 2,
    TierChanged = 1 << 3,
    BookingConfirmed = 1 << 4,
    BookingPromoted = 1 << 5,
    BookingCancelled = 1 << 6,
    TrialDue = 1 << 7,
    TrialOverdue = 1 << 8,
    FeedbackReceived = 1 << 9,
    ReferralConverted = 1 << 10,
}

/// <summary>A receiver a manager registered: where to POST, which events, and the secret that signs each call.</summary>
public sealed class WebhookEndpoint
{
    public const int NameMaxLength = 100;
    public const int UrlMaxLength = 2000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public WebhookEvents Events { get; set; }

    /// <summary>The <c>whsec_…</c> signing secret, protected with ASP.NET Data Protection; shown in clear once, at creation.</summary>
    public string ProtectedSecret { get; set; } = "";

    public bool IsEnabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a delivery was given up; cleared by the next success.</summary>
    public DateTime? FailingSince { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Name).HasMaxLength(WebhookEndpoint.NameMaxLength);
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(1000);
    }
}
