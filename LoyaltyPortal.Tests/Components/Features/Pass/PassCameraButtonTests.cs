using Bunit;
using LoyaltyPortal.Features.Pass;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Pass;

/// <summary>The counter's camera button: only where the browser reads QR codes, and the camera always let go.</summary>
public sealed class PassCameraButtonTests : PortalTestContext
{
    private BunitJSModuleInterop Scanner(bool supported, string startResult = "started")
    {
        var module = JSInterop.SetupModule(PassCameraButton.ModulePath);
        module.Setup<bool>("isSupported").SetResult(supported);
        module.Setup<string>("start", _ => true).SetResult(startResult);
        module.SetupVoid("stop", _ => true).SetVoidResult();
        return module;
    }

    [Fact]
    public void Without_barcode_detection_nothing_is_rendered()
    {
        Scanner(supported: false);

        var cut = Render<PassCameraButton>();

        cut.WaitForAssertion(() => Assert.Equal("", cut.Markup.Trim()));
    }

    [Fact]
    public async Task A_scanned_code_is_raised_and_the_camera_stops()
    {
        var scanner = Scanner(supported: true);
        Render<MudPopoverProvider>(); // for the tooltip
        string? scanned = null;
        var cut = Render<PassCameraButton>(p => p.Add(c => c.OnScanned, (string text) => scanned = text));

        cut.WaitForElement("button[aria-label='Scan pass']").Click();
        cut.WaitForElement("video");
        scanner.VerifyInvoke("start");
        await cut.InvokeAsync(() => cut.Instance.OnCodeDetected("LP1.scanned"));

        Assert.Equal("LP1.scanned", scanned);
        scanner.VerifyInvoke("stop");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("video")));
    }

    [Fact]
    public void A_refused_camera_explains_what_to_do()
    {
        Scanner(supported: true, startResult: "denied");
        Render<MudPopoverProvider>(); // for the tooltip
        var cut = Render<PassCameraButton>();

        cut.WaitForElement("button[aria-label='Scan pass']").Click();

        cut.WaitForAssertion(() => Assert.Contains(PassCameraButton.DeniedMessage, cut.Markup));
        Assert.Empty(cut.FindAll("video"));
    }

    [Fact]
    public async Task Closing_the_scanner_or_leaving_the_page_stops_the_camera()
    {
        var scanner = Scanner(supported: true);
        Render<MudPopoverProvider>(); // for the tooltip
        var cut = Render<PassCameraButton>();
        cut.WaitForElement("button[aria-label='Scan pass']").Click();
        cut.WaitForElement("video");

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Close").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("video")));
        Assert.Single(scanner.Invocations["stop"]);

        await DisposeComponentsAsync();
        Assert.Equal(2, scanner.Invocations["stop"].Count);
    }
}
