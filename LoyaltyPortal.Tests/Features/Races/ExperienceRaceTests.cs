using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Races;

/// <summary>
/// Experiences settled at the same moment as other writes for the same member (a visit at the till, a second
/// tablet, a second tab): each outcome is recorded once, nothing is lost, and the standing matches the ledger.
/// </summary>
public sealed class ExperienceRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Race_check_ins_for_one_member_at_several_events_and_a_visit_all_count(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 1);
        var (member, caller) = await db.AddMemberAsync("Rae Race");
        var bookings = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
            bookings.Add((await db.Get<BookingService>().BookAsync(caller!, benefit.Id, new(), Ct)).BookingId!.Value);
        }
        var operations = db.Get<BenefitOperationsService>();
        var recognition = db.Get<RecognitionService>();

        // Each booking checked in from two tablets, and the member's visit recorded at the same moment.
        var results = await RaceKit.AtOnceAsync(13, i => i == 12
            ? recognition.RecordVisitAsync(staff[0], member.Id, Ct)
            : operations.CheckInAsync(staff[0], bookings[i / 2], Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(6, await RaceKit.CountAsync(db, member.Id, ActivityType.EventAttended));
        Assert.Equal(1, await RaceKit.CountAsync(db, member.Id, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Race_trial_hand_out_and_return_from_several_tablets_count_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 4);
        var trial = await db.AddTrialAsync(units: 1);
        var (_, bookingId) = await db.BookAsync(trial.Id, "Rae Race");
        var memberId = await db.QueryAsync(c => c.Bookings.Where(b => b.Id == bookingId).Select(b => b.MemberId).SingleAsync(Ct));
        var operations = db.Get<BenefitOperationsService>();
        var recognition = db.Get<RecognitionService>();

        var handedOut = await RaceKit.AtOnceAsync(8, i => i < 4
            ? operations.HandOutAsync(staff[i], bookingId, Ct)
            : recognition.RecordVisitAsync(staff[i - 4], memberId, Ct));
        db.Clock.Advance(TimeSpan.FromDays(2));
        var returned = await RaceKit.AtOnceAsync(8, i => i < 4
            ? operations.ReturnAsync(staff[i], bookingId, Ct)
            : recognition.RecordVisitAsync(staff[i - 4], memberId, Ct));

        Assert.Single(handedOut.Take(4), r => r.Succeeded && r.Message.StartsWith("Handed out", StringComparison.Ordinal));
        Assert.Single(returned.Take(4), r => r.Succeeded && r.Message.StartsWith("Returned", StringComparison.Ordinal));
        Assert.All(handedOut.Skip(4).Concat(returned.Skip(4)), r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await RaceKit.CountAsync(db, memberId, ActivityType.TrialHandedOut));
        Assert.Equal(1, await RaceKit.CountAsync(db, memberId, ActivityType.TrialReturned));
        Assert.Equal(8, await RaceKit.CountAsync(db, memberId, ActivityType.Visit));
        Assert.Equal(0, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == trial.Id).Select(b => b.Taken).SingleAsync(Ct)));
        await RaceKit.StandingsMatchLedgerAsync(db, memberId);
    }

    [Theory, AllProviders]
    public async Task Race_feedback_sent_from_several_tabs_is_saved_and_counted_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 1);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(10));
        var (caller, bookingId) = await db.BookAsync(benefit.Id, "Rae Race");
        Assert.True((await db.Get<BenefitOperationsService>().CheckInAsync(staff[0], bookingId, Ct)).Succeeded);
        var memberId = await db.QueryAsync(c => c.Bookings.Where(b => b.Id == bookingId).Select(b => b.MemberId).SingleAsync(Ct));
        var feedback = db.Get<ExperienceFeedbackService>();

        var results = await RaceKit.AtOnceAsync(10, i => feedback.SubmitAsync(caller, bookingId, 1 + i % 5, $"Take {i}", Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await db.QueryAsync(c => c.ExperienceFeedback.CountAsync(f => f.BookingId == bookingId, Ct)));
        Assert.Equal(1, await RaceKit.CountAsync(db, memberId, ActivityType.FeedbackGiven));
        await RaceKit.StandingsMatchLedgerAsync(db, memberId);
    }

    [Theory, AllProviders]
    public async Task Concurrent_cancels_and_bookings_keep_the_seat_count_exact(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var benefit = await db.AddEventAsync(capacity: 3);
        var bookings = db.Get<BookingService>();
        var holders = new List<(Caller Caller, long BookingId)>();
        for (var i = 0; i < 3; i++) holders.Add(await db.BookAsync(benefit.Id, $"Holder {i}"));
        var newcomers = new List<Caller>();
        for (var i = 0; i < 6; i++) newcomers.Add((await db.AddMemberAsync($"Newcomer {i}")).Caller!);

        // Each holder cancels twice (two tabs) while six newcomers book.
        var results = await RaceKit.AtOnceAsync(12, i => i < 6
            ? bookings.CancelAsync(holders[i / 2].Caller, holders[i / 2].BookingId, Ct)
            : bookings.BookAsync(newcomers[i - 6], benefit.Id, new(), Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var rows = await db.QueryAsync(c => c.Bookings.AsNoTracking().Where(b => b.BenefitId == benefit.Id).ToListAsync(Ct));
        Assert.Equal(3, rows.Count(b => b.Status == BookingStatus.Cancelled));
        Assert.Equal(3, rows.Count(b => b.Status == BookingStatus.Confirmed));
        Assert.Equal(3, await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).Select(b => b.Taken).SingleAsync(Ct)));
    }
}
