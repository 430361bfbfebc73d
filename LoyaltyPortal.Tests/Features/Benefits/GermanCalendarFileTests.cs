using System.Globalization;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>A booking's calendar file reads in the language of the member who downloads it.</summary>
public sealed class GermanCalendarFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_waitlisted_booking_downloaded_in_German_has_a_German_summary_and_description()
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(capacity: 1);
        var bookings = db.Get<BookingService>();
        await bookings.BookAsync((await db.AddMemberAsync("First")).Caller!, benefit.Id, new(), Ct);
        var (_, caller) = await db.AddMemberAsync("Greta");
        var waitlisted = await bookings.BookAsync(caller!, benefit.Id, new(), Ct);
        Assert.Equal(BookingStatus.Waitlisted, waitlisted.Status);

        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        CalendarFile? file;
        try
        {
            file = await bookings.GetCalendarFileAsync(caller!, waitlisted.BookingId!.Value, Ct);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }

        Assert.NotNull(file);
        Assert.Contains("SUMMARY:Saturday run club (Warteliste)\r\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:Über LoyaltyPortal gebucht.\r\n", file.Content, StringComparison.Ordinal);
        Assert.Equal("saturday-run-club.ics", file.FileName);
    }
}
