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
