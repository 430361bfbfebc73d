using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using LoyaltyPortal.Data;
using LoyaltyPortal.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace LoyaltyPortal.Features.TillApi;

public sealed class TillApiOptions
{
    public const string Section = "TillApi";

    /// <summary>Calls one key may make per minute: a busy till makes a few a minute; a loop gone wrong makes thousands.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Largest request body a till may send; till bodies are a few hundred bytes.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;
}

/// <summary>One authorization policy per scope, each answering only to a till key.</summary>
public static class TillApiPolicies
{
    public static string For(ApiScopes scope) => "till:" + scope;
}

public static class TillApiSetup
{
    public const string ReferencePath = "/manager/api-reference";

    public static IServiceCollection AddTillApiServices(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<TillService>();
        return services;
    }

    /// <summary>Authentication, scopes, limits, error shape and the OpenAPI document for <c>/api/v1</c>.</summary>
    public static WebApplicationBuilder AddTillApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(TillApiOptions.Section).Get<TillApiOptions>() ?? new TillApiOptions();
        services.Configure<TillApiOptions>(builder.Configuration.GetSection(TillApiOptions.Section));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in Enum.GetValues<ApiScopes>().Where(s => s is not (ApiScopes.None or ApiScopes.All)))
        {
            authorization.AddPolicy(TillApiPolicies.For(scope), p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope.ToString()));
        }
        services.Configure<RateLimiterOptions>(limits => limits.AddPolicy(TillApiEndpoints.RateLimitPolicy, http =>
            RateLimitPartition.GetFixedWindowLimiter(
                "key:" + (http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "none"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.RequestsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddExceptionHandler<TillExceptionHandler>();
        services.AddProblemDetails();
        // A malformed body throws, so TillExceptionHandler answers it as a problem in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, context, _) =>
            {
                // The configured public address, never the request's Host: a till copies it into its settings.
                document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<PublicLinks>().BaseUri.AbsoluteUri }];
                document.Info = new OpenApiInfo
                {
                    Title = "LoyaltyPortal till API", Version = "v1",
                    Description = "Recognise members at the till and record what they do. Every write needs an Idempotency-Key header.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["TillApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A store's till API key, created by a manager: lp_…",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("TillApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer((schema, context, _) =>
            {
                // Money is decimal: "double" would tell generated clients to round amounts through binary floating point.
                if (context.JsonTypeInfo.Type == typeof(decimal) || context.JsonTypeInfo.Type == typeof(decimal?)) schema.Format = "decimal";
                return Task.CompletedTask;
            });
            openApi.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiIdempotency.KeyRequired>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = ApiIdempotency.Header, In = ParameterLocation.Header, Required = true,
                        Description = "Unique to this sale or action and reused on retries; a replay answers as the first call did.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ApiIdempotencyRecord.KeyMaxLength },
                    });
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Till errors stay JSON: the HTML status pages are for people, not for tills.</summary>
    public static WebApplication UseTillApiErrors(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(TillApiEndpoints.Prefix) && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(http);
        });
        return app;
    }

    public static WebApplication MapTillApiEndpoints(this WebApplication app)
    {
        app.MapTillApi();
        app.MapOpenApi("/openapi/{documentName}.json").DisableRateLimiting();
        app.MapScalarApiReference(ReferencePath, reference => reference
                .WithTitle("Till API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts())
            .RequireAuthorization(policy => policy.RequireRole(Roles.Manager));
        return app;
    }
}
