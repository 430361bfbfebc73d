using System.Globalization;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// The editor's checks that need no database, and the mapping between the editor (programme-local times)
/// and the entity (UTC). Messages are keyed by <see cref="BenefitEditor"/> property name.
/// </summary>
internal static class BenefitEditorRules
{
    public const int MaxTrialDays = 365;
    public const int MinSlotMinutes = 10;
    public const int MaxSlotMinutes = 240;
    public const int MaxAvailabilityDays = 366;
    public const int MaxCapacity = 10_000;

    /// <summary>Cancellation cut-off and early access, in hours: a month either way is more than any benefit needs.</summary>
    public const int MaxNoticeHours = 720;

    /// <summary>Dates more than this many years from today are typos, and far enough out they overflow date arithmetic.</summary>
    public const int MaxYearsFromToday = 5;

    /// <summary>The messages are in the reader's language; the shared checks' messages are keys in the same resource.</summary>
    public static Dictionary<string, string> Validate(BenefitEditor e, DateTime now, ProgrammeCalendar calendar, IStringLocalizer<BenefitsManageText> text)
    {
        var errors = new Dictionary<string, string>();
        void Add(string field, string message) => errors.TryAdd(field, message);
        void AddIfFarOff(string field, DateTime? local)
        {
            if (local is { } l && Math.Abs((l - calendar.ToLocal(now)).TotalDays) > MaxYearsFromToday * 366)
            {
                Add(field, text["Choose a date within {0} years of today.", MaxYearsFromToday]);
            }
        }

        if (string.IsNullOrWhiteSpace(e.Title)) Add(nameof(e.Title), text["Enter a title."]);
        else if (e.Title.Trim().Length > BenefitConfiguration.TitleMaxLength) Add(nameof(e.Title), text["Keep the title to {0} characters.", BenefitConfiguration.TitleMaxLength]);
        if (e.Description.Length > BenefitConfiguration.DescriptionMaxLength) Add(nameof(e.Description), text["Keep the description to {0:N0} characters.", BenefitConfiguration.DescriptionMaxLength]);
        foreach (var (field, value) in new[] { (nameof(e.Title), e.Title), (nameof(e.Description), e.Description),
            (nameof(e.LocationAddress), e.LocationAddress), (nameof(e.ProductName), e.ProductName) })
        {
            if (TextRules.HasDirectionControls(value)) Add(field, text[TextRules.DirectionMessage]);
        }
        AddIfFarOff(nameof(e.BookingOpensAt), e.BookingOpensAt);
        AddIfFarOff(nameof(e.BookingClosesAt), e.BookingClosesAt);
        AddIfFarOff(nameof(e.StartsAt), e.StartsAt);
        AddIfFarOff(nameof(e.EndsAt), e.EndsAt);
        AddIfFarOff(nameof(e.AvailableFrom), e.AvailableFrom);
        AddIfFarOff(nameof(e.AvailableUntil), e.AvailableUntil);
        if (e.BookingOpensAt is { } opens && e.BookingClosesAt is { } closes && closes <= opens) Add(nameof(e.BookingClosesAt), text["Booking must close after it opens."]);
        if (e.CancellationCutoffHours < 0) Add(nameof(e.CancellationCutoffHours), text["The cancellation cut-off can't be negative."]);
        if (e.EarlyAccessHours < 0) Add(nameof(e.EarlyAccessHours), text["Early access can't be negative."]);
        else if (e.EarlyAccessHours > 0 && e.EarlyAccessTierId is null) Add(nameof(e.EarlyAccessTierId), text["Choose the tier that gets early access."]);

        switch (e.Kind)
        {
            case BenefitKind.Event:
                if (e.StartsAt is null) Add(nameof(e.StartsAt), text["Enter when it starts."]);
                if (e.EndsAt is null) Add(nameof(e.EndsAt), text["Enter when it ends."]);
                if (e.StartsAt is { } starts && e.EndsAt is { } ends && ends <= starts) Add(nameof(e.EndsAt), text["Ends must be after starts."]);
                // Only a new event: an existing one that has started may still need its roster or text corrected.
                if (e.Id is null && e.StartsAt is { } start && ToUtc(start, calendar) <= now) Add(nameof(e.StartsAt), text["Starts must be in the future."]);
                if (e.Capacity <= 0) Add(nameof(e.Capacity), text["Capacity must be at least 1."]);
                ValidateLocation(e, Add, text);
                break;
            case BenefitKind.Trial:
                if (string.IsNullOrWhiteSpace(e.ProductName)) Add(nameof(e.ProductName), text["Enter the product."]);
                else if (e.ProductName.Trim().Length > 120) Add(nameof(e.ProductName), text["Keep the product name to {0} characters.", 120]);
                if (e.Capacity <= 0) Add(nameof(e.Capacity), text["Units must be at least 1."]);
                if (e.TrialDays is < 1 or > MaxTrialDays) Add(nameof(e.TrialDays), text["A trial lasts 1 to {0} days.", MaxTrialDays]);
                if (e.PickupStoreId is null) Add(nameof(e.PickupStoreId), text["Choose where members collect it."]);
                break;
            case BenefitKind.Guidance:
                // Members book a time with an expert; without a place they only read "With Ade Bello".
                ValidateLocation(e, Add, text);
                ValidateGuidance(e, Add, text);
                break;
        }
        // Last, so the specific messages above win; the upper bounds (trial days and session length are checked per kind above).
        var bounds = new Dictionary<string, string>();
        InputBounds.AddErrors(bounds, e);
        foreach (var (field, message) in bounds) Add(field, text[message]);
        return errors;
    }

    private static void ValidateLocation(BenefitEditor e, Action<string, string> add, IStringLocalizer<BenefitsManageText> text)
    {
        if (e.LocationStoreId is null && string.IsNullOrWhiteSpace(e.LocationAddress))
        {
            add(nameof(e.LocationStoreId), text["Choose a store or enter an address."]);
        }
        if (e.LocationAddress?.Trim().Length > 200) add(nameof(e.LocationAddress), text["Keep the address to {0} characters.", 200]);
    }

    private static void ValidateGuidance(BenefitEditor e, Action<string, string> add, IStringLocalizer<BenefitsManageText> text)
    {
        if (string.IsNullOrEmpty(e.ExpertUserId)) add(nameof(e.ExpertUserId), text["Choose the expert."]);
        if (e.SlotMinutes is < MinSlotMinutes or > MaxSlotMinutes) add(nameof(e.SlotMinutes), text["A session lasts {0} to {1} minutes.", MinSlotMinutes, MaxSlotMinutes]);
        // Worded as for an event's Starts and Ends, since both editors label the fields the same way.
        if (e.AvailableFrom is null) add(nameof(e.AvailableFrom), text["Enter when it starts."]);
        if (e.AvailableUntil is null) add(nameof(e.AvailableUntil), text["Enter when it ends."]);
        if (e.AvailableFrom is not { } fromDate || e.AvailableUntil is not { } untilDate) return;
        var (from, until) = (DateOnly.FromDateTime(fromDate), DateOnly.FromDateTime(untilDate));
        if (until < from) add(nameof(e.AvailableUntil), text["Ends must be on or after starts."]);
        else if (until.DayNumber - from.DayNumber >= MaxAvailabilityDays) add(nameof(e.AvailableUntil), text["Availability can run for a year at most."]);
        if (e.Availability.Count == 0)
        {
            add(nameof(e.Availability), text["Add at least one weekly time."]);
            return;
        }
        var days = until < from ? [] : Enumerable.Range(0, Math.Min(7, until.DayNumber - from.DayNumber + 1)).Select(i => from.AddDays(i).DayOfWeek).ToHashSet();
        foreach (var window in e.Availability)
        {
            var name = $"{BenefitsManageWords.Day(window.Day)} {Time(window.StartTime)}–{Time(window.EndTime)}";
            if (window.EndTime <= window.StartTime) add(nameof(e.Availability), text["{0}: the end must be after the start.", name]);
            else if ((window.EndTime - window.StartTime).TotalMinutes < e.SlotMinutes) add(nameof(e.Availability), text["{0} is shorter than one session.", name]);
            else if (days.Count > 0 && !days.Contains(window.Day)) add(nameof(e.Availability), text["{0} is outside the available dates: no {1} falls between them.", name, BenefitsManageWords.Day(window.Day)]);
        }
        var overlapping = e.Availability.GroupBy(w => w.Day)
            .Any(day => day.OrderBy(w => w.StartTime).Zip(day.OrderBy(w => w.StartTime).Skip(1)).Any(pair => pair.Second.StartTime < pair.First.EndTime));
        if (overlapping) add(nameof(e.Availability), text["Two times on the same day overlap."]);
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.CurrentCulture);

    public static DateTime ToUtc(DateTime local, ProgrammeCalendar calendar) =>
        calendar.IsSkipped(local) ? calendar.ToUtc(local.AddHours(1)) : calendar.ToUtc(local);

    private static DateTime? ToUtc(DateTime? local, ProgrammeCalendar calendar) => local is { } l ? ToUtc(l, calendar) : null;

    private static DateTime? ToLocal(DateTime? utc, ProgrammeCalendar calendar) => utc is { } u ? calendar.ToLocal(u) : null;

    public static BenefitEditor ToEditor(Benefit b, BenefitImageView? image, ProgrammeCalendar calendar) => new()
    {
        Id = b.Id, Kind = b.Kind, Status = b.Status, Image = image, Taken = b.Taken,
        Title = b.Title, Description = b.Description,
        InterestIds = b.Interests.Select(i => i.InterestId).ToList(),
        StoreIds = b.Stores.Select(s => s.StoreId).ToList(),
        EligibleInterestIds = b.EligibleInterests.Select(i => i.InterestId).ToList(),
        MinimumTierId = b.MinimumTierId,
        BookingOpensAt = ToLocal(b.BookingOpensAt, calendar), BookingClosesAt = ToLocal(b.BookingClosesAt, calendar),
        CancellationCutoffHours = b.CancellationCutoffHours, EarlyAccessTierId = b.EarlyAccessTierId, EarlyAccessHours = b.EarlyAccessHours,
        StartsAt = ToLocal(b.StartsAt, calendar), EndsAt = ToLocal(b.EndsAt, calendar),
        LocationStoreId = b.LocationStoreId, LocationAddress = b.LocationAddress,
        Capacity = b.Capacity, GuestsAllowed = b.GuestsAllowed, WaitlistEnabled = b.WaitlistEnabled,
        ProductName = b.ProductName, TrialDays = b.TrialDays, PickupStoreId = b.PickupStoreId,
        ExpertUserId = b.ExpertUserId, SlotMinutes = b.SlotMinutes == 0 ? 30 : b.SlotMinutes,
        AvailableFrom = b.AvailableFrom?.ToDateTime(TimeOnly.MinValue), AvailableUntil = b.AvailableUntil?.ToDateTime(TimeOnly.MinValue),
        Availability = b.Availability.OrderBy(a => a.Day).ThenBy(a => a.StartTime)
            .Select(a => new AvailabilityWindow { Day = a.Day, StartTime = a.StartTime, EndTime = a.EndTime }).ToList(),
    };

    /// <summary>Copies everything except capacity, which changes only through a conditional update.</summary>
    public static void Apply(BenefitEditor e, Benefit b, ProgrammeCalendar calendar)
    {
        b.Title = e.Title.Trim();
        b.Description = e.Description;
        b.MinimumTierId = e.MinimumTierId;
        b.BookingOpensAt = ToUtc(e.BookingOpensAt, calendar);
        b.BookingClosesAt = ToUtc(e.BookingClosesAt, calendar);
        b.CancellationCutoffHours = e.CancellationCutoffHours;
        b.EarlyAccessTierId = e.EarlyAccessHours > 0 ? e.EarlyAccessTierId : null;
        b.EarlyAccessHours = e.EarlyAccessHours;
        ReplaceSet(b.Stores, e.StoreIds, s => s.StoreId, id => new BenefitStore { StoreId = id });
        ReplaceSet(b.Interests, e.InterestIds, i => i.InterestId, id => new BenefitInterest { InterestId = id });
        ReplaceSet(b.EligibleInterests, e.EligibleInterestIds, i => i.InterestId, id => new BenefitEligibleInterest { InterestId = id });

        var isEvent = e.Kind == BenefitKind.Event;
        var isTrial = e.Kind == BenefitKind.Trial;
        var isGuidance = e.Kind == BenefitKind.Guidance;
        b.StartsAt = isEvent ? ToUtc(e.StartsAt, calendar) : null;
        b.EndsAt = isEvent ? ToUtc(e.EndsAt, calendar) : null;
        b.LocationStoreId = isEvent || isGuidance ? e.LocationStoreId : null;
        b.LocationAddress = (isEvent || isGuidance) && !string.IsNullOrWhiteSpace(e.LocationAddress) ? e.LocationAddress.Trim() : null;
        b.GuestsAllowed = isEvent && e.GuestsAllowed;
        b.WaitlistEnabled = !isGuidance && e.WaitlistEnabled;
        b.ProductName = isTrial ? e.ProductName?.Trim() : null;
        b.TrialDays = isTrial ? e.TrialDays : 30;
        b.PickupStoreId = isTrial ? e.PickupStoreId : null;
        b.ExpertUserId = isGuidance ? e.ExpertUserId : null;
        b.SlotMinutes = isGuidance ? e.SlotMinutes : 0;
        b.AvailableFrom = isGuidance && e.AvailableFrom is { } from ? DateOnly.FromDateTime(from) : null;
        b.AvailableUntil = isGuidance && e.AvailableUntil is { } until ? DateOnly.FromDateTime(until) : null;
        // Windows have no identity worth keeping: replace them all.
        b.Availability.Clear();
        if (isGuidance)
        {
            b.Availability.AddRange(e.Availability.Select(a => new GuidanceAvailability { Day = a.Day, StartTime = a.StartTime, EndTime = a.EndTime }));
        }
    }

    /// <summary>Removes and adds only the differences, so unchanged link rows are left alone.</summary>
    private static void ReplaceSet<T>(List<T> rows, IEnumerable<int> wanted, Func<T, int> key, Func<int, T> create)
    {
        var set = wanted.ToHashSet();
        rows.RemoveAll(r => !set.Contains(key(r)));
        var have = rows.Select(key).ToHashSet();
        rows.AddRange(set.Where(id => !have.Contains(id)).Select(create));
    }
}
