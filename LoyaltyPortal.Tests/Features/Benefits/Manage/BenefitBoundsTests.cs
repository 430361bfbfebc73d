using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Every number in the benefit editor has an upper bound, and member pages survive the largest allowed values.</summary>
public sealed class BenefitBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Hostile_numbers_and_dates_are_refused_with_field_messages_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var editor = db.NewEvent();
        editor.CancellationCutoffHours = 99_999_999;
        editor.EarlyAccessHours = int.MaxValue;
        editor.Capacity = 1_000_000;
        editor.StartsAt = DateTime.MaxValue.AddDays(-1);
        editor.EndsAt = DateTime.MaxValue;
        editor.BookingOpensAt = DateTime.MinValue;

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("The cancellation cut-off must be between 0 and 720 hours (30 days).", result.FieldErrors[nameof(BenefitEditor.CancellationCutoffHours)]);
        Assert.Equal("Early access must be between 0 and 720 hours (30 days).", result.FieldErrors[nameof(BenefitEditor.EarlyAccessHours)]);
        Assert.Equal("Capacity can be at most 10,000.", result.FieldErrors[nameof(BenefitEditor.Capacity)]);
        Assert.All([nameof(BenefitEditor.StartsAt), nameof(BenefitEditor.EndsAt), nameof(BenefitEditor.BookingOpensAt)],
            field => Assert.Equal("Choose a date within 5 years of today.", result.FieldErrors[field]));
        Assert.False(await db.QueryAsync(c => c.Benefits.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Member_pages_work_for_an_event_saved_with_the_largest_allowed_values(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var entryTier = await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct));
        var editor = db.NewEvent(capacity: 10_000);
        editor.CancellationCutoffHours = 720;
        editor.EarlyAccessHours = 720;
        editor.EarlyAccessTierId = entryTier;
        editor.BookingOpensAt = editor.StartsAt!.Value.AddDays(-1);
        var saved = await db.Get<BenefitAdminService>().SaveAsync(manager, editor, Ct);
        Assert.True(saved.Succeeded, string.Join(" ", saved.FieldErrors.Values));
        Assert.True((await db.Get<BenefitAdminService>().PublishAsync(manager, saved.BenefitId!.Value, Ct)).Succeeded);
        var (_, member) = await db.AddMemberAsync();

        await AssertMemberPagesReadAsync(db, member!, saved.BenefitId.Value);
        Assert.Contains(await db.Get<ForYouService>().GetForYouAsync(member!, Ct), card => card.Id == saved.BenefitId);
    }

    [Theory, AllProviders]
    public async Task Member_pages_survive_huge_hours_saved_before_the_bounds_existed(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var entryTier = await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct));
        var benefit = await db.AddEventAsync(cutoffHours: 99_999_999, configure: b =>
        {
            b.EarlyAccessHours = 99_999_999;
            b.EarlyAccessTierId = entryTier;
            b.BookingOpensAt = b.StartsAt!.Value.AddDays(-1);
        });
        var (member, caller) = await db.AddMemberAsync();
        await using (var context = db.NewContext())
        {
            context.Bookings.Add(new Booking { BenefitId = benefit.Id, MemberId = member.Id, Status = BookingStatus.Confirmed, Seats = 1, CreatedAt = benefit.CreatedAt });
            await context.SaveChangesAsync(Ct);
        }

        await AssertMemberPagesReadAsync(db, caller!, benefit.Id);
        var mine = Assert.Single(await db.Get<BookingService>().GetMyBookingsAsync(caller!, Ct));
        Assert.False(mine.CanCancel);
    }

    /// <summary>What /me, /me/bookings and the benefit page read for the member.</summary>
    private static async Task AssertMemberPagesReadAsync(TestDb db, LoyaltyPortal.Components.Account.Caller member, int benefitId)
    {
        await db.Get<ForYouService>().GetForYouAsync(member, Ct);
        Assert.NotNull(await db.Get<ForYouService>().GetDetailAsync(member, benefitId, Ct));
        await db.Get<BookingService>().GetMyBookingsAsync(member, Ct);
    }
}
