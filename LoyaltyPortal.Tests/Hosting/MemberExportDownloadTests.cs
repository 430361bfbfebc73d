using System.Net;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>The export endpoints stream CSV to managers and to nobody else.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class MemberExportDownloadTests(PortalApp app)
{
    [Fact]
    public async Task Export_of_members_streams_a_csv_download_to_a_manager()
    {
        using var response = await (await app.ClientAsync(Roles.Manager)).GetAsync("/manager/members/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("members-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("Member code,External id,Preferred name", body.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(body.Split('\n').Length > 100);
    }

    [Fact]
    public async Task Export_of_activity_with_a_backwards_range_is_a_bad_request()
    {
        using var response = await (await app.ClientAsync(Roles.Manager)).GetAsync("/manager/activities/export.csv?from=2026-02-01&to=2026-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Member)]
    public async Task Export_is_not_served_to_staff_or_members(string role)
    {
        using var response = await (await app.ClientAsync(role)).GetAsync("/manager/activities/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Occurred at", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
