using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>Booking and cancelling are circuit events, so the app limits them per member itself.</summary>
public sealed class BookingLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_member_booking_and_cancelling_in_a_loop_is_refused_after_the_burst_and_others_are_not(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 10);
        var (member, caller) = await db.AddMemberAsync("Sam Spam");
        var (_, other) = await db.AddMemberAsync("Pat Patient");
        var bookings = db.Get<BookingService>();
        var burst = db.Get<IOptions<BookingOptions>>().Value.ChangeBurst;

        var results = new List<BookingResult>();
        long? booked = null;
        for (var i = 0; i < burst + 4; i++)
        {
            var result = booked is { } id ? await bookings.CancelAsync(caller!, id, Ct) : await bookings.BookAsync(caller!, benefit.Id, new BookingRequest(), Ct);
            results.Add(result);
            if (result.Succeeded) booked = booked is null ? result.BookingId : null;
        }

        Assert.Equal(burst, results.Count(r => r.Succeeded));
        Assert.All(results.Skip(burst), r => Assert.Equal((false, "That's a lot of bookings and cancellations at once. Wait a minute, then try again."), (r.Succeeded, r.Message)));
        Assert.True((await bookings.BookAsync(other!, benefit.Id, new BookingRequest(), Ct)).Succeeded);
        // The refused calls changed nothing: the rows are the ones the allowed calls wrote.
        var rows = await db.QueryAsync(c => c.Bookings.CountAsync(b => b.MemberId == member.Id, Ct));
        Assert.InRange(rows, 1, (burst + 1) / 2);
    }
}
