using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Data.Seeding;

/// <summary>The benchmark catalogue must look like real data: seats never oversold, one booking per member and benefit.</summary>
public sealed class BenefitCatalogueGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Generated_benefits_are_published_with_bookings_that_match_their_seat_counts(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddStoreAsync();
        for (var i = 0; i < 30; i++) await db.AddMemberAsync($"Member {i}", withLogin: false);

        await using (var context = db.NewContext())
        {
            var (benefits, bookings) = await new BenefitCatalogueGenerator(db.Clock).AddAsync(context, 60, averageBookings: 10, Ct);
            Assert.Equal(60, benefits);
            Assert.True(bookings > 0);
        }

        var rows = await db.QueryAsync(c => c.Benefits.Select(b => new
        {
            b.Kind, b.Status, b.Capacity, b.Taken,
            Confirmed = c.Bookings.Count(k => k.BenefitId == b.Id && k.Status == BookingStatus.Confirmed),
            Waitlisted = c.Bookings.Count(k => k.BenefitId == b.Id && k.Status == BookingStatus.Waitlisted),
        }).ToListAsync(Ct));
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(BenefitStatus.Published, r.Status);
            Assert.Equal(r.Confirmed, r.Taken);
            Assert.True(r.Kind == BenefitKind.Guidance || r.Taken <= r.Capacity);
            Assert.True(r.Waitlisted == 0 || r.Taken == r.Capacity);
        });
    }
}
