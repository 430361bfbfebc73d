using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// <c>dotnet run --project LoyaltyPortal -- migrate [--Database:Provider=Postgres --ConnectionStrings:Postgres=...]</c>:
/// the schema step of a deployment with several instances. It migrates, loads reference data (and the demo where
/// configured), and exits; instances started with <c>Database:MigrateOnStart=false</c> wait for it.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=')))
        {
            Console.Error.WriteLine("Usage: migrate [--Database:Provider=Postgres --ConnectionStrings:Postgres=...]");
            return 2;
        }
        // This step is the one that migrates, whatever the instances are configured to do.
        var builder = CommandHost.CreateBuilder([.. args, $"--{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStart)}=true"]);
        using var host = builder.Build();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        int pending;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            pending = (await db.Database.GetPendingMigrationsAsync()).Count();
        }
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Console.WriteLine(pending == 0
            ? "The database was already up to date; reference data checked."
            : $"Applied {pending} migration(s); reference data loaded. Instances may start.");
        return 0;
    }
}
