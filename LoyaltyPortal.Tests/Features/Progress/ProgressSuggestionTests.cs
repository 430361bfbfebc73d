using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Ways to get there: concrete, bookable benefits with the points they earn, then the profile and a visit.</summary>
public sealed class ProgressSuggestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_bookable_event_is_suggested_with_its_points_and_seats_left(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var run = await db.AddEventAsync(capacity: 4);

        var suggestions = await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct);

        var first = suggestions[0];
        Assert.Equal(("Saturday run club", 40, $"/me/benefits/{run.Id}"), (first.Title, first.Points, first.Link));
        Assert.StartsWith("4 seats left · ", first.Detail);
        Assert.Equal(["Complete your profile", "Drop in to a store"], suggestions.Skip(1).Select(s => s.Title));
    }

    [Theory, AllProviders]
    public async Task Booked_and_full_events_are_not_suggested(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        var (_, other) = await db.AddMemberAsync("Other");
        var booked = await db.AddEventAsync(configure: b => b.Title = "Booked already");
        var full = await db.AddEventAsync(capacity: 1, configure: b => b.Title = "Full up");
        var bookings = db.Get<BookingService>();
        Assert.True((await bookings.BookAsync(caller!, booked.Id, new BookingRequest(), Ct)).Succeeded);
        Assert.True((await bookings.BookAsync(other!, full.Id, new BookingRequest(), Ct)).Succeeded);

        var titles = (await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct)).Select(s => s.Title);

        Assert.DoesNotContain("Booked already", titles);
        Assert.DoesNotContain("Full up", titles);
    }

    [Theory, AllProviders]
    public async Task The_profile_suggestion_goes_once_the_profile_earned_its_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.AddActivityAsync(member.Id, ActivityType.ProfileCompleted, db.Clock.GetUtcNow().UtcDateTime.AddDays(-1));

        var titles = (await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct)).Select(s => s.Title);

        Assert.Equal(["Drop in to a store"], titles);
    }

    [Theory, AllProviders]
    public async Task Staff_get_no_suggestions(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEventAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        Assert.Empty(await db.Get<ProgressSuggestionService>().GetAsync(staff, Ct));
    }
}
