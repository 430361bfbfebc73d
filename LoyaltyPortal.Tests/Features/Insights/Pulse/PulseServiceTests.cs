using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Insights.Pulse;

/// <summary>The significance pulse: when it is asked, what an answer may hold, one answer per period, members only.</summary>
public sealed class PulseServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PulseAnswer Answer(int? score = 8, params string[] matters) => new(score, matters, null);

    private static async Task SetJoinedAsync(TestDb db, Caller caller, DateTime joinedAt)
    {
        await using var context = db.NewContext();
        await context.Members.Where(m => m.UserId == caller.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, joinedAt), Ct);
    }

    [Fact]
    public async Task A_new_member_is_first_asked_once_the_new_member_days_have_passed()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, member) = await db.AddMemberAsync();
        await SetJoinedAsync(db, member!, db.Clock.GetUtcNow().UtcDateTime.AddDays(-2));
        var pulse = db.Get<PulseService>();

        var onDayTwo = await pulse.IsDueAsync(member!, Ct);
        db.Clock.Advance(TimeSpan.FromDays(5));
        var onDaySeven = await pulse.IsDueAsync(member!, Ct);

        Assert.False(onDayTwo);
        Assert.True(onDaySeven);
    }

    [Theory, AllProviders]
    public async Task After_an_answer_the_pulse_waits_the_interval_then_asks_again(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, member) = await db.AddMemberAsync("Alex Morgan");
        var (_, other) = await db.AddMemberAsync("Jo Smith");
        var pulse = db.Get<PulseService>();
        Assert.True(await pulse.IsDueAsync(member!, Ct));

        var result = await pulse.AnswerAsync(member!, Answer(9), Ct);
        db.Clock.Advance(TimeSpan.FromDays(29));
        var after29Days = await pulse.IsDueAsync(member!, Ct);
        db.Clock.Advance(TimeSpan.FromDays(1));
        var after30Days = await pulse.IsDueAsync(member!, Ct);

        Assert.Equal(PulseOutcome.Saved, result.Outcome);
        Assert.False(after29Days);
        Assert.True(after30Days);
        Assert.True(await pulse.IsDueAsync(other!, Ct));
    }

    [Fact]
    public async Task Not_now_stores_no_score_and_waits_the_configured_interval()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, member) = await db.AddMemberAsync();
        var pulse = new PulseService(db.Factory, db.Clock, Options.Create(new PulseOptions { IntervalDays = 10 }), TestText.For<PulseText>());

        var result = await pulse.DismissAsync(member!, Ct);
        db.Clock.Advance(TimeSpan.FromDays(9));
        var after9Days = await pulse.IsDueAsync(member!, Ct);
        db.Clock.Advance(TimeSpan.FromDays(1));

        Assert.True(result.Succeeded, result.Message);
        Assert.False(after9Days);
        Assert.True(await pulse.IsDueAsync(member!, Ct));
        var saved = await db.QueryAsync(c => c.PulseResponses.SingleAsync(Ct));
        Assert.Null(saved.Score);
        Assert.Empty(saved.Matters);
    }

    [Theory, AllProviders]
    public async Task An_answer_keeps_known_choices_in_list_order_trims_the_words_and_records_the_tier_held(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();

        var result = await db.Get<PulseService>().AnswerAsync(caller!, new PulseAnswer(0, ["community", "events", "community"], "  Mostly the run club.  "), Ct);

        Assert.True(result.Succeeded, result.Message);
        var saved = await db.QueryAsync(c => c.PulseResponses.SingleAsync(Ct));
        var entryTier = await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct));
        Assert.Equal((member.Id, 0, "Mostly the run club.", entryTier), (saved.MemberId, saved.Score!.Value, saved.MattersText, saved.TierId!.Value));
        Assert.Equal(["events", "community"], saved.Matters);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, saved.RespondedAt);
    }

    [Theory]
    [InlineData(null, "events", 0, "Score")]
    [InlineData(-1, "events", 0, "Score")]
    [InlineData(11, "events", 0, "Score")]
    [InlineData(5, "free-coffee", 0, "Matters")]
    [InlineData(5, "events", 501, "MattersText")]
    public async Task Bad_input_gets_a_field_message_and_saves_nothing(int? score, string choice, int textLength, string field)
    {
        await using var db = await TestDb.CreateAsync();
        var (_, member) = await db.AddMemberAsync();

        var result = await db.Get<PulseService>().AnswerAsync(member!, new PulseAnswer(score, [choice], new string('a', textLength)), Ct);

        Assert.Equal(PulseOutcome.Invalid, result.Outcome);
        Assert.True(result.FieldErrors.ContainsKey(field), result.Message);
        Assert.Equal(0, await db.QueryAsync(c => c.PulseResponses.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Two_tabs_answering_at_once_store_one_response_and_the_others_hear_it_is_done(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var (_, member) = await db.AddMemberAsync();
        var pulse = db.Get<PulseService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            () => i % 2 == 0 ? pulse.AnswerAsync(member!, Answer(i), Ct) : pulse.DismissAsync(member!, Ct), Ct)));

        Assert.Single(results, r => r.Outcome == PulseOutcome.Saved);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(PulseOutcome.AlreadyAnswered, r.Outcome));
        Assert.Equal(1, await db.QueryAsync(c => c.PulseResponses.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Manager)]
    public async Task Staff_and_managers_are_not_asked_and_cannot_answer(string role)
    {
        await using var db = await TestDb.CreateAsync();
        var caller = await db.AddUserAsync(role);
        var pulse = db.Get<PulseService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pulse.IsDueAsync(caller, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pulse.AnswerAsync(caller, Answer(), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pulse.DismissAsync(caller, Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.PulseResponses.CountAsync(Ct)));
    }

    [Fact]
    public void Every_choice_has_a_distinct_code_and_a_label()
    {
        Assert.Equal(PulseChoices.All.Count, PulseChoices.All.Select(c => c.Code).Distinct().Count());
        Assert.All(PulseChoices.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
    }
}
