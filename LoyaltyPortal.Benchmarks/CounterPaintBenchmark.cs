using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LoyaltyPortal.Benchmarks;

/// <summary>
/// What staff feel at the counter: in Chromium, the time from the last keystroke of a three-letter name prefix
/// until its results are painted, debounce, circuit round trip, search and render included. Needs the app running
/// on the same database (--Base=http://localhost:5090); prefixes are drawn from the members it holds.
/// </summary>
internal static class CounterPaintBenchmark
{
    private const int Prefixes = 40;

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var baseUrl = services.GetRequiredService<IConfiguration>()["Base"] ?? "http://localhost:5090";
        var dbFactory = services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();
        List<string> prefixes;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var count = await db.Members.CountAsync();
            var step = Math.Max(1, count / Prefixes);
            var names = await db.Members.AsNoTracking().Where(m => m.Id % step == 0 && m.AnonymisedAt == null).Take(Prefixes).Select(m => m.PreferredName).ToListAsync();
            prefixes = names.Select(n => MemberSearchForms.NameWords(n).Last()).Where(w => w.Length >= 3).Select(w => w[..3]).ToList();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await (await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1024, Height = 768 } })).NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", DemoAccounts.Staff.Email);
        await page.FillAsync("#Input\\.Password", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/counter"), new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("body[data-interactive=\"true\"]");
        // Every change of the results list is stamped at the next animation frame, i.e. when it is painted.
        await page.EvaluateAsync("""
            () => {
              window.__last = 0; window.__paints = []; window.__text = '';
              document.addEventListener('keydown', () => { window.__last = performance.now(); }, { capture: true });
              new MutationObserver(() => {
                const list = document.getElementById('counter-results');
                const text = list ? list.innerText : '';
                if (text !== window.__text) { window.__text = text; requestAnimationFrame(() => window.__paints.push(performance.now())); }
              }).observe(document.body, { childList: true, subtree: true, characterData: true });
            }
            """);
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Find a member" });
        var samples = new List<double>();
        foreach (var prefix in prefixes)
        {
            await box.FillAsync("");
            await page.WaitForTimeoutAsync(500);
            await page.EvaluateAsync("() => { window.__paints = []; }");
            await box.PressSequentiallyAsync(prefix, new() { Delay = 80 });
            await page.WaitForFunctionAsync("() => window.__text.length > 0", null, new() { Timeout = 10_000 });
            // The results are final once nothing has changed for a second; the last change is the one that counts.
            await page.WaitForTimeoutAsync(1000);
            var ms = await page.EvaluateAsync<double>("() => { const p = window.__paints; return p.length && p[p.length - 1] > window.__last ? p[p.length - 1] - window.__last : -1; }");
            if (ms >= 0) samples.Add(ms);
        }
        samples.Sort();
        Console.WriteLine();
        Console.WriteLine($"| Counter keystroke to paint (Chromium, {samples.Count} three-letter prefixes) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| Last keystroke → results painted | {BenchmarkRunner.Percentile([.. samples], 0.50):F0} | {BenchmarkRunner.Percentile([.. samples], 0.95):F0} | {samples[^1]:F0} |");
        return samples.Count == prefixes.Count ? 0 : 1;
    }
}
