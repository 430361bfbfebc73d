using LoyaltyPortal.Features.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Integration.Outbox;

public enum OutboxKind
{
    Webhook = 1,
    Email = 2,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (or being attempted: a worker's claim moves <see cref="OutboxMessage.NextAttemptAt"/> on).</summary>
    Pending = 1,
    Sent = 2,

    /// <summary>Given up after <c>GiveUpAfter</c>; a manager can send it again.</summary>
    Failed = 3,
}

/// <summary>
/// Something to tell the outside world: a webhook call to one endpoint or one email. Written in the same transaction as
/// the change that causes it, so a rolled-back change sends nothing and a committed one is sent even if the receiver
/// or the mail server is down for a while (<see cref="OutboxDispatcher"/> retries with back-off).
/// </summary>
public sealed class OutboxMessage
{
    public const int TopicMaxLength = 50;
    public const int ErrorMaxLength = 500;

    public long Id { get; set; }
    public OutboxKind Kind { get; set; }

    /// <summary>The webhook event type (<c>purchase.recorded</c>) or <c>email</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>The <c>webhook-id</c> header: the same on every retry, so receivers can drop duplicates.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The webhook body, byte for byte as signed, or the email as JSON.</summary>
    public string Payload { get; set; } = "";

    public int? EndpointId { get; set; }

    /// <summary>Set only for events found by a scan (a trial overdue), so two scans announce one once per endpoint.</summary>
    public string? SourceKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the current round of attempts began: at creation, or when a manager sent it again. Giving up counts from here.</summary>
    public DateTime QueuedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>The claim of the worker attempting it now; its updates apply only while it still holds the claim.</summary>
    public Guid? ClaimToken { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.Topic).HasMaxLength(OutboxMessage.TopicMaxLength);
        message.Property(m => m.MessageId).HasMaxLength(40);
        message.Property(m => m.SourceKey).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // The worker's poll: due pending rows, oldest first.
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.HasIndex(m => m.ClaimToken);
        // An endpoint's delivery log, newest first.
        message.HasIndex(m => new { m.EndpointId, m.CreatedAt });
        message.HasIndex(m => new { m.SourceKey, m.EndpointId }).IsUnique();
        message.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
