using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Integration.Outbox;

/// <summary>
/// The app's <see cref="IEmailSender"/>: stores the message in the outbox and returns once it is committed. The worker
/// sends it, retrying while the mail server is down. A caller with a unit of work open can <see cref="Stage"/> it there instead.
/// </summary>
public sealed class OutboxEmailSender(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, OutboxSignal signal) : IEmailSender
{
    public const string Topic = "email";

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Stage(db, message, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        signal.Nudge();
    }

    /// <summary>Adds the email to <paramref name="db"/>; the caller's SaveChanges queues it with the rest of its change.</summary>
    public static void Stage(LoyaltyDbContext db, EmailMessage message, DateTime now) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = OutboxKind.Email, Topic = Topic, MessageId = "mail_" + Guid.NewGuid().ToString("N"), Payload = JsonSerializer.Serialize(message),
            CreatedAt = now, QueuedAt = now, NextAttemptAt = now,
        });

    internal static EmailMessage Read(OutboxMessage message) =>
        JsonSerializer.Deserialize<EmailMessage>(message.Payload) ?? throw new InvalidOperationException($"Outbox email {message.Id} has no message.");
}
