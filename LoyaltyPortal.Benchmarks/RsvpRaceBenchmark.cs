using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// 200 members RSVP at once for an event with 50 seats (BookingService.BookAsync), ten rounds, on the configured
/// database. Point it at an empty data folder: it migrates and adds its own store, members and events.
/// Each round must end with exactly 50 confirmed and 150 waitlisted.
/// </summary>
internal static class RsvpRaceBenchmark
{
    private const int Members = 200, Seats = 50, Rounds = 10;

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var bookings = services.GetRequiredService<BookingService>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        var callers = await AddMembersAsync(dbFactory);

        var samples = new List<double>();
        // Round 0 warms up the JIT and the connection pool and is not counted.
        for (var round = 0; round <= Rounds; round++)
        {
            var eventId = await AddEventAsync(dbFactory, round);
            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(callers.Select(c => Task.Run(() => bookings.BookAsync(c, eventId, new BookingRequest()))));
            if (round > 0) samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var confirmed = results.Count(r => r.Status == BookingStatus.Confirmed);
            var waitlisted = results.Count(r => r.Status == BookingStatus.Waitlisted);
            if (confirmed != Seats || waitlisted != Members - Seats)
            {
                Console.Error.WriteLine($"Round {round}: {confirmed} confirmed and {waitlisted} waitlisted; expected {Seats} and {Members - Seats}.");
                return 1;
            }
        }
        samples.Sort();
        Console.WriteLine();
        Console.WriteLine($"| RSVP race ({Members} members, {Seats} seats, {Rounds} rounds) | median ms | max ms |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| All {Members} bookings settled, {Seats} confirmed and {Members - Seats} waitlisted every round | {samples[samples.Count / 2]:F0} | {samples[^1]:F0} |");
        return 0;
    }

    private static async Task<List<Caller>> AddMembersAsync(IDbContextFactory<LoyaltyDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var memberRoleId = await db.Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var callers = new List<Caller>();
        for (var i = 0; i < Members; i++)
        {
            var email = $"race-{run}-{i}@loyaltyportal.test";
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = $"Racer {i}", SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = memberRoleId });
            db.Members.Add(new Member
            {
                UserId = user.Id, MemberCode = MemberRules.NewMemberCode(), PreferredName = $"Racer {i}", SearchName = MemberRules.ToSearchForm($"Racer {i}"),
                JoinedAt = DateTime.UtcNow,
            });
            callers.Add(new Caller(user.Id, $"Racer {i}", new HashSet<string> { Roles.Member }, null));
        }
        await db.SaveChangesAsync();
        return callers;
    }

    private static async Task<int> AddEventAsync(IDbContextFactory<LoyaltyDbContext> dbFactory, int round)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var store = await db.Stores.FirstOrDefaultAsync() ?? db.Stores.Add(new Store { Name = "Race store", City = "London", Address = "1 Race Street" }).Entity;
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        var benefit = new Benefit
        {
            Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = $"Race round {round}", Capacity = Seats, WaitlistEnabled = true,
            StartsAt = now.AddDays(7), EndsAt = now.AddDays(7).AddHours(2), CreatedAt = now, UpdatedAt = now,
        };
        benefit.LocationStoreId = store.Id;
        db.Benefits.Add(benefit);
        await db.SaveChangesAsync();
        return benefit.Id;
    }
}
