using System.IO.Compression;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Pass;
using LoyaltyPortal.Tests.Features.Pass;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// My pass with both wallets set up (an app of its own, with test keys) on a 390 px phone; and the counter's scanner on a
/// browser without BarcodeDetector (headless Chromium on Linux, like Safari on iPad), reading a real code offline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WalletTests(BrowserFixture browser)
{
    [Fact]
    public async Task Wallet_buttons_sit_under_the_code_on_a_phone_and_the_apple_button_downloads_the_pass()
    {
        Assert.SkipWhen(browser.SkipReason is not null, browser.SkipReason ?? "");
        using var keys = new WalletTestKeys();
        await using var app = new PortalAppFactory(keys.Settings());
        var baseUrl = app.StartKestrel();
        await using var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "en-GB", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await page.GotoAsync("/me/pass");
        await new Shell(page).WaitUntilInteractiveAsync();

        var apple = page.GetByRole(AriaRole.Link, new() { Name = "Add to Apple Wallet" });
        var google = page.GetByRole(AriaRole.Link, new() { Name = "Save to Google Wallet" });
        await Expect(apple).ToBeVisibleAsync();
        await Expect(google).ToHaveAttributeAsync("href", "/me/pass/wallet/google");
        foreach (var button in new[] { apple, google })
        {
            var box = await button.BoundingBoxAsync();
            Assert.True(box is { X: >= 0, Width: <= 390 } && box.X + box.Width <= 390, $"{box?.X} + {box?.Width} overflows 390 px");
        }
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page scrolls sideways: {pageWidth} px");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/pass with wallets");
        await BrowserFixture.ScreenshotAsync(page, "pass-wallet-390");

        var download = await page.RunAndWaitForDownloadAsync(() => apple.ClickAsync());
        Assert.Equal("loyalty-pass.pkpass", download.SuggestedFilename);
        await using var zip = new ZipArchive(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken)), ZipArchiveMode.Read);
        Assert.Contains(zip.Entries, e => e.FullName == "signature");
        Assert.Contains(zip.Entries, e => e.FullName == "manifest.json");
    }

    [Fact]
    public async Task Wallet_era_scanner_reads_a_real_code_with_the_bundled_stand_in_and_nothing_from_the_internet()
    {
        var page = await browser.NewPageAsync(1024, 768);
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync("/Account/Login");
        var svg = PassQr.Svg("LP1.read-by-the-stand-in", "test code").Replace("<svg ", "<svg width=\"300\" height=\"300\" ", StringComparison.Ordinal);

        var result = await page.EvaluateAsync<string>("""
            async (svg) => {
            const scanner = await import('/js/passScanner.js');
            delete window.BarcodeDetector; // Chromium on Linux has none already; Safari on iPad neither
            const img = new Image();
            img.src = 'data:image/svg+xml;base64,' + btoa(svg);
            await img.decode();
            const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 320 });
            const paint = canvas.getContext('2d');
            const draw = () => { paint.fillStyle = '#fff'; paint.fillRect(0, 0, 320, 320); paint.drawImage(img, 10, 10, 300, 300); };
            draw();
            setInterval(draw, 50);
            const stream = canvas.captureStream(20);
            Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: async () => stream } });
            const supported = await scanner.isSupported();
            document.body.append(Object.assign(document.createElement('video'), { id: 'e2e-standin-video', muted: true }));
            const handed = [];
            const status = await scanner.start('e2e-standin', { invokeMethodAsync: async (method, text) => { handed.push(text); } });
            for (let i = 0; i < 300 && handed.length === 0; i++) await new Promise(r => setTimeout(r, 50));
            return [supported ? 'supported' : 'unsupported', status, handed.join('|'), 'BarcodeDetector' in window ? 'global set' : 'no global'].join(' / ');
            }
            """, svg);

        Assert.Equal("supported / started / LP1.read-by-the-stand-in / no global", result);
        Assert.Contains(requested, url => url.EndsWith("/lib/zxing-wasm/zxing_reader.wasm", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.StartsWith(browser.BaseUrl, url, StringComparison.Ordinal));
    }
}
