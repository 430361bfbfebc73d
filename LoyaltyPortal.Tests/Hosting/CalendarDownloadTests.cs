using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>The .ics download for a booking: the member's own bookings only.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class CalendarDownloadTests(PortalApp app)
{
    [Fact]
    public async Task The_demo_member_downloads_their_run_club_booking_as_a_calendar_file()
    {
        var bookingId = await RunClubBookingIdAsync();

        using var response = await (await app.ClientAsync(Roles.Member)).GetAsync($"/me/bookings/{bookingId}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("saturday-run-club.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", body, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Saturday run club\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_member_gets_not_found_for_the_same_booking()
    {
        var bookingId = await RunClubBookingIdAsync();
        var email = await app.CreateLoginAsync(Roles.Member);
        using var other = await PortalClient.SignedInAsync(app.Factory, email, LoyaltyPortal.Data.Seeding.DemoAccounts.Password);

        using var response = await other.GetAsync($"/me/bookings/{bookingId}/calendar.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Manager)]
    public async Task Staff_and_managers_cannot_download_a_members_booking(string role)
    {
        var bookingId = await RunClubBookingIdAsync();

        using var response = await (await app.ClientAsync(role)).GetAsync($"/me/bookings/{bookingId}/calendar.ics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_caller_is_sent_to_login()
    {
        var bookingId = await RunClubBookingIdAsync();

        using var response = await app.NewClient().GetAsync($"/me/bookings/{bookingId}/calendar.ics");

        Assert.True(PortalClient.IsLoginPage(response.Headers.Location), $"{response.StatusCode} {response.Headers.Location}");
    }

    private async Task<long> RunClubBookingIdAsync()
    {
        var memberId = await app.DemoMemberIdAsync();
        var benefitId = await app.DemoBenefitIdAsync();
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.MemberId == memberId && b.BenefitId == benefitId && b.Status == BookingStatus.Confirmed)
            .Select(b => b.Id).SingleAsync();
    }
}
