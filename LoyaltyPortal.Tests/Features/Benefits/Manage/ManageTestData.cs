using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Editors and callers for the manager's benefit tests.</summary>
public static class ManageTestData
{
    public static Task<Caller> AddManagerAsync(this TestDb db) => db.AddUserAsync(Roles.Manager, "Morgan Manager");

    /// <summary>A valid new event a week from the test clock's "now", in programme-local time.</summary>
    public static BenefitEditor NewEvent(this TestDb db, int capacity = 10)
    {
        var local = db.Get<ProgrammeCalendar>().ToLocal(db.Clock.GetUtcNow().UtcDateTime).Date.AddDays(7).AddHours(18);
        return new BenefitEditor
        {
            Kind = BenefitKind.Event, Title = "Trail shoe evening", Description = "Fitting on the treadmill.",
            StartsAt = local, EndsAt = local.AddHours(2), LocationAddress = "Riverside", Capacity = capacity, WaitlistEnabled = true,
        };
    }

    public static BenefitEditor NewTrial(int days = 30) => new()
    {
        Kind = BenefitKind.Trial, Title = "Wear trial", ProductName = "Ridgeline Trail 3", Capacity = 5, TrialDays = days, PickupStoreId = null,
    };

    public static BenefitEditor NewGuidance(string expertUserId, DateTime from, DateTime until, int slotMinutes, params AvailabilityWindow[] windows) => new()
    {
        Kind = BenefitKind.Guidance, Title = "Gait analysis", ExpertUserId = expertUserId, SlotMinutes = slotMinutes,
        LocationAddress = "Riverside studio",
        AvailableFrom = from, AvailableUntil = until, Availability = [.. windows],
    };

    public static AvailabilityWindow Window(DayOfWeek day, int startHour, int endHour) =>
        new() { Day = day, StartTime = new TimeOnly(startHour, 0), EndTime = new TimeOnly(endHour, 0) };
}
