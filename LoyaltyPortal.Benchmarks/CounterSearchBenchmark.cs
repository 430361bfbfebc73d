using System.Data.Common;
using System.Diagnostics;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// The staff counter search (CounterSearchService.SearchAsync) per query kind, side by side with one hand-written
/// SQL query that reads the same index and returns the same columns, in the same run. The ratio shows what the
/// service layer (term parsing, EF, masking, the extra lookups a term can need) costs over the index itself.
/// </summary>
internal static class CounterSearchBenchmark
{
    private const int Iterations = 400;
    private const int Warmup = 300;

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var search = services.GetRequiredService<CounterSearchService>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        List<(string Name, string? Email, string? Phone, string Code)> samples;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var count = await db.Members.CountAsync();
            var step = Math.Max(1, count / 400);
            samples = await db.Members.AsNoTracking().Where(m => m.Id % step == 0 && m.AnonymisedAt == null && m.Phone != null && m.Email != null).Take(400)
                .Select(m => new ValueTuple<string, string?, string?, string>(m.PreferredName, m.Email, m.Phone, m.MemberCode)).ToListAsync();
        }

        var staff = new Caller("benchmark-staff", "Benchmark", new HashSet<string> { Roles.Staff }, null);
        var postgres = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContext().Database.IsNpgsql();
        string Q(string name) => $"\"{name}\"";
        const string Columns = "m.\"Id\", m.\"MemberCode\", m.\"PreferredName\", m.\"Phone\", m.\"Email\"";

        // Surname prefixes of three letters, as staff type them: the case the issue names ("mull" finds "Müller").
        string Surname(int i) => MemberSearchForms.NameWords(samples[i % samples.Count].Name).Last()[..3];
        string Last4(int i) => samples[i % samples.Count].Phone![^4..];
        string EmailStart(int i) => samples[i % samples.Count].Email![..Math.Min(6, samples[i % samples.Count].Email!.IndexOf('@'))];
        string Code(int i) => samples[i % samples.Count].Code;

        // A letters-only term may be the start of a name word or of an email, so the service must read both indexes;
        // this is the same two probes written by hand, to show what the service layer itself adds.
        var nameOrEmail =
            $"SELECT {Columns} FROM (SELECT * FROM (SELECT {Q("Id")}, 2 AS k, {Q("SearchEmail")} AS s FROM {Q("Members")} WHERE {Q("SearchEmail")} >= @p0 AND {Q("SearchEmail")} < @p1 AND {Q("AnonymisedAt")} IS NULL ORDER BY {Q("SearchEmail")} LIMIT 10) e " +
            $"UNION ALL SELECT * FROM (SELECT {Q("MemberId")}, 3, {Q("Word")} FROM {Q("MemberNameWords")} WHERE {Q("Word")} >= @p0 AND {Q("Word")} < @p1 ORDER BY {Q("Word")} LIMIT 20) n) x " +
            $"JOIN {Q("Members")} m ON m.{Q("Id")} = x.{Q("Id")} WHERE m.{Q("AnonymisedAt")} IS NULL";
        var kinds = new (string Label, Func<int, string> Term, string Sql, Func<string, object[]> Args, string SameProbesSql)[]
        {
            ("Name prefix (3 letters of the surname)", Surname,
                $"SELECT {Columns} FROM {Q("MemberNameWords")} w JOIN {Q("Members")} m ON m.{Q("Id")} = w.{Q("MemberId")} " +
                $"WHERE w.{Q("Word")} >= @p0 AND w.{Q("Word")} < @p1 AND m.{Q("AnonymisedAt")} IS NULL ORDER BY w.{Q("Word")} LIMIT 10",
                t => [t, MemberDirectoryService.NextPrefix(t)], nameOrEmail),
            ("Phone, last 4 digits", Last4,
                $"SELECT {Columns} FROM {Q("Members")} m WHERE m.{Q("PhoneLast4")} = @p0 AND m.{Q("AnonymisedAt")} IS NULL ORDER BY m.{Q("SearchName")} LIMIT 10",
                t => [t], ""),
            ("Email prefix (first 6 characters)", EmailStart,
                $"SELECT {Columns} FROM {Q("Members")} m WHERE m.{Q("SearchEmail")} >= @p0 AND m.{Q("SearchEmail")} < @p1 AND m.{Q("AnonymisedAt")} IS NULL ORDER BY m.{Q("SearchEmail")} LIMIT 10",
                t => [t, MemberDirectoryService.NextPrefix(t)], nameOrEmail),
            ("Member code", Code,
                $"SELECT {Columns} FROM {Q("Members")} m WHERE m.{Q("MemberCode")} = @p0 AND m.{Q("AnonymisedAt")} IS NULL",
                t => [t], ""),
        };

        Console.WriteLine();
        Console.WriteLine($"| Counter search ({(postgres ? "PostgreSQL" : "SQLite")}, {Iterations} runs) | service p50 ms | service p95 ms | raw SQL p50 ms | raw SQL p95 ms | p95 ratio | hits (service / raw) | raw, same probes p95 ms | p95 ratio to same probes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var kind in kinds)
        {
            long serviceHits = 0, rawHits = 0;
            var service = await SampleAsync(async i => serviceHits += (await search.SearchAsync(staff, kind.Term(i))).Matches.Count);
            var raw = await SampleAsync(async i => rawHits += await RawAsync(dbFactory, kind.Sql, kind.Args(kind.Term(i))));
            // Terms that read one index only: the single-index query is already the same probe.
            var same = kind.SameProbesSql.Length == 0 ? raw : await SampleAsync(async i => await RawAsync(dbFactory, kind.SameProbesSql, kind.Args(kind.Term(i))));
            Console.WriteLine($"| {kind.Label} | {P(service, .5):F2} | {P(service, .95):F2} | {P(raw, .5):F2} | {P(raw, .95):F2} | {P(service, .95) / P(raw, .95):F2}× | {serviceHits / (double)(Iterations + Warmup):F1} / {rawHits / (double)(Iterations + Warmup):F1} | {P(same, .95):F2} | {P(service, .95) / P(same, .95):F2}× |");
        }
        return 0;
    }

    /// <summary>One query through a pooled connection of a fresh context, as the service pays for its own.</summary>
    private static async Task<int> RawAsync(IDbContextFactory<LoyaltyDbContext> dbFactory, string sql, object[] args)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = args[i];
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            rows++;
        }
        return rows;
    }

    private static async Task<double[]> SampleAsync(Func<int, Task> action)
    {
        // Long enough for tiered JIT to reach optimised code on both paths: steady state is what staff feel all day.
        for (var i = 0; i < Warmup; i++) await action(i);
        var samples = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action(i + Warmup);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples;
    }

    private static double P(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
