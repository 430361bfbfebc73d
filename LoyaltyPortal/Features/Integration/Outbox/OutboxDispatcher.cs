using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Integration.Outbox;

/// <summary>
/// Sends due outbox messages. Each batch is claimed with one conditional update (still pending, still due) that moves
/// the messages' next attempt past a lease and stamps a claim token, so two workers, here or on another instance, never
/// send the same message twice; a worker that dies mid-batch leaves its messages due again once the lease runs out.
/// A failure is retried with exponential back-off until <c>GiveUpAfter</c>; then the message is failed and, for a
/// webhook, its endpoint is marked failing until a later delivery succeeds.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, WebhookSender webhooks, IEmailTransport email,
    IOptions<OutboxOptions> outboxOptions, IOptions<WebhookOptions> webhookOptions, IOptions<EmailOptions> emailOptions,
    ILogger<OutboxDispatcher> logger)
{
    private OutboxOptions Options => outboxOptions.Value;

    /// <summary>Claims and attempts one batch of due messages; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var claimed = await ClaimAsync(ct);
        foreach (var message in claimed) await AttemptAsync(message, ct);
        return claimed.Count;
    }

    internal async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var due = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Options.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        var token = Guid.NewGuid();
        var leaseEnds = now + Options.ClaimLease;
        var claimed = await db.OutboxMessages.Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseEnds).SetProperty(m => m.ClaimToken, token), ct);
        if (claimed == 0) return [];
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task AttemptAsync(OutboxMessage message, CancellationToken ct)
    {
        WebhookCallResult result;
        try
        {
            result = message.Kind == OutboxKind.Email ? await SendEmailAsync(message, ct) : await CallEndpointAsync(message, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            result = new(false, null, ex.Message);
        }
        if (result.Delivered) await RecordSentAsync(message, result, ct);
        else await RecordFailureAsync(message, result, ct);
    }

    private async Task<WebhookCallResult> SendEmailAsync(OutboxMessage message, CancellationToken ct)
    {
        await email.SendAsync(OutboxEmailSender.Read(message), ct);
        return new(true, null, null);
    }

    private async Task<WebhookCallResult> CallEndpointAsync(OutboxMessage message, CancellationToken ct)
    {
        WebhookEndpoint? endpoint;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == message.EndpointId, ct);
        }
        // Deleting an endpoint deletes its messages; one claimed meanwhile simply has nowhere to go.
        if (endpoint is null) return new(false, null, "The endpoint was deleted.", GiveUp: true);
        if (!endpoint.IsEnabled) return new(false, null, "The endpoint is disabled.", GiveUp: true);
        return await webhooks.SendAsync(endpoint.Url, endpoint.ProtectedSecret, message.MessageId, message.Payload, ct);
    }

    private async Task RecordSentAsync(OutboxMessage message, WebhookCallResult result, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        await Claimed(db, message).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.LastStatusCode, result.StatusCode)
            .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
        if (message.EndpointId is { } endpointId)
        {
            await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.FailingSince != null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, (DateTime?)null), ct);
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, WebhookCallResult result, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var error = Truncate(result.Error ?? "Failed.");
        var giveUpAt = message.QueuedAt + (message.Kind == OutboxKind.Email ? emailOptions.Value.GiveUpAfter : webhookOptions.Value.GiveUpAfter);
        if (now >= giveUpAt || result.GiveUp)
        {
            await Claimed(db, message).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.LastStatusCode, result.StatusCode)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
            if (message.EndpointId is { } endpointId && !result.GiveUp)
            {
                await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.FailingSince == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, now), ct);
            }
            logger.LogWarning("Gave up on outbox message {Id} ({Topic}) after {Attempts} attempts: {Error}", message.Id, message.Topic, message.Attempts + 1, error);
            return;
        }
        var next = now + Options.Backoff(message.Attempts + 1);
        if (next > giveUpAt) next = giveUpAt;
        await Claimed(db, message).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.LastStatusCode, result.StatusCode)
            .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimToken, (Guid?)null), ct);
        logger.LogInformation("Outbox message {Id} ({Topic}) failed, retrying at {Next:u}: {Error}", message.Id, message.Topic, next, error);
    }

    /// <summary>Deletes sent and failed messages older than <see cref="OutboxOptions.KeepFor"/>.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = Now - Options.KeepFor;
        return await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Pending && m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    // Only while this worker still holds the claim: past the lease another worker may have taken the message over.
    private static IQueryable<OutboxMessage> Claimed(LoyaltyDbContext db, OutboxMessage message) =>
        db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Truncate(string text) => text.Length <= OutboxMessage.ErrorMaxLength ? text : text[..(OutboxMessage.ErrorMaxLength - 1)] + "…";
}
