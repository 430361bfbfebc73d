using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace LoyaltyPortal.Tests.Features.Integration;

/// <summary>Webhooks leave through the outbox: signed per Standard Webhooks, retried with back-off, given up on after a while.</summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, WebhookReceiver Receiver, WebhookCreated Endpoint)> SetUpAsync(DatabaseProvider provider, bool onDisk = false)
    {
        var db = await TestDb.CreateAsync(provider, onDisk);
        db.ClockToRealTime();
        var receiver = await WebhookReceiver.StartAsync();
        return (db, receiver, await db.AddEndpointAsync(receiver.Url));
    }

    private static async Task<string> RecordPurchaseAsync(TestDb db, decimal amount = 24.99m)
    {
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var result = await db.Get<RecognitionService>().RecordPurchaseAsync(staff, member.Id, new PurchaseInput(amount, "GBP", Guid.NewGuid()), Ct);
        Assert.True(result.Succeeded, result.Message);
        return member.MemberCode;
    }

    [Theory, AllProviders]
    public async Task Webhook_for_a_recorded_purchase_reaches_the_receiver_signed_with_the_secret_shown_once(DatabaseProvider provider)
    {
        var (db, receiver, endpoint) = await SetUpAsync(provider);
        await using var _ = db;
        await using var __ = receiver;
        var memberCode = await RecordPurchaseAsync(db);

        Assert.Equal(1, await db.Get<OutboxDispatcher>().DispatchDueAsync(Ct));

        var call = Assert.Single(receiver.Received);
        new StandardWebhook(endpoint.Secret!).Verify(call.Body, call.Headers);
        // The same check by hand, as the README shows a receiver doing it.
        var key = Convert.FromBase64String(endpoint.Secret!["whsec_".Length..]);
        var signed = $"{call.Id}.{call.Headers["webhook-timestamp"]}.{call.Body}";
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed))), call.Headers["webhook-signature"].ToString());
        Assert.StartsWith("msg_", call.Id, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(call.Body);
        Assert.Equal("purchase.recorded", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(memberCode, json.RootElement.GetProperty("data").GetProperty("memberCode").GetString());
        Assert.Equal(24.99m, json.RootElement.GetProperty("data").GetProperty("amount").GetDecimal());
        Assert.False(json.RootElement.GetProperty("data").TryGetProperty("memberId", out var _));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await db.OutboxAsync()).Status);
        // The database keeps the secret only protected.
        var stored = await db.QueryAsync(c => c.WebhookEndpoints.Select(e => e.ProtectedSecret).SingleAsync(Ct));
        Assert.DoesNotContain(endpoint.Secret!["whsec_".Length..], stored, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Webhook_a_receiver_answering_500_gets_the_event_again_later_with_the_same_id(DatabaseProvider provider)
    {
        var (db, receiver, endpoint) = await SetUpAsync(provider);
        await using var _ = db;
        await using var __ = receiver;
        await RecordPurchaseAsync(db);
        var dispatcher = db.Get<OutboxDispatcher>();
        receiver.StatusCode = 500;

        await dispatcher.DispatchDueAsync(Ct);
        var failed = Assert.Single(await db.OutboxAsync());
        Assert.Equal((OutboxStatus.Pending, 1, 500), (failed.Status, failed.Attempts, failed.LastStatusCode));
        Assert.InRange(failed.NextAttemptAt - db.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(23), TimeSpan.FromSeconds(37));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));

        receiver.StatusCode = 204;
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));

        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        new StandardWebhook(endpoint.Secret!).Verify(receiver.Received[1].Body, receiver.Received[1].Headers);
        var sent = Assert.Single(await db.OutboxAsync());
        Assert.Equal((OutboxStatus.Sent, 2, 204), (sent.Status, sent.Attempts, sent.LastStatusCode));
    }

    [Theory, AllProviders]
    public async Task Webhook_given_up_marks_the_endpoint_failing_until_a_delivery_sent_again_succeeds(DatabaseProvider provider)
    {
        var (db, receiver, endpoint) = await SetUpAsync(provider);
        await using var _ = db;
        await using var __ = receiver;
        await RecordPurchaseAsync(db);
        var dispatcher = db.Get<OutboxDispatcher>();
        var webhooks = db.Get<WebhookService>();
        var manager = await db.AddUserAsync(Roles.Manager);
        receiver.StatusCode = 503;

        // Retries until the day is up (back-off capped at an hour), then gives up.
        for (var i = 0; i < 60 && (await db.OutboxAsync())[0].Status == OutboxStatus.Pending; i++)
        {
            await dispatcher.DispatchDueAsync(Ct);
            db.Clock.Advance(TimeSpan.FromHours(1.3));
        }

        var given = Assert.Single(await db.OutboxAsync());
        Assert.Equal(OutboxStatus.Failed, given.Status);
        Assert.InRange(given.Attempts, 5, 40);
        Assert.NotNull(Assert.Single(await webhooks.ListAsync(manager, Ct)).FailingSince);

        receiver.StatusCode = 200;
        Assert.True((await webhooks.SendAgainAsync(manager, given.Id, Ct)).Succeeded);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));

        Assert.Equal(OutboxStatus.Sent, Assert.Single(await webhooks.GetLogAsync(manager, endpoint.EndpointId!.Value, Ct)).Status);
        Assert.Null(Assert.Single(await webhooks.ListAsync(manager, Ct)).FailingSince);
    }

    [Theory, AllProviders]
    public async Task Outbox_row_is_not_written_when_the_change_rolls_back(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEndpointAsync("http://127.0.0.1:9/hook", WebhookEvents.VisitRecorded | WebhookEvents.MemberEnrolled);
        var (member, _) = await db.AddMemberAsync();
        var recorder = db.Get<ActivityRecorder>();

        foreach (var commit in new[] { false, true })
        {
            await using var context = db.NewContext();
            await using var transaction = await ActivityRecorder.BeginForMemberAsync(context, member.Id, Ct);
            await recorder.AppendAsync(context, new Activity
            {
                MemberId = member.Id, Type = ActivityType.Visit, OccurredAt = db.Clock.GetUtcNow().UtcDateTime, SourceKey = $"visit:{commit}",
            }, Ct);
            await context.SaveChangesAsync(Ct);
            if (commit) await transaction.CommitAsync(Ct);
            else await transaction.RollbackAsync(Ct);
        }

        var row = Assert.Single(await db.OutboxAsync());
        Assert.Equal("visit.recorded", row.Topic);
    }

    [Theory, AllProviders]
    public async Task Outbox_two_workers_claiming_at_once_send_each_message_once(DatabaseProvider provider)
    {
        var (db, receiver, _) = await SetUpAsync(provider, onDisk: true);
        await using var _ = db;
        await using var __ = receiver;
        var publisher = db.Get<WebhookPublisher>();
        await using (var context = db.NewContext())
        {
            for (var i = 0; i < 40; i++)
            {
                await publisher.StageAsync(context, WebhookEvents.PurchaseRecorded, () => Task.FromResult<object?>(new { n = i }), Ct);
            }
            await context.SaveChangesAsync(Ct);
        }
        // Two dispatchers, as two app instances would have, each draining the outbox as fast as it can.
        var workers = new[] { db.Get<OutboxDispatcher>(), ActivatorUtilities.CreateInstance<OutboxDispatcher>(db.Services) };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (await w.DispatchDueAsync(Ct) > 0) { }
        }, Ct)));
        output.WriteLine($"{provider}: two workers delivered 40 signed calls in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(40, receiver.Received.Count);
        Assert.Equal(40, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.All(await db.OutboxAsync(), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Theory, AllProviders]
    public async Task Webhook_events_go_only_to_enabled_endpoints_that_chose_them(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var purchases = await db.AddEndpointAsync("https://crm.example.com/a", WebhookEvents.PurchaseRecorded, manager);
        await db.AddEndpointAsync("https://crm.example.com/b", WebhookEvents.VisitRecorded, manager);
        var paused = await db.AddEndpointAsync("https://crm.example.com/c", WebhookEventTypes.Every, manager);
        await db.Get<WebhookService>().SetEnabledAsync(manager, paused.EndpointId!.Value, false, Ct);

        await RecordPurchaseAsync(db);

        var row = Assert.Single(await db.OutboxAsync());
        Assert.Equal((purchases.EndpointId, "purchase.recorded"), (row.EndpointId, row.Topic));
    }
}
