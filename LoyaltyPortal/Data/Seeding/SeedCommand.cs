using System.Diagnostics;
using System.Globalization;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// <c>dotnet run --project LoyaltyPortal -- seed --members 1000000 [--activities 20] [--batch 50000] [--benefits 5000]</c>:
/// appends generated members (and optionally published benefits with bookings) to the configured database for benchmarks. Each batch commits on its own,
/// so a long run can be stopped and resumed.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        int members = 1000, activities = 20, batch = 50_000, benefits = 0, bookingsPerBenefit = 20;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--members" when TryCount(value, out members):
                case "--activities" when TryCount(value, out activities):
                case "--batch" when TryCount(value, out batch) && batch > 0:
                case "--benefits" when TryCount(value, out benefits):
                case "--bookings-per-benefit" when TryCount(value, out bookingsPerBenefit):
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('='):
                    settings.Add(setting);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or invalid argument '{args[i]}'.");
                    Console.Error.WriteLine("Usage: seed --members <count> [--activities <average per member>] [--batch <members per transaction>] [--benefits <published benefits to add> [--bookings-per-benefit <average>]] [--Database:Provider=Postgres ...]");
                    return 2;
            }
        }

        var builder = CommandHost.CreateBuilder(settings.ToArray());
        builder.Services.AddSingleton<GeneratedMemberLoader>();
        using var host = builder.Build();

        var initializer = host.Services.GetRequiredService<DatabaseInitializer>();
        await initializer.InitializeAsync();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();

        Console.WriteLine($"Generating {members:N0} members with about {activities} activities each, {batch:N0} per transaction…");
        var clock = Stopwatch.StartNew();
        await host.Services.GetRequiredService<GeneratedMemberLoader>().LoadAsync(members, activities, batch, Console.WriteLine);

        if (benefits > 0)
        {
            Console.WriteLine($"Adding {benefits:N0} published benefits with about {bookingsPerBenefit} bookings each…");
            await using var db = await dbFactory.CreateDbContextAsync();
            var (added, booked) = await new BenefitCatalogueGenerator(TimeProvider.System).AddAsync(db, benefits, bookingsPerBenefit, CancellationToken.None);
            Console.WriteLine($"  {added:N0} benefits and {booked:N0} bookings added.");
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var totalActivities = await db.Activities.LongCountAsync();
            Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:N1} s. The database now holds {await db.Members.CountAsync():N0} members and {totalActivities:N0} activities.");
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;");
            else await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        return 0;
    }

    private static bool TryCount(string? value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 0;
}
