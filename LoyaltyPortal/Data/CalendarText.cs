namespace LoyaltyPortal.Data;

/// <summary>
/// The words of <see cref="ProgrammeCalendar"/>'s short times and of a booking's calendar file (CalendarText.resx and its
/// languages), through <see cref="ProgrammeCalendar.Text"/>.
/// </summary>
public sealed class CalendarText;
