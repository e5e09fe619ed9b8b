using MudBlazor.Services;
using InvoiceHub.Web.Components;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features;
using InvoiceHub.Web.Features.Account;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.CreditNotes;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Infrastructure;
using InvoiceHub.Web.Infrastructure.DemoData;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace InvoiceHub.Web;

/// <summary>The composition of InvoiceHub: services first, then the request pipeline.</summary>
public static class InvoiceHubApp
{
    private const string SmartScheme = "InvoiceHub";

    public static WebApplicationBuilder AddInvoiceHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Infrastructure.AppAddress>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddTransient<MudBlazor.MudLocalizer, MudTextLocalizer>();
        services.AddSingleton<Features.Shell.ThemePreferences>();
        services.AddLocalization();
        services.AddScoped<LanguagePreferences>();

        services.AddInvoiceHubDatabase(builder.Configuration, builder.Environment);
        Infrastructure.Security.DatabaseKeyRing.AddTo(services);
        services.AddSingleton<Features.Settings.SettingsService>();
        services.AddSingleton<Features.Portal.PortalQueries>();
        services.AddSingleton<Features.Dashboard.StaffDashboardQueries>();
        services.AddSingleton<Features.Invoices.InvoiceListQuery>();
        services.AddSingleton<Integrations.Email.EmailOutbox>();
        services.AddSingleton<Integrations.Email.IEmailLetterhead, Features.Settings.CompanyLetterhead>();
        services.AddMoneyCore();
        services.AddCreditNotes();
        services.AddSingleton<Features.Clients.ClientListQuery>();
        services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));

        AddIdentity(services);

        // Titles written in English by the framework or an endpoint read in the caller's language (ProblemText).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Infrastructure.Errors.ProblemText.Translate);
        services.AddInvoiceHubReverseProxy(builder.Configuration);
        services.AddInvoiceHubRateLimits(builder.Configuration);
        services.AddHealthChecks().AddDbContextCheck<Data.InvoiceHubDbContext>("database");
        services.AddOpenApi("v1");
        builder.AddMollie();
        services.AddInvoiceHubApi();
        Features.Payments.OnlinePaymentsRegistration.AddOnlinePayments(services);
        Features.PaymentLinks.PaymentLinksRegistration.AddPaymentLinksAndProviders(services, builder.Configuration);
        builder.AddInvoiceHubJobs();
        services.AddStaffScreens();
        Features.Receipts.ReceiptsRegistration.AddReceiptsAndStatements(services);
        return builder;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentitySeeder>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o =>
            {
                // A bearer token on /api means an API client; everything else is a browser with the sign-in cookie
                // (the built-in Mollie simulator receives Mollie keys as bearer tokens; they are not ours to check).
                o.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api")
                    && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKeys.Scheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "InvoiceHub.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SecurityStampCheck.ValidateWhenDueAsync;
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<IdentityErrors>()
            .AddEntityFrameworkStores<Data.InvoiceHubDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ClientClaimsFactory>();

        // Identity's stores need a scoped context; everything else uses the factory.
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.InvoiceHubDbContext>>().CreateDbContext());

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Finance))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Client, p => p.RequireRole(Roles.Client).RequireClaim(InvoiceHubClaims.ClientId));
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// An /api path that matched no endpoint: 401 without a valid key (so the API's shape is not probed
    /// anonymously), otherwise a problem 404 — never the HTML not-found page. A fallback route would not do:
    /// it also wins when a real endpoint is filtered out by its content type.
    /// </summary>
    private static Task UnknownApiPath(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not null || !context.Request.Path.StartsWithSegments("/api"))
        {
            return next(context);
        }
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no such API call. The calls are listed in /openapi/v1.json.").ExecuteAsync(context);
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (database.MigrateOnStartup)
        {
            await DatabaseInitializer.MigrateAsync(app.Services);
        }

        await app.Services.GetRequiredService<Features.Settings.SettingsService>().EnsureCreatedAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
        await seeder.EnsureRolesAsync();

        var demo = app.Configuration.GetSection(DemoDataOptions.Section).Get<DemoDataOptions>() ?? new DemoDataOptions();
        if (demo.Seed)
        {
            await DemoDataSeeder.SeedAsync(scope.ServiceProvider, demo);
        }
    }

    public static WebApplication UseInvoiceHub(this WebApplication app)
    {
        // First: everything after it (HSTS, rate limits, links built on the request) sees the client's address and scheme.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // Problem details for the API, a plain error page for people; never a stack trace outside Development.
        app.UseExceptionHandler();
        // The API answers bare status codes with problem details; people get the not-found page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), web => web.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status-code pages: a re-executed request (an unknown address → /not-found) is routed
        // again; with routing only at the start of the pipeline it kept no endpoint and answered an empty 404.
        app.UseRouting();

        app.UseSecurityHeaders();

        // The request's language, and the culture its dates and money follow (Infrastructure/Localization/LanguageSelection).
        app.UseInvoiceHubLanguages();

        app.UseInvoiceHubRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(UnknownApiPath);
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAccountEndpoints();
        app.MapLanguageSwitch();
        Features.Payments.OnlinePaymentsRegistration.MapOnlinePayments(app);
        app.MapMollieSimulatorIfEnabled();
        app.MapInvoiceHubApi();
        app.MapStaffScreens();
        Features.Receipts.ReceiptsRegistration.MapReceiptsAndStatements(app);
        app.MapCreditNotes();
        app.MapJobsDashboard();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
