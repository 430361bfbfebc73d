using Bunit;
using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Tests.Components.Shared;

/// <summary>A refusal from a service (an account deactivated while the page was open) reads as a refusal, not a crash.</summary>
public sealed class UnexpectedErrorTests : PortalTestContext
{
    [Fact]
    public void A_refused_caller_is_told_to_sign_in_again()
    {
        var cut = Render<UnexpectedError>(p => p.Add(c => c.Error, new UnauthorizedAccessException("Only store staff use the counter.")));

        Assert.Contains("You can't do that any more", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/Account/Login", cut.Find("a").GetAttribute("href"));
        Assert.DoesNotContain("Something went wrong", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_error_keeps_its_reference_and_try_again()
    {
        var cut = Render<UnexpectedError>(p => p.Add(c => c.Error, new InvalidOperationException("boom")));

        Assert.Contains("Something went wrong", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Try again", cut.Markup, StringComparison.Ordinal);
    }
}
