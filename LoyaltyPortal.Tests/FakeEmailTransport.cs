using System.Collections.Concurrent;
using LoyaltyPortal.Features.Notifications;

namespace LoyaltyPortal.Tests;

/// <summary>The mail server as the outbox worker sees it: keeps what it was given, or fails while <see cref="IsDown"/>.</summary>
public sealed class FakeEmailTransport : IEmailTransport
{
    private readonly ConcurrentQueue<EmailMessage> delivered = new();

    public bool IsDown { get; set; }

    public IReadOnlyList<EmailMessage> Delivered => delivered.ToArray();

    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        if (IsDown) throw new IOException("Connection refused (the test's mail server is down).");
        delivered.Enqueue(message);
        return Task.CompletedTask;
    }
}
