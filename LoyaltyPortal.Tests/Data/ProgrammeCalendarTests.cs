using System.Globalization;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoyaltyPortal.Tests.Data;

public sealed class ProgrammeCalendarTests
{
    private static ProgrammeCalendar At(DateTimeOffset utc) =>
        new(Options.Create(new ProgrammeOptions { TimeZone = "Europe/London" }), new FakeTimeProvider(utc));

    [Theory]
    [InlineData(0, "Just now")]
    [InlineData(5, "5 min ago")]
    [InlineData(59, "59 min ago")]
    [InlineData(90, "13:35")]
    [InlineData(16 * 60, "Yesterday 23:05")]
    [InlineData(3 * 24 * 60, "Mon 15:05")]
    [InlineData(20 * 24 * 60, "31 Jul")]
    [InlineData(365 * 24 * 60, "20 Aug 2025")]
    public void Ago_is_short_enough_for_one_line_on_a_phone(int minutesAgo, string expected)
    {
        // 15:05 in London (BST) on Thursday 20 August 2026.
        var now = new DateTimeOffset(2026, 8, 20, 14, 5, 0, TimeSpan.Zero);

        Assert.Equal(expected, At(now).FormatAgo(now.UtcDateTime.AddMinutes(-minutesAgo)));
    }

    [Theory]
    [InlineData("en-GB", "5 Dec 2026", "5 Dec 2026, 18:30", "31 Jul")]
    [InlineData("de-DE", "5. Dez. 2026", "5. Dez. 2026, 18:30", "31. Juli")]
    public void German_dates_read_as_German_with_the_day_first_and_a_full_stop(string culture, string date, string dateTime, string ago)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var evening = new DateTime(2026, 12, 5, 18, 30, 0, DateTimeKind.Utc);
            var now = new DateTimeOffset(2026, 8, 20, 14, 5, 0, TimeSpan.Zero);

            Assert.Equal(date, At(now).FormatDate(evening));
            Assert.Equal(dateTime, At(now).FormatDateTime(evening));
            Assert.Equal(ago, At(now).FormatAgo(now.UtcDateTime.AddDays(-20)));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Fact]
    public void Today_starts_at_local_midnight_in_british_summer_time()
    {
        var calendar = At(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 7, 1, 23, 0, 0, DateTimeKind.Utc), calendar.StartOfTodayUtc());
    }

    [Fact]
    public void Today_starts_at_utc_midnight_in_winter()
    {
        var calendar = At(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), calendar.StartOfTodayUtc());
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), calendar.StartOfYearUtc());
    }

    [Fact]
    public void Local_time_follows_the_programme_zone()
    {
        var calendar = At(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 7, 1, 13, 0, 0), calendar.ToLocal(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)));
    }
}
