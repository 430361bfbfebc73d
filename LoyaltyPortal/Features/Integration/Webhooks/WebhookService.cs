using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared.Forms;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>Managers register, pause and delete webhook endpoints, read each one's delivery log and send a delivery again.</summary>
public sealed class WebhookService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, WebhookSecrets secrets, OutboxSignal signal, TimeProvider clock, IOptions<WebhookOptions> options,
    ActiveCallers callers, IStringLocalizer<IntegrationText> text)
{
    public const int LogRows = 50;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Name, e.Url, e.Events, e.IsEnabled, e.CreatedAt, e.FailingSince,
                Pending = db.OutboxMessages.Count(m => m.EndpointId == e.Id && m.Status == OutboxStatus.Pending),
            })
            .Take(options.Value.MaxEndpoints).ToListAsync(ct);
        return rows.Select(e => new WebhookEndpointRow(e.Id, e.Name, e.Url, WebhookEventTypes.Names(e.Events), e.IsEnabled, e.CreatedAt, e.FailingSince, e.Pending))
            .ToList();
    }

    public async Task<WebhookCreated> CreateAsync(Caller caller, WebhookInput input, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var errors = new Dictionary<string, string>();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = text["Name the receiver, such as \"CRM\"."];
        else if (name.Length > WebhookEndpoint.NameMaxLength) errors[nameof(input.Name)] = text["Use at most {0} characters.", WebhookEndpoint.NameMaxLength];
        else if (!MemberRules.IsPrintableText(name)) errors[nameof(input.Name)] = text["The name contains characters that cannot be shown."];
        var url = (input.Url ?? "").Trim();
        if (WebhookUrls.Validate(url, options.Value.AllowInsecureUrls, text) is { } urlError) errors[nameof(input.Url)] = urlError;
        var events = input.Events & WebhookEventTypes.Every;
        if (events == WebhookEvents.None || events != input.Events) errors[nameof(input.Events)] = text["Choose at least one event."];
        if (errors.Count > 0) return WebhookCreated.From(OperationResult.Invalid(errors));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var max = options.Value.MaxEndpoints;
        if (await db.WebhookEndpoints.CountAsync(ct) >= max)
        {
            return WebhookCreated.From(OperationResult.Refused(text["There are already {0} endpoints; delete one you no longer use first.", max]));
        }
        var secret = WebhookSecrets.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Name = name, Url = url, Events = events, ProtectedSecret = secrets.Protect(secret), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        var names = WebhookEventTypes.Names(events);
        var message = names.Count == 1 ? text["{0} will receive {1}.", name, names[0]] : text["{0} will receive {1} kinds of event.", name, names.Count];
        return new WebhookCreated(true, message, OperationResult.NoFieldErrors, endpoint.Id, secret);
    }

    /// <summary>Pauses or resumes an endpoint. Paused, it gets no new events, and queued ones fail instead of being sent.</summary>
    public async Task<OperationResult> SetEnabledAsync(Caller caller, int endpointId, bool enabled, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.WebhookEndpoints.Where(e => e.Id == endpointId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.IsEnabled, enabled), ct);
        if (changed == 0) return OperationResult.Refused(text["That endpoint no longer exists."]);
        return OperationResult.Done(enabled ? text["The endpoint is on again."] : text["The endpoint is paused."]);
    }

    /// <summary>Deletes an endpoint and its delivery log.</summary>
    public async Task<OperationResult> DeleteAsync(Caller caller, int endpointId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.OutboxMessages.Where(m => m.EndpointId == endpointId).ExecuteDeleteAsync(ct);
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted == 0 ? OperationResult.Refused(text["That endpoint no longer exists."]) : OperationResult.Done(text["The endpoint is deleted."]);
    }

    /// <summary>The endpoint's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> GetLogAsync(Caller caller, int endpointId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.EndpointId == endpointId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(LogRows)
            .Select(m => new WebhookDeliveryRow(m.Id, m.Topic, m.MessageId, m.Status, m.Attempts, m.LastStatusCode, m.LastError, m.CreatedAt,
                m.LastAttemptAt, m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.SentAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Queues a sent or failed delivery again, now, with the same id (receivers that already have it can tell) and a fresh
    /// round of retries. One already queued is left as it is.
    /// </summary>
    public async Task<OperationResult> SendAgainAsync(Caller caller, long deliveryId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.OutboxMessages
            .Where(m => m.Id == deliveryId && m.Kind == OutboxKind.Webhook && m.Status != OutboxStatus.Pending
                && db.WebhookEndpoints.Any(e => e.Id == m.EndpointId && e.IsEnabled))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.QueuedAt, now)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Attempts, 0).SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.SentAt, (DateTime?)null), ct);
        if (queued == 0)
        {
            var state = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == deliveryId && m.Kind == OutboxKind.Webhook)
                .Select(m => new { m.Status, Enabled = db.WebhookEndpoints.Any(e => e.Id == m.EndpointId && e.IsEnabled) }).FirstOrDefaultAsync(ct);
            return state switch
            {
                null => OperationResult.Refused(text["That delivery no longer exists."]),
                { Status: OutboxStatus.Pending } => OperationResult.Done(text["That delivery is already queued."]),
                _ => OperationResult.Refused(text["Turn the endpoint on before sending again."]),
            };
        }
        signal.Nudge();
        return OperationResult.Done(text["Queued to send again."]);
    }

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers manage webhooks.", ct);
}
