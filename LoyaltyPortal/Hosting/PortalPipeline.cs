using System.Text.Json;
using LoyaltyPortal.Components;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members.Export;
using LoyaltyPortal.Features.Pass.Wallet;
using LoyaltyPortal.Features.TillApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace LoyaltyPortal.Hosting;

public static class PortalPipeline
{
    public static WebApplication MapLoyaltyPortal(this WebApplication app)
    {
        app.WarnAboutUnsafeSettings();
        // Trusted proxies come from configuration (PortalSecurity); anyone else's X-Forwarded-For is ignored.
        app.UseForwardedHeaders();
        // After authentication (which WebApplication runs first), so a signed-in person's stored language applies.
        app.UseRequestLocalization();
        // No stack traces for users in any environment: the error page shows a request id to quote instead.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseTillApiErrors();

        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapThemeStylesheets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableRateLimiting();
        // Liveness is the process answering (no checks), so a slow database never gets a healthy instance restarted;
        // readiness is what a proxy routes on.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(SchemaHealthCheck.ReadyTag), ResponseWriter = WriteHealthAsync,
        }).DisableRateLimiting();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapLanguageSwitch();
        app.MapBookingEndpoints();
        app.MapBenefitImages();
        app.MapWalletEndpoints();
        app.MapMemberExportEndpoints();
        app.MapTillApiEndpoints();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }
}
