using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Playwright;
using Xunit.v3;

[assembly: LoyaltyPortal.Tests.EndToEnd.ClosesBrowserContextsAfterEachTest]

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// The browser contexts each test opened, closed when that test ends. A fixture's browser lives for its whole
/// collection; left open, every finished test's pages kept a live circuit in the app and a busy renderer in Chromium,
/// and a hundred and fifty of them slowed every later test.
/// </summary>
public static class TestBrowserContexts
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<IBrowserContext>> ByTest = new();

    /// <summary>A new page in a new context (its own cookies), closed with the context when the current test ends.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        var test = TestContext.Current.Test?.UniqueID ?? "";
        ByTest.GetOrAdd(test, _ => []).Add(context);
        return await context.NewPageAsync();
    }

    internal static async Task CloseAsync(string test)
    {
        if (!ByTest.TryRemove(test, out var contexts)) return;
        foreach (var context in contexts)
        {
            // Nobody awaits this (xunit's hook is synchronous), so nothing may escape: a browser already gone with its
            // fixture has nothing left to close.
            try
            {
                await context.CloseAsync();
            }
            catch (Exception)
            {
            }
        }
    }
}

/// <summary>Closes the browser contexts a test opened through <see cref="TestBrowserContexts"/> once it has ended.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ClosesBrowserContextsAfterEachTestAttribute : BeforeAfterTestAttribute
{
    // Closing takes a round trip to the browser per context; the next test need not wait for it.
    public override void After(MethodInfo methodUnderTest, IXunitTest test) => _ = TestBrowserContexts.CloseAsync(test.UniqueID);
}
