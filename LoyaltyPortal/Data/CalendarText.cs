namespace LoyaltyPortal.Data;

/// <summary>The words of <see cref="ProgrammeCalendar"/>'s short times (CalendarText.resx and its languages).</summary>
public sealed class CalendarText;
