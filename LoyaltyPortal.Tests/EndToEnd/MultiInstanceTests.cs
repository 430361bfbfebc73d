using System.Diagnostics;
using System.Text.RegularExpressions;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// Two instances on one PostgreSQL database, as deployed: what happens on one shows on the other, a job's slot runs on
/// one of them, and the gateway keeps each browser on one instance and sends new sessions only to ready ones.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public sealed partial class MultiInstanceTests(MultiInstanceFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MultiInstance_migrate_then_two_instances_that_must_not_migrate_start_and_are_ready()
    {
        Assert.SkipWhen(cluster.SkipReason is not null, cluster.SkipReason ?? "");
        await cluster.BothRoutableAsync();

        Assert.Contains("migration(s); reference data loaded. Instances may start.", cluster.MigrateOutput, StringComparison.Ordinal);
        using var http = new HttpClient();
        foreach (var instance in new[] { cluster.A, cluster.B })
        {
            using var ready = await http.GetAsync(instance.Url + "/health/ready", Ct);
            var report = await ready.Content.ReadAsStringAsync(Ct);
            Assert.True(ready.IsSuccessStatusCode, $"{instance.Name}: {report}");
            Assert.Contains("\"schema\":{\"status\":\"Healthy\"", report, StringComparison.Ordinal);
            Assert.Contains("\"signal\":{\"status\":\"Healthy\"", report, StringComparison.Ordinal);
            // Started after the migrate step, so neither waited for the schema nor changed it.
            Assert.DoesNotContain("Waiting for the database schema", instance.Process.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Applying migration", instance.Process.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MultiInstance_a_visit_recorded_through_A_moves_my_progress_open_through_B_within_a_second()
    {
        var member = await cluster.NewPageAsync(cluster.B.Url, 390, 844);
        await new RegisterPage(member).JoinAsync("Bea Twoplaces");
        await new Shell(member).WaitUntilInteractiveAsync();
        var ring = member.GetByRole(AriaRole.Progressbar, new() { Name = "Progress to Silver" });
        await Expect(ring).ToHaveAttributeAsync("aria-valuenow", "16");
        var code = await member.Locator("strong", new() { HasTextRegex = new Regex("^[A-Z0-9]{6,}$") }).First.InnerTextAsync();

        var staff = await cluster.NewPageAsync(cluster.A.Url, 1024, 768);
        await new LoginPage(staff).SignInAsync(DemoAccounts.Staff.Email);
        await staff.WaitForURLAsync("**/counter");
        await staff.GotoAsync($"/counter/members/{code}");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Bea Twoplaces", Level = 1 })).ToBeVisibleAsync();

        // Both pages note, with the browser's one clock, when their change reaches the screen.
        await staff.EvaluateAsync(WhenShown, ".mud-snackbar|Visit recorded for Bea Twoplaces");
        await member.EvaluateAsync(WhenShown, "[role=progressbar][aria-valuenow='20']|");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Record a visit" }).ClickAsync();
        await Expect(staff.GetByText("Visit recorded for Bea Twoplaces")).ToBeVisibleAsync();
        await Expect(ring).ToHaveAttributeAsync("aria-valuenow", "20", new() { Timeout = 10_000 });

        var recordedAt = await staff.EvaluateAsync<double>("() => window.__shownAt");
        var movedAt = await member.EvaluateAsync<double>("() => window.__shownAt");
        TestContext.Current.TestOutputHelper?.WriteLine($"Shown on A to moved on B: {movedAt - recordedAt:0} ms");
        Assert.True(movedAt - recordedAt <= 1_000, $"My progress on B moved {movedAt - recordedAt:0} ms after A showed the visit recorded.");
        await Expect(member.GetByRole(AriaRole.List, new() { Name = "Recent activity" })).ToContainTextAsync("Visit");
    }

    /// <summary>Records in <c>window.__shownAt</c> when an element matching "selector|text" first appears.</summary>
    private const string WhenShown = """
        spec => {
            const [selector, text] = spec.split('|');
            const shown = () => [...document.querySelectorAll(selector)].some(e => e.textContent.includes(text));
            window.__shownAt = null;
            new MutationObserver(() => { if (window.__shownAt === null && shown()) window.__shownAt = Date.now(); })
                .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    [Fact]
    public async Task MultiInstance_a_booking_through_A_shows_the_new_seat_count_in_for_you_on_B_at_once()
    {
        var viewer = await cluster.NewPageAsync(cluster.B.Url, 390, 844);
        await new RegisterPage(viewer).JoinAsync("Vic Viewer");
        var booker = await cluster.NewPageAsync(cluster.A.Url, 390, 844);
        await new RegisterPage(booker).JoinAsync("Bo Booker");

        // An event with a seat left, as B's "For you" shows it (which one depends on the hour: the demo's are relative to now).
        await OpenForYouAsync(viewer);
        var open = viewer.Locator(".benefit-card").Filter(new() { HasTextRegex = SeatsLeft() })
            .Filter(new() { Has = viewer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Book: ") }) }).First;
        var book = await open.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Book: ") }).GetAttributeAsync("aria-label");
        var title = book!["Book: ".Length..];
        var seats = int.Parse(SeatsLeft().Match(await open.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await OpenForYouAsync(booker);
        var bookerCard = CardOf(booker, title);

        // B loads the catalogue into its cache just before the booking; only the signal from A can make it stale.
        var sinceCached = Stopwatch.StartNew();
        await OpenForYouAsync(viewer);
        await Expect(CardOf(viewer, title)).ToContainTextAsync(SeatsText(seats));
        await bookerCard.GetByRole(AriaRole.Button, new() { Name = $"Book: {title}" }).ClickAsync();
        await Expect(bookerCard).ToContainTextAsync("Booked");
        await viewer.GotoAsync("/me/benefits");
        await Expect(CardOf(viewer, title)).ToContainTextAsync(SeatsText(seats - 1));
        Assert.True(sinceCached.Elapsed < BenefitCatalogue.MaxAge,
            $"B's cached catalogue was {sinceCached.Elapsed.TotalSeconds:0.0} s old, past its {BenefitCatalogue.MaxAge.TotalSeconds} s age: "
            + "this run proves nothing.");
    }

    private static async Task OpenForYouAsync(IPage page)
    {
        await page.GotoAsync("/me/benefits");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(page.Locator(".benefit-card").First).ToBeVisibleAsync();
    }

    private static ILocator CardOf(IPage page, string title) =>
        page.Locator(".benefit-card", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static string SeatsText(int seats) => seats switch { 0 => "Full", 1 => "1 seat left", _ => $"{seats} seats left" };

    [GeneratedRegex(@"\b([1-9]\d*) seats? left")]
    private static partial Regex SeatsLeft();

    [Fact]
    public async Task MultiInstance_staff_deactivated_on_A_are_signed_out_on_B_within_a_minute()
    {
        var email = $"two.places.{Guid.NewGuid():N}@loyaltyportal.test";
        var manager = await cluster.NewPageAsync(cluster.A.Url);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await manager.GotoAsync("/manager/staff");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "New account" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Full name").FillAsync("Jo Twoplaces");
        await dialog.GetByLabel("Work email").FillAsync(email);
        await dialog.Locator(".mud-select").First.ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = "Leeds Trinity" }).ClickAsync();
        await dialog.GetByLabel("Temporary password").FillAsync("Counter#2026");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var row = manager.Locator("tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Active");

        var staff = await cluster.NewPageAsync(cluster.B.Url, 1024, 768);
        await new LoginPage(staff).SignInAsync(email, "Counter#2026");
        await staff.WaitForURLAsync("**/counter");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Leeds Trinity counter" })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await manager.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");
        var deactivated = Stopwatch.StartNew();

        // B hears nothing from A: its open page rereads the account every 30 s and then sends it to sign in.
        await staff.WaitForURLAsync("**/Account/Login**", new() { Timeout = 60_000 });
        TestContext.Current.TestOutputHelper?.WriteLine($"Signed out on B {deactivated.Elapsed.TotalSeconds:0.0} s after the deactivation on A");
        Assert.True(deactivated.Elapsed <= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task MultiInstance_a_scheduled_slot_runs_on_one_instance_and_when_that_one_is_killed_the_other_runs_the_next()
    {
        await cluster.BothRoutableAsync();
        var instances = new[] { cluster.A, cluster.B };

        // Both instances wake for the same slots (every 10 s here); for each, one runs it and the other says why not.
        await SlotSeenByBothAsync(instances);
        foreach (var (seen, outcomes) in SlotsSeenByBoth(instances))
        {
            Assert.True(outcomes.Count(o => o == Ran) == 1, $"Slot {seen} ran on {outcomes.Count(o => o == Ran)} instances.");
        }
        // JobRuns names the instance whose log says it ran the last slot.
        var runner = await LastRunnerAsync(instances);
        var survivor = cluster.Other(runner);

        try
        {
            await runner.Process.KillAsync();
            var killedAt = DateTime.UtcNow;

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(await StandingsRunsAsync(killedAt)).Any(r => r.Instance == survivor.JobInstance))
            {
                Assert.True(DateTime.UtcNow < deadline, "The survivor never ran a slot after the other was killed:\n" + survivor.Process.Output);
                await Task.Delay(250, Ct);
            }

            // Managers see the same on the jobs page: the survivor's name on the standings job, and its schedule.
            var manager = await cluster.NewPageAsync(survivor.Url);
            await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
            await manager.WaitForURLAsync("**/manager");
            await manager.GotoAsync("/manager/jobs");
            var standings = manager.Locator("tr", new() { HasText = "Standings and achievements" });
            await Expect(standings).ToContainTextAsync(survivor.JobInstance);
            await Expect(standings).ToContainTextAsync($"On the schedule \"{MultiInstanceFixture.StandingsSchedule}\"");
        }
        finally
        {
            await runner.RestartAsync();
            await cluster.BothRoutableAsync();
        }
    }

    private const string Ran = "ran on this instance";

    private static async Task SlotSeenByBothAsync(MultiInstanceFixture.Instance[] instances)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (SlotsSeenByBoth(instances).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No standings slot was seen by both instances:\n" + instances[0].Process.Output);
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>The instance that JobRuns says ran the standings job's last slot, once its log says so too.</summary>
    private async Task<MultiInstanceFixture.Instance> LastRunnerAsync(MultiInstanceFixture.Instance[] instances)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            // The next slot may replace the row, or the log line lag the row by a moment: read both again until they agree.
            if (await StandingsRunsAsync(DateTime.MinValue) is [var (slot, ranBy)]
                && instances.SingleOrDefault(i => i.JobInstance == ranBy) is { } runner
                && runner.Process.Output.Contains($"Job standings for {slot:u} {Ran}", StringComparison.Ordinal))
            {
                return runner;
            }
            Assert.True(DateTime.UtcNow < deadline, "JobRuns never named an instance whose log ran that slot.");
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>Slots that every instance logged an outcome for, oldest first, with each instance's outcome in order.</summary>
    private static List<(string Slot, string[] Outcomes)> SlotsSeenByBoth(MultiInstanceFixture.Instance[] instances)
    {
        var logs = instances
            .Select(i => JobLine().Matches(i.Process.Output).ToDictionary(m => m.Groups["slot"].Value, m => m.Groups["outcome"].Value))
            .ToList();
        return logs[0].Keys.Where(slot => logs.All(l => l.ContainsKey(slot))).Order(StringComparer.Ordinal)
            .Select(slot => (slot, logs.Select(l => l[slot]).ToArray())).ToList();
    }

    [GeneratedRegex(@"Job standings for (?<slot>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ):? "
        + "(?<outcome>ran on this instance|already ran|another instance is running it)")]
    private static partial Regex JobLine();

    /// <summary>The standings job's last successful run from the JobRuns table, when its slot is at or after <paramref name="since"/>.</summary>
    private async Task<List<(DateTime Slot, string Instance)>> StandingsRunsAsync(DateTime since)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(
            """
            SELECT "Occurrence", "Instance" FROM "JobRuns" WHERE "Name" = 'standings' AND "Succeeded" AND "Occurrence" >= @since
            """, connection);
        query.Parameters.AddWithValue("since", DateTime.SpecifyKind(since, DateTimeKind.Utc));
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var runs = new List<(DateTime, string)>();
        while (await reader.ReadAsync(Ct)) runs.Add((reader.GetDateTime(0), reader.GetString(1)));
        return runs;
    }
}
