using Bunit;
using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Tests.Components.Shared;

public sealed class AccessDeniedNoticeTests : PortalTestContext
{
    [Fact]
    public void Says_access_denied()
    {
        var cut = Render<AccessDeniedNotice>();

        Assert.Equal("Access denied", cut.Find("h1").TextContent);
    }

    [Fact]
    public void Offers_the_way_home()
    {
        var cut = Render<AccessDeniedNotice>();

        Assert.Equal("/", cut.Find("a").GetAttribute("href"));
    }
}
