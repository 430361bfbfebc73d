using System.Text.RegularExpressions;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>My pass on a phone: a large, centred QR code with its white margin in either theme, and a reset that takes effect.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PassTests(BrowserFixture browser)
{
    public const string ShotsFolder = "/tmp/shots";

    private static ILocator Qr(IPage page) => page.GetByRole(AriaRole.Img, new() { NameRegex = QrName() });

    [Fact]
    public async Task A_member_opens_my_pass_on_a_phone_and_sees_a_large_centred_qr_code_and_their_code()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Show my pass" }).ClickAsync();
        await page.WaitForURLAsync("**/me/pass");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My pass", Level = 1 })).ToBeVisibleAsync();
        await Expect(Qr(page)).ToBeVisibleAsync();
        await Expect(page.Locator(".pass-code")).ToHaveTextAsync("Member code DEMO2026");
        await AssertLargeAndCentredAsync(page);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/pass");
        await SaveShotAsync(page, "pass-390");
    }

    [Fact]
    public async Task In_dark_mode_the_code_keeps_its_white_margin_and_a_reset_shows_a_new_one()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.Context.AddCookiesAsync([new Cookie { Name = "lp-theme", Value = "dark", Url = browser.BaseUrl }]);
        await new RegisterPage(page).JoinAsync("Pat Pass");
        await page.GotoAsync("/me/pass");
        await new Shell(page).WaitUntilInteractiveAsync();

        await Expect(Qr(page)).ToBeVisibleAsync();
        Assert.Equal("rgb(255, 255, 255)", await page.Locator(".pass-qr").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await AssertLargeAndCentredAsync(page);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/pass (dark)");
        await SaveShotAsync(page, "pass-390-dark");

        var before = await Qr(page).InnerHTMLAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset my pass" }).ClickAsync();
        await Expect(page.GetByText("Your current QR code stops working straight away.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset pass" }).ClickAsync();

        await Expect(page.GetByText("Your pass was reset. Older codes no longer work.")).ToBeVisibleAsync();
        Assert.NotEqual(before, await Qr(page).InnerHTMLAsync());
    }

    /// <summary>
    /// The scanner module in a real browser, with the camera and BarcodeDetector stood in for (headless Chromium on Linux
    /// has neither): the first code read goes to .NET once, and the camera is released.
    /// </summary>
    [Fact]
    public async Task The_scanner_module_hands_over_the_first_code_and_releases_the_camera()
    {
        var page = await browser.NewPageAsync(1024, 768);
        await page.GotoAsync("/Account/Login");

        var result = await page.EvaluateAsync<string>(FakeCameraScript + """
            const video = Object.assign(document.createElement('video'), { id: 'e2e-scan-video', muted: true });
            document.body.append(video);
            const handed = [];
            const status = await scanner.start('e2e-scan', { invokeMethodAsync: async (method, text) => { handed.push(method + ':' + text); } });
            for (let i = 0; i < 100 && handed.length === 0; i++) await new Promise(r => setTimeout(r, 50));
            await new Promise(r => setTimeout(r, 500));
            const released = stream.getTracks().every(t => t.readyState === 'ended') && video.srcObject === null;
            return [status, handed.join('|'), released ? 'camera released' : 'camera still on'].join(' / ');
            }
            """);

        Assert.Equal("started / OnCodeDetected:LP1.from-camera / camera released", result);
    }

    [Fact]
    public async Task The_scanner_module_reports_a_refused_camera()
    {
        var page = await browser.NewPageAsync(1024, 768);
        await page.GotoAsync("/Account/Login");

        var status = await page.EvaluateAsync<string>(FakeCameraScript + """
            navigator.mediaDevices.getUserMedia = async () => { throw new DOMException('Permission denied', 'NotAllowedError'); };
            document.body.append(Object.assign(document.createElement('video'), { id: 'e2e-denied-video' }));
            return await scanner.start('e2e-denied', { invokeMethodAsync: async () => {} });
            }
            """);

        Assert.Equal("denied", status);
    }

    // Opens an async function body: a canvas stream for the camera, and a detector that sees a code on its third look.
    private const string FakeCameraScript = """
        async () => {
        const scanner = await import('/js/passScanner.js');
        const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
        const paint = canvas.getContext('2d');
        setInterval(() => paint.fillRect(0, 0, 64, 64), 50);
        const stream = canvas.captureStream(20);
        let looks = 0;
        window.BarcodeDetector = class {
            static async getSupportedFormats() { return ['qr_code']; }
            async detect() { return ++looks < 3 ? [] : [{ rawValue: 'LP1.from-camera' }]; }
        };
        Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: async () => stream } });

        """;

    private static async Task AssertLargeAndCentredAsync(IPage page)
    {
        // The live page draws the code again once its circuit starts; measure the code that stays.
        LocatorBoundingBoxResult? box = null;
        for (var attempt = 0; attempt < 30 && box is null; attempt++)
        {
            await Qr(page).WaitForAsync();
            box = await Qr(page).BoundingBoxAsync();
            if (box is null) await page.WaitForTimeoutAsync(100);
        }
        Assert.NotNull(box);
        Assert.InRange(box.Width, 300, 360); // nearly the whole width of a 390 px phone
        Assert.Equal(box.Width, box.Height, 1);
        var pageWidth = await page.EvaluateAsync<double>("() => document.documentElement.clientWidth");
        Assert.InRange(box.X + box.Width / 2 - pageWidth / 2, -2, 2);
    }

    private static async Task SaveShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ShotsFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotsFolder, name + ".png"), FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    [GeneratedRegex("^QR code of your pass, member code ")]
    private static partial Regex QrName();
}
