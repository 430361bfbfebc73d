using System.Globalization;
using Bunit;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Components.Shared;

/// <summary>The ledger's own descriptions read in the reader's language; what people wrote stays as written.</summary>
public sealed class GermanActivityDescriptionTests : PortalTestContext
{
    [Fact]
    public void The_timeline_shows_the_portals_descriptions_in_German_and_a_benefit_title_as_written()
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
            var cut = Render<ActivityTimeline>(p => p.Add(c => c.Items,
            [
                new ActivityLine(4, ActivityType.Visit, at, "Covent Garden", null, "Welcomed at Covent Garden", 10),
                new ActivityLine(3, ActivityType.Purchase, at, "Covent Garden", 24.99m, "At Covent Garden", 24),
                new ActivityLine(2, ActivityType.ReferralConverted, at, null, null, "Jo Lee made their first purchase", 50),
                new ActivityLine(1, ActivityType.EventAttended, at, null, null, "Saturday run club", 20),
            ]));

            Assert.Equal(["Begrüßt in Covent Garden", "In Covent Garden", "Jo Lee: erster Einkauf", "Saturday run club"],
                cut.FindAll("li p.mud-typography-body2:not(.mud-text-secondary)").Select(p => p.TextContent.Trim()));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    [Fact]
    public void English_descriptions_stay_as_stored()
    {
        var text = TestText.For<ActivityDescriptionText>();
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        try
        {
            Assert.Equal("Welcomed at Covent Garden", ActivityDescriptionText.Read(text, ActivityType.Visit, "Welcomed at Covent Garden"));
            Assert.Equal("At home", ActivityDescriptionText.Read(text, ActivityType.Visit, "At home"));
            Assert.Null(ActivityDescriptionText.Read(text, ActivityType.Visit, null));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
