using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Data.Sqlite;

namespace LoyaltyPortal.Tests.Resilience;

public sealed class SeedingCrashTests : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "loyalty-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Killing_the_app_during_seeding_leaves_a_database_that_seeds_and_serves_on_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var first = AppProcess.Start(dataFolder, new Dictionary<string, string>
        {
            ["Database__SeedDemoData"] = "true",
            ["Database__DemoMembers"] = "30000",
        }))
        {
            await first.WaitForOutputAsync("Loading demo data", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            Assert.DoesNotContain("Demo data loaded", first.Output);
            await first.KillAsync();
        }

        var database = Path.Combine(dataFolder, "loyalty.db");
        Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check"));
        Assert.Equal("wal", await ScalarAsync(database, "PRAGMA journal_mode"));
        // The seed runs in one transaction: the kill rolled all of it back.
        Assert.Equal("0", await ScalarAsync(database, """SELECT COUNT(*) FROM "Members" """));

        await using var second = AppProcess.Start(dataFolder, new Dictionary<string, string>
        {
            ["Database__SeedDemoData"] = "true",
            ["Database__DemoMembers"] = "100",
        });
        var url = await second.ListeningAsync.WaitAsync(TimeSpan.FromSeconds(90), ct);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var health = await http.GetStringAsync("/health", ct);
        Assert.Contains("\"Healthy\"", health);
        Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check"));
        Assert.Equal("101", await ScalarAsync(database, """SELECT COUNT(*) FROM "Members" """));
        Assert.Equal("1", await ScalarAsync(database, $"""SELECT COUNT(*) FROM "AspNetUsers" WHERE "NormalizedEmail" = '{DemoAccounts.Member.Email.ToUpperInvariant()}'"""));
    }

    private static async Task<string?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(DatabaseServiceCollectionExtensions.SqliteConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
    }
}
