using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Health, errors and unknown addresses: what operators and lost users see.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class PipelineTests(PortalApp app)
{
    private const string Secret = "Boom: secret detail from deep inside";

    [Fact]
    public async Task Health_reports_healthy_json_with_a_database_check()
    {
        using var response = await app.NewClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/health/live", new string[0])]
    [InlineData("/health/ready", new[] { "database", "jobs", "schema" })]
    public async Task Health_live_answers_for_the_process_and_ready_for_the_database_and_schema(string path, string[] checks)
    {
        using var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(checks, json.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
    }

    [Fact]
    public async Task Error_page_shows_a_request_id_to_quote()
    {
        var page = await app.NewClient().GetPageAsync("/Error");

        var requestId = page.Document.QuerySelector("[data-testid=request-id]")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(requestId));
    }

    [Fact]
    public async Task Unhandled_exception_shows_the_error_page_with_a_request_id()
    {
        var page = await ThrowingClient().GetPageAsync("/test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Contains("Something went wrong", page.Html, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=request-id]"));
    }

    [Fact]
    public async Task Unhandled_exception_reveals_no_exception_text_or_stack_trace()
    {
        var page = await ThrowingClient().GetPageAsync("/test/throw");

        Assert.DoesNotContain(Secret, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at LoyaltyPortal", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_address_gets_404_with_the_friendly_not_found_page()
    {
        var page = await app.NewClient().GetPageAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("We couldn&#x27;t find that page", page.Html, StringComparison.Ordinal);
        Assert.Contains("Go to my home page", page.Html, StringComparison.Ordinal);
    }

    /// <summary>The app plus one address that throws, behind everything the app maps, so its own error handling applies.</summary>
    private PortalClient ThrowingClient()
    {
        var factory = app.Factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.AddTransient<IStartupFilter, ThrowingEndpoint>()));
        return new PortalClient(factory.CreateClient(new() { AllowAutoRedirect = false }));
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use((HttpContext context, RequestDelegate rest) =>
                context.Request.Path == "/test/throw" ? throw new InvalidOperationException(Secret) : rest(context));
        };
    }
}
