using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Benefits;

public static class BookingEndpoints
{
    /// <summary>Plain HTTP downloads that a Blazor page can't serve: the .ics file for a booking.</summary>
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/me/bookings/{bookingId:long}/calendar.ics", async (long bookingId, HttpContext http, BookingService bookings, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User);
            if (caller is null) return Results.Unauthorized();
            // Someone else's booking and a trial look the same: not found. A cancelled booking's file removes the entry.
            var file = await bookings.GetCalendarFileAsync(caller, bookingId, ct);
            return file is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(file.Content), "text/calendar; charset=utf-8", file.FileName);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Member));
        return app;
    }
}
