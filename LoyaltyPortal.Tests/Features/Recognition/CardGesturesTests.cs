using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>The card's one suggested gesture and its cues, chosen from data with a fixed "now" (Friday 20 November 2026, 10:00).</summary>
public sealed class CardGesturesTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 10, 0, 0);
    private static readonly TierProgress Member = new(new(1, "Member", "#999"), new(2, "Silver", "#ccc"), 300, 100, 200, 33, null, null, 0, false, null, null);

    private static GestureFacts Facts(
        DateOnly? birthday = null, DateTime? joined = null, DateTime? lastVisit = null, bool interests = true, TierProgress? tier = null,
        IReadOnlyList<CardBooking>? today = null, IReadOnlyList<CardTrial>? trials = null, EventInvite? invite = null) =>
        new("Anna Müller", Now, birthday, joined ?? Now.AddYears(-2).AddDays(40), lastVisit ?? Now.AddDays(-7), interests, tier ?? Member,
            today ?? [], trials ?? [], t => t, invite);

    private static readonly IStringLocalizer<RecognitionText> Text = TestText.For<RecognitionText>();

    private static string[] Cues(GestureFacts facts) => [.. CardGestures.Cues(facts, Text).Select(c => c.Text)];

    private static string? Gesture(GestureFacts facts) => CardGestures.Choose(facts, Text)?.Text;

    private static CardTrial Trial(BookingStatus status, DateTime? due) => new(7, "30-day wear trial", "Trail shoe", status, due, due < Now && status == BookingStatus.HandedOut);

    [Fact]
    public void An_overdue_trial_comes_before_everything_else()
    {
        var facts = Facts(birthday: new DateOnly(1990, 11, 20), today: [new(1, "Yoga", BenefitKind.Event, Now.AddHours(2), null, 1, BookingStatus.Confirmed)],
            trials: [Trial(BookingStatus.HandedOut, Now.AddDays(-2))]);

        Assert.Equal("Trial was due back Wednesday: ask how the Trail shoe is going and whether Anna will keep it".Replace("Wednesday", "last Wednesday"), Gesture(facts));
    }

    [Fact]
    public void A_booking_to_check_in_today_comes_next_then_a_birthday_today()
    {
        Assert.Equal("Check Anna in to Yoga (12:00)", Gesture(Facts(birthday: new DateOnly(1990, 11, 20), today: [new(1, "Yoga", BenefitKind.Event, Now.AddHours(2), null, 1, BookingStatus.Confirmed)])));
        Assert.Equal("It's Anna's birthday today: wish them a happy birthday", Gesture(Facts(birthday: new DateOnly(1990, 11, 20))));
    }

    [Fact]
    public void A_trial_due_within_three_days_asks_how_it_feels()
    {
        Assert.Equal("Trial due back Monday: ask how the Trail shoe feels", Gesture(Facts(trials: [Trial(BookingStatus.HandedOut, Now.AddDays(3))])));
        Assert.Equal("Anna's Trail shoe trial is waiting: hand it out today", Gesture(Facts(trials: [Trial(BookingStatus.HandedOut, Now.AddDays(4)), Trial(BookingStatus.Confirmed, null)])));
    }

    [Fact]
    public void An_invite_names_the_event_the_interest_and_the_seats_left()
    {
        var invite = new EventInvite("Saturday run club", new DateTime(2026, 11, 21, 9, 0, 0), "running", 4);

        Assert.Equal("Invite to Saturday run club (tomorrow 09:00): matches ‘running’, 4 seats left", Gesture(Facts(invite: invite)));
        Assert.Equal("Invite to Saturday run club (tomorrow 09:00): matches ‘running’, 1 seat left", Gesture(Facts(invite: invite with { SeatsLeft = 1 })));
    }

    [Fact]
    public void Cues_cover_birthdays_and_anniversaries_a_few_days_either_side_and_new_members()
    {
        Assert.Equal(["Birthday Sunday"], Cues(Facts(birthday: new DateOnly(1990, 11, 22))));
        Assert.Equal(["Birthday was yesterday"], Cues(Facts(birthday: new DateOnly(1990, 11, 19))));
        Assert.Empty(Cues(Facts(birthday: new DateOnly(1990, 11, 24))));
        Assert.Equal(["3 years with us today"], Cues(Facts(joined: new DateTime(2023, 11, 20, 8, 0, 0))));
        Assert.Equal(["1 year with us tomorrow"], Cues(Facts(joined: new DateTime(2025, 11, 21, 8, 0, 0))));
        Assert.Equal(["Joined 5 days ago"], Cues(Facts(joined: Now.AddDays(-5))));
        Assert.Equal(["Joined today"], Cues(Facts(joined: Now.AddHours(-1))));
        // A 29 February birthday is marked on the 28th in other years.
        Assert.Equal(["Birthday today"], Cues(Facts(birthday: new DateOnly(2000, 2, 29)) with { NowLocal = new DateTime(2027, 2, 28, 10, 0, 0) }));
    }

    [Fact]
    public void Near_tiers_lapses_long_absences_and_missing_interests_each_have_a_gesture()
    {
        Assert.Equal("2 visits to Silver: let Anna know how close they are", Gesture(Facts(tier: Member with { VisitsToGo = 2 })));
        Assert.Equal("Member lapses Thursday unless Anna earns 40 more points: invite them to something",
            Gesture(Facts(tier: Member with { LapseWarning = true, DropsAt = Now.AddDays(6), PointsToKeep = 40 })));
        Assert.Equal("First visit in 75 days: welcome Anna back", Gesture(Facts(lastVisit: Now.AddDays(-75))));
        Assert.Equal("Ask what matters to Anna: no interests recorded yet", Gesture(Facts(interests: false)));
        Assert.Null(Gesture(Facts()));
    }

    [Fact]
    public void Days_read_naturally()
    {
        var today = DateOnly.FromDateTime(Now);
        Assert.Equal(["today", "tomorrow", "yesterday", "Thursday", "last Monday", "27 Nov", "10 Nov"],
            new[] { 0, 1, -1, 6, -4, 7, -10 }.Select(d => CardGestures.Day(today.AddDays(d), today, Text)));
    }
}
