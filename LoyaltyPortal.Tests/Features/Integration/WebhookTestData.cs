using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Integration;

public static class WebhookTestData
{
    /// <summary>Registers an endpoint through the manager's service and returns it with the secret shown once.</summary>
    public static async Task<WebhookCreated> AddEndpointAsync(this TestDb db, string url, WebhookEvents events = WebhookEvents.PurchaseRecorded,
        Caller? manager = null)
    {
        manager ??= await db.AddUserAsync(Roles.Manager, "Morgan Manager");
        var created = await db.Get<WebhookService>().CreateAsync(manager, new WebhookInput { Name = "CRM", Url = url, Events = events });
        Assert.True(created.Succeeded, created.Message);
        return created;
    }

    public static Task<List<OutboxMessage>> OutboxAsync(this TestDb db) =>
        db.QueryAsync(c => c.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Moves the fake clock to the real time, so the StandardWebhooks library (which checks timestamps against the real clock) accepts calls.</summary>
    public static void ClockToRealTime(this TestDb db)
    {
        if (DateTimeOffset.UtcNow > db.Clock.GetUtcNow()) db.Clock.SetUtcNow(DateTimeOffset.UtcNow);
    }
}
