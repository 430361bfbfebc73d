using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits.Operations;

/// <summary>Trials and bookings for the staff-operations tests.</summary>
public static class OperationsTestData
{
    public static async Task<Benefit> AddTrialAsync(this TestDb db, int units = 2, int trialDays = 30, bool waitlist = true)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var benefit = new Benefit
        {
            Kind = BenefitKind.Trial, Status = BenefitStatus.Published, Title = "30-day wear trial", Description = "Run in them.",
            ProductName = "Trail shoe", Capacity = units, TrialDays = trialDays, WaitlistEnabled = waitlist, CreatedAt = now, UpdatedAt = now,
        };
        await using var context = db.NewContext();
        context.Benefits.Add(benefit);
        await context.SaveChangesAsync();
        return benefit;
    }

    public static async Task<Caller> AddStaffAsync(this TestDb db, int? storeId = null) =>
        await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId);

    /// <summary>A member with a login who has booked the benefit; returns the booking id.</summary>
    public static async Task<(Caller Member, long BookingId)> BookAsync(this TestDb db, int benefitId, string name = "Alex Morgan", BookingRequest? request = null)
    {
        var (_, caller) = await db.AddMemberAsync(name, email: $"{Guid.NewGuid():N}@example.com");
        var result = await db.Get<BookingService>().BookAsync(caller!, benefitId, request ?? new(), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        return (caller!, result.BookingId!.Value);
    }
}
