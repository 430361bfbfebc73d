using Bunit;
using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>The calendar button on a booking: offered while the booking is ahead, never for one that is over or cancelled.</summary>
public sealed class BookingCardTests : PortalTestContext
{
    // The test clock reads 20 Nov 2026, 10:00 UTC.
    private static readonly DateTime Now = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static MyBooking Event(BookingStatus status, DateTime starts) =>
        new(1, 1, BenefitKind.Event, "Saturday run club", status, starts, starts.AddHours(2), "Riverside", 1, null, null, false, null, false);

    private IRenderedComponent<BookingCard> RenderCard(MyBooking booking) => Render<BookingCard>(p => p.Add(c => c.Booking, booking));

    private static bool Offers(IRenderedComponent<BookingCard> cut, string text) =>
        cut.FindAll("a").Any(a => a.TextContent.Trim() == text);

    [Theory]
    [InlineData(BookingStatus.Confirmed)]
    [InlineData(BookingStatus.Waitlisted)]
    public void An_upcoming_booking_offers_add_to_calendar(BookingStatus status)
    {
        var cut = RenderCard(Event(status, Now.AddDays(3)));

        Assert.True(Offers(cut, "Add to calendar"));
        Assert.Equal("/me/bookings/1/calendar.ics", cut.Find("a.add-to-calendar").GetAttribute("href"));
    }

    [Theory]
    [InlineData(BookingStatus.Confirmed)]
    [InlineData(BookingStatus.Attended)]
    [InlineData(BookingStatus.NoShow)]
    public void A_past_booking_offers_no_calendar_file(BookingStatus status)
    {
        var cut = RenderCard(Event(status, Now.AddDays(-2)));

        Assert.False(Offers(cut, "Add to calendar"));
        Assert.False(Offers(cut, "Remove from calendar"));
    }

    [Fact]
    public void A_cancelled_upcoming_booking_offers_removal_instead_of_adding()
    {
        var cut = RenderCard(Event(BookingStatus.Cancelled, Now.AddDays(3)));

        Assert.False(Offers(cut, "Add to calendar"));
        Assert.True(Offers(cut, "Remove from calendar"));
    }

    [Fact]
    public void A_cancelled_past_booking_offers_nothing()
    {
        var cut = RenderCard(Event(BookingStatus.Cancelled, Now.AddDays(-3)));

        Assert.False(Offers(cut, "Add to calendar"));
        Assert.False(Offers(cut, "Remove from calendar"));
    }
}
