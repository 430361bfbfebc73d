using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Ways to earn points now, under the starter rules (an event is +40, a visit +10, a complete profile +50).</summary>
public sealed class SuggestionServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task An_open_event_is_suggested_with_its_points_and_seats_left(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 4);
        var (_, caller) = await db.AddMemberAsync();

        var suggestion = (await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct)).Single(s => s.Title == "Saturday run club");

        Assert.Equal((40, $"/me/benefits/{benefit.Id}"), (suggestion.Points, suggestion.Link));
        Assert.StartsWith("4 seats left · ", suggestion.Detail);
    }

    [Theory, AllProviders]
    public async Task An_event_with_one_seat_left_says_so_in_the_singular(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEventAsync(capacity: 1);
        var (_, caller) = await db.AddMemberAsync();

        var suggestion = (await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct)).Single(s => s.Title == "Saturday run club");

        Assert.StartsWith("1 seat left · ", suggestion.Detail);
    }

    [Theory, AllProviders]
    public async Task An_event_the_member_booked_is_not_suggested(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var (_, caller) = await db.AddMemberAsync();
        Assert.True((await db.Get<BookingService>().BookAsync(caller!, benefit.Id, new(), Ct)).Succeeded);

        Assert.DoesNotContain(await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct), s => s.Title == benefit.Title);
    }

    [Theory, AllProviders]
    public async Task A_full_event_is_not_suggested(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1);
        Assert.True((await db.Get<BookingService>().BookAsync((await db.AddMemberAsync("First")).Caller!, benefit.Id, new(), Ct)).Succeeded);
        var (_, caller) = await db.AddMemberAsync();

        Assert.DoesNotContain(await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct), s => s.Title == benefit.Title);
    }

    [Theory, AllProviders]
    public async Task At_most_three_benefits_are_suggested(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        for (var i = 0; i < 5; i++) await db.AddEventAsync(configure: b => b.Title = $"Event {i}");
        var (_, caller) = await db.AddMemberAsync();

        var suggestions = await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct);

        Assert.Equal(ProgressSuggestionService.MaxBenefits, suggestions.Count(s => s.Title.StartsWith("Event ", StringComparison.Ordinal)));
    }

    [Theory, AllProviders]
    public async Task Completing_the_profile_is_suggested_until_it_is_done(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        var service = db.Get<ProgressSuggestionService>();
        Assert.Equal(50, (await service.GetAsync(caller!, Ct)).Single(s => s.Title == "Complete your profile").Points);

        await db.EarnAsync(member.Id, ActivityType.ProfileCompleted, db.Clock.GetUtcNow().UtcDateTime);

        Assert.DoesNotContain(await service.GetAsync(caller!, Ct), s => s.Title == "Complete your profile");
    }

    [Theory, AllProviders]
    public async Task Dropping_in_to_a_store_is_suggested_at_the_visit_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();

        Assert.Equal(10, (await db.Get<ProgressSuggestionService>().GetAsync(caller!, Ct)).Single(s => s.Title == "Drop in to a store").Points);
    }

    [Theory, AllProviders]
    public async Task Staff_get_no_suggestions(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEventAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        Assert.Empty(await db.Get<ProgressSuggestionService>().GetAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task A_member_who_deleted_their_account_gets_no_suggestions(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddEventAsync();
        var (_, caller) = await db.AddMemberAsync();
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        Assert.Empty(await db.Get<ProgressSuggestionService>().GetAsync(caller, Ct));
    }
}
