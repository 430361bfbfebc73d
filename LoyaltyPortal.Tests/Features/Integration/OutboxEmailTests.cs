using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Integration;

/// <summary>Emails wait in the outbox while the mail server is down, and the worker sends them once it is back.</summary>
public sealed class OutboxEmailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Outbox_email_queued_while_the_mail_server_is_down_is_sent_by_a_later_attempt(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var transport = db.Get<FakeEmailTransport>();
        var dispatcher = db.Get<OutboxDispatcher>();
        transport.IsDown = true;

        await db.Get<OutboxEmailSender>().SendAsync(new EmailMessage("alex@example.com", "You're booked", "<p>Saturday, 09:00.</p>"), Ct);
        await dispatcher.DispatchDueAsync(Ct);

        var waiting = Assert.Single(await db.OutboxAsync());
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("Connection refused", waiting.LastError, StringComparison.Ordinal);
        Assert.Empty(transport.Delivered);

        transport.IsDown = false;
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchDueAsync(Ct);

        var sent = Assert.Single(transport.Delivered);
        Assert.Equal(("alex@example.com", "You're booked", "<p>Saturday, 09:00.</p>"), (sent.To, sent.Subject, sent.HtmlBody));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await db.OutboxAsync()).Status);
    }

    [Theory, AllProviders]
    public async Task Outbox_email_is_failed_after_Email_GiveUpAfter_and_old_messages_are_pruned(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        db.Get<FakeEmailTransport>().IsDown = true;
        var dispatcher = db.Get<OutboxDispatcher>();
        await db.Get<OutboxEmailSender>().SendAsync(new EmailMessage("alex@example.com", "Hello", "<p>Hi</p>"), Ct);

        for (var i = 0; i < 60 && (await db.OutboxAsync())[0].Status == OutboxStatus.Pending; i++)
        {
            await dispatcher.DispatchDueAsync(Ct);
            db.Clock.Advance(TimeSpan.FromHours(1.3));
        }
        Assert.Equal(OutboxStatus.Failed, Assert.Single(await db.OutboxAsync()).Status);

        db.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await dispatcher.PruneAsync(Ct));
        Assert.Empty(await db.OutboxAsync());
    }

    [Fact]
    public async Task Outbox_worker_starts_with_nothing_to_send_sends_a_queued_email_at_once_and_stops_promptly()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, onDisk: true);
        var worker = new OutboxWorker(db.Get<OutboxDispatcher>(), db.Get<OutboxSignal>(), db.Clock, Options.Create(new OutboxOptions()),
            NullLogger<OutboxWorker>.Instance);
        await worker.StartAsync(Ct);

        // The fake clock never reaches the next poll: only the sender's nudge can wake the worker.
        await db.Get<OutboxEmailSender>().SendAsync(new EmailMessage("alex@example.com", "Welcome", "<p>Hi</p>"), Ct);
        var transport = db.Get<FakeEmailTransport>();
        for (var i = 0; i < 200 && transport.Delivered.Count == 0; i++) await Task.Delay(50, Ct);
        Assert.Single(transport.Delivered);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await worker.StopAsync(Ct);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"Stopping took {stopping.Elapsed}.");
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }
}
