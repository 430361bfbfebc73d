using LoyaltyPortal.Components.Shared.Forms;
using LoyaltyPortal.Features.Integration.Outbox;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>The manager's form for a new endpoint.</summary>
public sealed class WebhookInput
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public WebhookEvents Events { get; set; }
}

/// <summary>A new endpoint and its signing secret, which is shown this once and never again.</summary>
public sealed record WebhookCreated(bool Succeeded, string Message, IReadOnlyDictionary<string, string> FieldErrors, int? EndpointId = null,
    string? Secret = null) : OperationResult(Succeeded, Message, FieldErrors)
{
    public static WebhookCreated From(OperationResult refused) => new(false, refused.Message, refused.FieldErrors);
}

public sealed record WebhookEndpointRow(int Id, string Name, string Url, IReadOnlyList<string> Events, bool IsEnabled, DateTime CreatedAt,
    DateTime? FailingSince, int Pending);

public sealed record WebhookDeliveryRow(long Id, string Event, string MessageId, OutboxStatus Status, int Attempts, int? StatusCode, string? LastError,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? SentAt);
