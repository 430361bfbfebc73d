using System.Collections.Concurrent;
using LoyaltyPortal.Features.Notifications;

namespace LoyaltyPortal.Tests;

/// <summary>Keeps every email sent in a test, so tests can assert who was told what.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> sent = new();

    public IReadOnlyList<EmailMessage> Sent => sent.ToArray();

    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
