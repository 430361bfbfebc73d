using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>No overbooking under contention: seats are claimed by a conditional update, never read-then-write.</summary>
public sealed class BookingRaceTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Two_hundred_concurrent_rsvps_for_fifty_seats_confirm_fifty_and_waitlist_the_rest(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var benefit = await db.AddEventAsync(capacity: 50);
        var callers = new List<Caller>();
        for (var i = 0; i < 200; i++) callers.Add((await db.AddMemberAsync($"Racer {i}")).Caller!);
        var bookings = db.Get<BookingService>();

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(callers.Select(c => Task.Run(() => bookings.BookAsync(c, benefit.Id, new BookingRequest(), Ct), Ct)));
        output.WriteLine($"{provider}: 200 bookings settled in {clock.ElapsedMilliseconds} ms");

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(50, results.Count(r => r.Status == BookingStatus.Confirmed));
        Assert.Equal(150, results.Count(r => r.Status == BookingStatus.Waitlisted));
        var rows = await db.QueryAsync(c => c.Bookings.Where(b => b.BenefitId == benefit.Id).ToListAsync(Ct));
        Assert.Equal(200, rows.Count);
        Assert.Equal(200, rows.Select(b => b.MemberId).Distinct().Count());
        Assert.Equal(50, rows.Count(b => b.Status == BookingStatus.Confirmed));
        Assert.Equal(50, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).Select(b => b.Taken).SingleAsync(Ct)));
        Assert.All(results.Where(r => r.Status == BookingStatus.Waitlisted), r => Assert.InRange(r.WaitlistPosition ?? 0, 1, 150));
        // Once everyone has booked, the queue is exactly 1..150, in arrival order.
        var positions = new List<int>();
        foreach (var caller in callers)
        {
            var mine = Assert.Single(await bookings.GetMyBookingsAsync(caller, Ct));
            if (mine.Status == BookingStatus.Waitlisted) positions.Add(mine.WaitlistPosition!.Value);
        }
        Assert.Equal(Enumerable.Range(1, 150), positions.Order());
    }

    [Theory, AllProviders]
    public async Task A_double_click_books_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var benefit = await db.AddEventAsync(capacity: 5);
        var (_, caller) = await db.AddMemberAsync();
        var bookings = db.Get<BookingService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => bookings.BookAsync(caller!, benefit.Id, new BookingRequest(), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results.Select(r => r.BookingId).Distinct());
        Assert.Equal(1, await db.QueryAsync(c => c.Bookings.CountAsync(b => b.BenefitId == benefit.Id, Ct)));
        Assert.Equal(1, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).Select(b => b.Taken).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Two_members_racing_for_one_guidance_slot_get_it_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var (benefit, slots) = await db.AddGuidanceAsync(slots: 1);
        var first = (await db.AddMemberAsync("First")).Caller!;
        var second = (await db.AddMemberAsync("Second")).Caller!;
        var bookings = db.Get<BookingService>();

        var results = await Task.WhenAll(new[] { first, second }.Select(c => Task.Run(() => bookings.BookAsync(c, benefit.Id, new BookingRequest(SlotId: slots[0].Id), Ct), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains(results, r => !r.Succeeded && r.Message.Contains("just taken", StringComparison.Ordinal));
    }
}
