using Microsoft.Playwright;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// One app on a real port and one headless Debian Chromium, shared by the browser tests in a collection.
/// Without Chromium the tests skip with a reason; under CI=true a missing browser is a failure instead.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public PortalAppFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }

    public static string ArtifactsFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("LOYALTY_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: install Debian's chromium package (.ci/run does).");
            }
            SkipReason = $"Browser tests need Debian's Chromium at {ChromiumPath} (apt-get install chromium).";
            return;
        }

        // The whole suite runs in parallel on small CI machines; 5 s (Playwright's default) is too tight there.
        Assertions.SetDefaultExpectTimeout(15_000);
        BaseUrl = App.StartKestrel();
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>Debian's Chromium, headless, with nothing that would reach past this machine.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>A fresh browser context (its own cookies) at the given viewport width.</summary>
    /// <param name="viaLocalhost">Use the name localhost instead of 127.0.0.1: WebAuthn (passkeys) refuses IP addresses.</param>
    /// <param name="locale">The browser's language, sent as Accept-Language.</param>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, bool viaLocalhost = false, string locale = "en-GB")
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        return await TestBrowserContexts.NewPageAsync(Browser!, new BrowserNewContextOptions
        {
            BaseURL = viaLocalhost ? BaseUrl.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal) : BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The journeys: one app and browser, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The tours of every page for fit, look and axe: half the browser time, so they have their own app and browser and
/// run beside the journeys instead of after them (the suite runs two collections at once).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserLookCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, look";
}
