using System.Security.Claims;
using System.Threading.RateLimiting;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Export;
using LoyaltyPortal.Features.Members.Import;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Features.Signals;
using LoyaltyPortal.Features.Pass;
using LoyaltyPortal.Features.Pass.Wallet;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.Staff;
using LoyaltyPortal.Features.TillApi;
using LoyaltyPortal.Hosting.Telemetry;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace LoyaltyPortal.Hosting;

public static class PortalServices
{
    public const string AuthRateLimitPolicy = "auth";

    public static WebApplicationBuilder AddLoyaltyPortal(this WebApplicationBuilder builder)
    {
        builder.AddRepositoryDevelopmentSettings();
        var services = builder.Services;

        var circuits = builder.Configuration.GetSection(CircuitSettings.Section).Get<CircuitSettings>() ?? new CircuitSettings();
        services.AddRazorComponents().AddInteractiveServerComponents(circuits.Apply);
        services.AddSingleton<LoyaltyPortal.Components.Layout.ThemeStylesheets>();
        services.AddMudServices();
        // MudBlazor's own texts come from our resources in every language, English included, so the pseudo-language
        // test sees them too and English stays in the programme's wording.
        services.AddTransient<MudLocalizer, LoyaltyPortal.Components.Shared.PortalMudLocalizer>();
        services.AddLocalizationInterceptor(provider => new DefaultLocalizationInterceptor(
            provider.GetRequiredService<ILoggerFactory>(), provider.GetRequiredService<MudLocalizer>()) { IgnoreDefaultEnglish = true });
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        builder.AddLoyaltyDatabase();
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<BenefitReminderWorker>();
        services.AddHostedService<StandingRefreshWorker>();
        services.AddHostedService<InsightsRollupWorker>();
        services.AddHostedService<AtRiskSnapshotWorker>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<AuditRetentionWorker>();
        services.AddHealthChecks().AddDbContextCheck<LoyaltyDbContext>("database", tags: [SchemaHealthCheck.ReadyTag])
            .AddCheck<SchemaHealthCheck>("schema", tags: [SchemaHealthCheck.ReadyTag])
            .AddCheck<JobsHealthCheck>("jobs", tags: [SchemaHealthCheck.ReadyTag]);
        builder.AddPortalSecurity();
        services.AddPortalTelemetry(builder.Configuration);

        AddIdentity(services);
        AddRateLimiting(builder);
        builder.AddTillApi();
        builder.AddCrossInstanceSignal(SchemaHealthCheck.ReadyTag);

        // The old setting named a calling code ("44"); a region ("GB") also says how national numbers look.
        if (builder.Configuration[$"{MemberSettings.Section}:DefaultCountryCode"] is not null)
        {
            throw new InvalidOperationException("Members:DefaultCountryCode is now Members:DefaultRegion, a region such as GB.");
        }
        services.Configure<MemberSettings>(builder.Configuration.GetSection(MemberSettings.Section));
        services.Configure<ReferralSettings>(builder.Configuration.GetSection(ReferralSettings.Section));
        services.Configure<RecognitionOptions>(builder.Configuration.GetSection(RecognitionOptions.Section));
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.Configure<PassOptions>(builder.Configuration.GetSection(PassOptions.Section));
        services.Configure<WalletOptions>(builder.Configuration.GetSection(WalletOptions.Section));
        services.Configure<BookingOptions>(builder.Configuration.GetSection(BookingOptions.Section));
        services.Configure<PulseOptions>(builder.Configuration.GetSection(PulseOptions.Section));
        services.Configure<InsightsSettings>(builder.Configuration.GetSection(InsightsSettings.Section));
        services.Configure<AccountEmailThrottleOptions>(builder.Configuration.GetSection(AccountEmailThrottleOptions.Section));
        services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        services.Configure<JobScheduleOptions>(builder.Configuration.GetSection(JobScheduleOptions.Section));
        services.Configure<AuditRetentionOptions>(builder.Configuration.GetSection(AuditRetentionOptions.Section));
        // Callers queue emails in the outbox (see AddPortalFeatures); the outbox worker hands them to this transport.
        var delivery = builder.Configuration.GetValue(EmailOptions.Section + ":" + nameof(EmailOptions.Delivery), EmailDelivery.Folder);
        if (delivery == EmailDelivery.Smtp) services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        else services.AddSingleton<IEmailTransport, FolderEmailTransport>();
        services.AddPortalFeatures();
        return builder;
    }

    /// <summary>The feature services; tests register the same set over their own database.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddPortalLocalization();
        services.AddDatabaseUpkeep();
        services.AddPortalMetrics();
        services.AddOptions<RecognitionOptions>();
        services.AddOptions<PortalOptions>()
            .Validate(o => PortalOptions.IsValidBaseUrl(o.PublicBaseUrl), PublicLinks.PublicBaseUrlMessage)
            .ValidateOnStart();
        services.AddSingleton<PublicLinks>();
        services.AddOptions<AccountEmailThrottleOptions>()
            .Validate(o => o.EmailsPerAddressPerHour >= 1, "RateLimiting:EmailsPerAddressPerHour must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<AccountEmailThrottle>();
        services.AddOptions<BookingOptions>();
        services.AddSingleton<ActiveCallers>();
        services.AddOptions<MemberSettings>()
            .Validate(o => MemberRules.IsSupportedRegion(o.DefaultRegion), "Members:DefaultRegion must be a region such as GB (ISO 3166, upper case).")
            .ValidateOnStart();
        services.AddSingleton<PhoneDisplay>();
        services.AddSingleton<MemberService>();
        services.AddSingleton<ImportFileStore>();
        services.AddSingleton<MemberImportService>();
        services.AddSingleton<MemberImportJobs>();
        services.AddSingleton<MemberExportService>();
        services.AddSingleton<ReferralService>();
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<MemberDirectoryService>();
        services.AddSingleton<MemberOverviewService>();
        services.AddSingleton<PersonalDataService>();
        services.AddSingleton<StaffAccountService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<InsightsService>();
        services.AddHybridCache();
        services.AddSingleton<AdvocacyInsightsService>();
        services.AddSingleton<SignificanceInsightsService>();
        services.AddSingleton<AtRiskService>();
        services.AddSingleton<AtRiskRecalculation>();
        services.AddSingleton<AtRiskSnapshotBuilder>();
        services.AddSingleton<TierInsightsService>();
        services.AddSingleton<ExperienceInsightsService>();
        services.AddSingleton<CounterService>();
        services.AddSingleton<RecognitionService>();
        services.AddOptions<AuditRetentionOptions>();
        services.AddSingleton<AuditRetention>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<CounterSearchService>();
        services.AddSingleton<ClaimTokens>();
        services.AddSingleton<EnrolmentService>();
        services.AddSingleton<MemberClaimService>();
        services.AddSingleton<CardViewAuditService>();
        services.AddSingleton<MyProgressService>();
        services.AddSingleton<ProgressSuggestionService>();
        services.AddSingleton<CelebrationService>();
        services.AddSingleton<StandingRefresh>();
        services.AddSingleton<ProgrammeSetupService>();
        services.AddSingleton<PortalSignal>();
        services.AddSingleton<ScheduledJobs>();
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<JobStatusService>();
        services.AddSingleton<MemberEvents>();
        services.AddSingleton<MemberNotifier>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<BookingService>();
        services.AddSingleton<BenefitCatalogue>();
        services.AddSingleton<ForYouService>();
        services.AddSingleton<BenefitOperationsService>();
        services.AddSingleton<ExperienceFeedbackService>();
        services.AddSingleton<BenefitReminderService>();
        services.AddSingleton<BenefitAdminService>();
        services.AddOptions<PassOptions>()
            .Validate(o => o.TokenLifetimeMinutes is >= 1 and <= PassOptions.MaxTokenLifetimeMinutes, $"Pass:TokenLifetimeMinutes must be between 1 and {PassOptions.MaxTokenLifetimeMinutes}.")
            .ValidateOnStart();
        services.AddSingleton<PassService>();
        services.AddOptions<WalletOptions>().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WalletOptions>, WalletOptionsValidation>();
        services.AddSingleton<WalletPassService>();
        services.AddOptions<PulseOptions>()
            .Validate(o => o.IntervalDays >= 1 && o.NewMemberDays >= 0, "Pulse:IntervalDays must be at least 1 and Pulse:NewMemberDays at least 0.")
            .ValidateOnStart();
        services.AddSingleton<PulseService>();
        services.AddOptions<InsightsSettings>()
            .Validate(o => o.ExactUpToMembers >= 0 && o.SampleMembers >= 100, "Insights:ExactUpToMembers must be at least 0 and Insights:SampleMembers at least 100.")
            .ValidateOnStart();
        services.AddSingleton<FeedbackReplyService>();
        services.AddSingleton<YouSaidWeDidService>();
        services.AddTillApiServices();
        AddOutbox(services);
        return services;
    }

    /// <summary>The outbox, its worker's dispatcher and webhooks. Emails go through the outbox unless a host (a test) chose another sender first.</summary>
    private static void AddOutbox(IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().Validate(o => o.IsValid(), OutboxOptions.InvalidMessage).ValidateOnStart();
        services.AddOptions<WebhookOptions>().Validate(o => o.IsValid(), WebhookOptions.InvalidMessage).ValidateOnStart();
        services.AddOptions<EmailOptions>()
            .Validate(o => o.GiveUpAfter >= TimeSpan.FromMinutes(1) && o.GiveUpAfter <= TimeSpan.FromDays(30), "Email:GiveUpAfter must be 1 minute to 30 days.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<WebhookPublisher>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookService>();
        WebhookSender.Configure(services);
    }

    /// <summary>Password, lockout and sign-in rules, shared with tests.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        // "Confirmed" here means "not deactivated" (see ActiveUserConfirmation).
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        // The user name is the email address, already checked by MemberRules.ValidateEmail. Identity's default
        // character list refused real addresses (an apostrophe, an accent) with a message about a "username".
        options.User.AllowedUserNameCharacters = "";
        options.Password.RequiredLength = 8;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddCascadingCaller();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Events.OnValidatePrincipal = CircuitRequestValidation.ValidatePrincipalAsync;
        });
        // Deactivating an account changes its security stamp; check stamps often so it takes effect quickly.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LoyaltyDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<ApplicationUser>, ActiveUserConfirmation>();
        services.AddSingleton<IEmailSender<ApplicationUser>, AccountEmailSender>();
    }

    private static void AddRateLimiting(WebApplicationBuilder builder)
    {
        var permitLimit = builder.Configuration.GetValue("RateLimiting:AuthPermitLimit", 10);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimiting:AuthWindowSeconds", 60));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                if (context.HttpContext.Request.Path.StartsWithSegments(TillApiEndpoints.Prefix))
                {
                    await TillProblems.Status(StatusCodes.Status429TooManyRequests, "This key has made too many calls this minute; wait and retry.")
                        .ExecuteAsync(context.HttpContext);
                    return;
                }
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many attempts from your network. Please wait a minute and try again.", ct);
            };
            // Only form posts count: reading the login page is free, guessing passwords is not.
            options.AddPolicy(AuthRateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }

    /// <summary>
    /// Signed-in users are limited as themselves, so staff behind one shop router don't share a budget; everyone else by
    /// address, which is the proxy's unless it is a configured trusted proxy (see <see cref="PortalSecurity"/>).
    /// </summary>
    public static string PartitionKey(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? "user:" + userId
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
