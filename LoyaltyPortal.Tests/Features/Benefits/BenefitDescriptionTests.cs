using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>Descriptions are Markdown written by managers; they must not be able to inject markup or script.</summary>
public sealed class BenefitDescriptionTests
{
    [Fact]
    public void Markdown_becomes_html()
    {
        var html = BenefitDescription.ToHtml("Run **with us**\n\n- 5k\n- 10k\n\n[Route](https://example.com/route)");

        Assert.Contains("<strong>with us</strong>", html);
        Assert.Contains("<li>5k</li>", html);
        Assert.Contains("href=\"https://example.com/route\"", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Raw_html_is_shown_as_text(string markdown)
    {
        var html = BenefitDescription.ToHtml(markdown);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JAVASCRIPT:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    public void Links_with_unsafe_schemes_lose_their_target(string markdown)
    {
        var html = BenefitDescription.ToHtml(markdown);

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"\"", html);
    }

    [Fact]
    public void Empty_description_is_empty() => Assert.Equal("", BenefitDescription.ToHtml(null));
}
