using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Session times follow the expert's local availability across clock changes, and booked sessions are never stranded.</summary>
public sealed class GuidanceSlotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Slots_keep_local_wall_clock_times_across_the_end_of_british_summer_time(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var expert = await db.AddUserAsync(Roles.Staff, "Priya Shah");
        // Sundays 24 Oct (BST), 31 Oct (clocks went back at 02:00) and 7 Nov 2027 (GMT), 10:00–12:00 local in hour-long sessions.
        var editor = ManageTestData.NewGuidance(expert.UserId, new DateTime(2027, 10, 24), new DateTime(2027, 11, 7), 60,
            ManageTestData.Window(DayOfWeek.Sunday, 10, 12));

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.True(result.Succeeded, result.Message);
        var starts = await db.QueryAsync(c => c.GuidanceSlots.OrderBy(s => s.StartsAt).Select(s => s.StartsAt).ToListAsync(Ct));
        DateTime Utc(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, DateTimeKind.Utc);
        Assert.Equal([Utc(10, 24, 9), Utc(10, 24, 10), Utc(10, 31, 10), Utc(10, 31, 11), Utc(11, 7, 10), Utc(11, 7, 11)], starts);
        Assert.All(await db.QueryAsync(c => c.GuidanceSlots.ToListAsync(Ct)), s => Assert.Equal(TimeSpan.FromHours(1), s.EndsAt - s.StartsAt));
    }

    [Theory, AllProviders]
    public async Task Moving_availability_away_from_a_booked_session_is_refused_and_the_slots_stay(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (service, manager, benefitId, bookedSlotId) = await BookedGuidanceAsync(db);
        var editor = (await service.GetEditorAsync(manager, benefitId, Ct))!;
        editor.Availability = [ManageTestData.Window(DayOfWeek.Thursday, 17, 19)];

        var result = await service.SaveAsync(manager, editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("outside the availability", result.FieldErrors[nameof(BenefitEditor.Availability)]);
        Assert.Equal(16, await db.QueryAsync(c => c.GuidanceSlots.CountAsync(Ct)));
        Assert.Equal(DayOfWeek.Tuesday, (await db.QueryAsync(c => c.Benefits.Include(b => b.Availability).SingleAsync(Ct))).Availability.Single().Day);
        Assert.True(await db.QueryAsync(c => c.GuidanceSlots.AnyAsync(s => s.Id == bookedSlotId, Ct)));
    }

    [Theory, AllProviders]
    public async Task Changing_the_session_length_keeps_the_booked_session_and_replaces_the_free_ones(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (service, manager, benefitId, bookedSlotId) = await BookedGuidanceAsync(db);
        var editor = (await service.GetEditorAsync(manager, benefitId, Ct))!;
        editor.SlotMinutes = 60;

        var result = await service.SaveAsync(manager, editor, Ct);

        Assert.True(result.Succeeded, result.Message);
        var slots = await db.QueryAsync(c => c.GuidanceSlots.OrderBy(s => s.StartsAt).ToListAsync(Ct));
        // 24 Nov: the booked 17:00–17:30 stays and 18:00–19:00 joins it; three more Tuesdays of two hour-long sessions.
        Assert.Equal(8, slots.Count);
        Assert.Equal(bookedSlotId, slots[0].Id);
        Assert.Equal(new DateTime(2026, 11, 24, 18, 0, 0, DateTimeKind.Utc), slots[1].StartsAt);
    }

    /// <summary>Tuesdays 17:00–19:00 for four weeks in 30-minute sessions, with the first one booked by a member.</summary>
    private static async Task<(BenefitAdminService Service, LoyaltyPortal.Components.Account.Caller Manager, int BenefitId, int BookedSlotId)> BookedGuidanceAsync(TestDb db)
    {
        var expert = await db.AddUserAsync(Roles.Staff, "Priya Shah");
        var manager = await db.AddManagerAsync();
        var service = db.Get<BenefitAdminService>();
        var saved = await service.SaveAsync(manager, ManageTestData.NewGuidance(expert.UserId, new DateTime(2026, 11, 23), new DateTime(2026, 12, 20), 30,
            ManageTestData.Window(DayOfWeek.Tuesday, 17, 19)), Ct);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(16, await db.QueryAsync(c => c.GuidanceSlots.CountAsync(Ct)));
        Assert.True((await service.PublishAsync(manager, saved.BenefitId!.Value, Ct)).Succeeded);
        var slotId = await db.QueryAsync(c => c.GuidanceSlots.OrderBy(s => s.StartsAt).Select(s => s.Id).FirstAsync(Ct));
        var booking = await db.Get<BookingService>().BookAsync((await db.AddMemberAsync()).Caller!, saved.BenefitId.Value, new(SlotId: slotId), Ct);
        Assert.True(booking.Succeeded, booking.Message);
        return (service, manager, saved.BenefitId.Value, slotId);
    }
}
