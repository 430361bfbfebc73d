using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// Imports a generated member file (default 1,000,000 rows, <c>--Rows</c> to change) into a fresh database, then
/// imports it again, which must change nothing. Every row has a store, dates, consent, a last visit and a lifetime
/// spend; one in ten honours a tier. Runs in its own temporary data folder unless one is given.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        // Bounded: each row gets its own phone number, 074 and eight digits.
        var rows = Math.Clamp(services.GetRequiredService<IConfiguration>().GetValue("Rows", 1_000_000), 1, 10_000_000);
        var batch = services.GetRequiredService<IConfiguration>().GetValue("Batch", MemberImportService.DefaultBatchSize);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        var (manager, stores) = await PrepareAsync(dbFactory);
        var path = Path.Combine(Path.GetTempPath(), $"import-benchmark-{rows}.csv");
        await WriteFileAsync(path, rows, stores);
        Console.WriteLine($"File: {rows:N0} rows, {new FileInfo(path).Length / (1024.0 * 1024):N0} MB");

        var imports = services.GetRequiredService<MemberImportService>();
        foreach (var pass in new[] { "Import", "Re-import" })
        {
            var clock = Stopwatch.StartNew();
            ImportUploadResult upload;
            await using (var file = File.OpenRead(path)) upload = await imports.UploadAsync(manager, file, Path.GetFileName(path));
            var mapping = (await imports.PreviewAsync(manager, upload.Upload!.Id)).Suggested;
            var summary = await imports.RunAsync(manager, upload.Upload.Id, mapping, dryRun: false,
                p => Console.Write($"\r  {p.Counts.Rows:N0} of {p.TotalRows:N0} rows ({p.Percent:N0} %)   "), batch);
            clock.Stop();
            Console.WriteLine();
            Console.WriteLine($"| {pass} | {rows:N0} rows | {clock.Elapsed.TotalSeconds:N1} s | {rows / clock.Elapsed.TotalSeconds:N0} rows/s | {summary.Message} |");
        }
        File.Delete(path);
        return 0;
    }

    private static async Task<(Caller Manager, List<string> Stores)> PrepareAsync(IDbContextFactory<LoyaltyDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Stores.AnyAsync())
        {
            db.Stores.AddRange(new Store { Name = "Covent Garden", City = "London" }, new Store { Name = "Manchester Arndale", City = "Manchester" });
        }
        var email = $"import-benchmark-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "Import benchmark", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Manager).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        var stores = await db.Stores.Select(s => s.Name).ToListAsync();
        return (new Caller(user.Id, user.DisplayName, new HashSet<string> { Roles.Manager }, null), stores);
    }

    private static async Task WriteFileAsync(string path, int rows, List<string> stores)
    {
        var random = new Random(42);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("external_id,name,email,phone,store,joined,consent,last_visit,lifetime_spend,currency,tier");
        string[] first = ["Anna", "Ben", "Chloé", "Dev", "Erin", "Femi", "Grace", "Hiro", "Isla", "Jonas"];
        string[] last = ["Müller", "Okafor", "Smith", "Nguyen", "O'Brien", "García", "Khan", "Jones", "Taylor", "Lee"];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 1; i <= rows; i++)
        {
            var joined = today.AddDays(-random.Next(30, 3_000));
            var visit = joined.AddDays(random.Next(0, today.DayNumber - joined.DayNumber));
            var name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"EXT-{i},{name},member{i}@example.com,074{i:D8},{stores[i % stores.Count]},{joined:yyyy-MM-dd},{(i % 3 == 0 ? "yes" : "no")},{visit:yyyy-MM-dd},{random.Next(0, 500_000) / 100m},GBP,{(i % 10 == 0 ? "Silver" : "")}");
            await writer.WriteLineAsync(line);
        }
    }
}
