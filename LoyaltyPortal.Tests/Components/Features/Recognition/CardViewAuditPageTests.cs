using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.Recognition.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Components.Features.Recognition;

/// <summary>The card-view audit tells managers how long views are kept, from the configured retention period.</summary>
public sealed class CardViewAuditPageTests : PortalTestContext
{
    [Fact]
    public async Task The_audit_page_says_how_long_card_views_are_kept()
    {
        Services.AddSingleton(Options.Create(new AuditRetentionOptions { RetentionDays = 90 }));
        SignIn(await Db.AddUserAsync(Roles.Manager, "Maya Patel"));

        var cut = Render<CardViewAuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("Views older than 90 days are deleted each night.", cut.Markup, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("No card views match these filters", cut.Markup, StringComparison.Ordinal));
    }
}
