using Bunit;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Benefits.Feedback;
using LoyaltyPortal.Tests.Features.Benefits.Operations;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>After sending feedback the member is thanked once: a heading, then what happens next.</summary>
public sealed class FeedbackPageTests : PortalTestContext
{
    [Fact]
    public async Task Sending_feedback_says_thank_you_once()
    {
        var trial = await Db.AddTrialAsync();
        var (member, bookingId) = await Db.BookAsync(trial.Id);
        var staff = await Db.AddStaffAsync();
        var operations = Db.Get<BenefitOperationsService>();
        await operations.HandOutAsync(staff, bookingId, Xunit.TestContext.Current.CancellationToken);
        Assert.True((await operations.MarkKeptAsync(staff, bookingId, 120m, Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(member);
        var cut = Render<FeedbackPage>(p => p.Add(c => c.BookingId, bookingId));
        cut.WaitForElement("form");

        cut.FindAll(".mud-rating-item").Skip(3).First().Click();
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Thank you", cut.Find("h1").TextContent.Trim()));
        Assert.Equal("Your feedback is with the team.", cut.Find(".mud-alert-message").TextContent.Trim());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(cut.Markup, "Thank you", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }
}
