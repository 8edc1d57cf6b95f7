using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Web.Api;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Mamori.Web;

public static class WebApp
{
    private const string BySchemePath = "ByPath";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Settings and static files ship next to the binary; the working directory holds data/.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Item 72: responses do not name the server software or its version.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            Tls.Configure(k);
        });
        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        return new DatabaseOptions
        {
            Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p)
                ? p
                : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'."),
            ConnectionString = configuration.GetConnectionString("Mamori"),
        };
    }

    private static Mamori.Campaigns.ConfiguredPublicAddress ReadPublicAddress(IConfiguration configuration) =>
        new(configuration["Campaigns:PublicBaseUrl"]);

    public static (string? KeyFile, string? AnchorFile) ReadAuditFiles(IConfiguration configuration) =>
        (configuration["Audit:KeyFile"], configuration["Audit:AnchorFile"]);

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMamoriCore(ReadDatabaseOptions(configuration), ReadAuditFiles(configuration));
        KeyProtection.Configure(services, configuration);
        new IdentityBuilder(typeof(User), services).AddSignInManager();

        // /api answers only to bearer tokens, pages only to the sign-in cookie, whatever endpoint routing picks
        // (a 404 or 415 under /api must still say 401 in JSON, not redirect to the sign-in page).
        services.AddAuthentication(o => o.DefaultScheme = o.DefaultChallengeScheme = o.DefaultForbidScheme = BySchemePath)
            .AddPolicyScheme(BySchemePath, null, o => o.ForwardDefaultSelector = c =>
                ProblemResponses.IsApi(c) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.Cookie.Name = "mamori.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A signed-in person refused a page gets a 403 page where they are, not a redirect to a page that isn't there.
            o.Events.OnRedirectToAccessDenied = c =>
            {
                c.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // Idle timeout: the cookie lapses after this long without a request (sliding).
            o.ExpireTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Session:IdleMinutes", 15));
            o.SlidingExpiration = true;
            SessionLifetime.Configure(o, configuration);
        });
        // The guideline's lockout (5 failures, 15 minutes) unless the installation sets its own.
        services.Configure<IdentityOptions>(o =>
        {
            o.Lockout.MaxFailedAccessAttempts = Math.Clamp(configuration.GetValue("Lockout:MaxFailedAttempts", 5), 1, 100);
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Lockout:Minutes", 15), 1, 24 * 60));
        });
        // "Sign out everywhere" changes the user's security stamp; every node re-checks it this often.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Session:RevalidateSeconds", 5));
            SessionLifetime.KeepSignInTime(o);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiTokenHandler.Policy, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mamori.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Japanese stays readable in the HTML instead of becoming &#x...; entities (and pages stay small).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("ja-JP"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("ja-JP");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Pages switch only when asked (the /culture link), so an English browser does not turn the Japanese UI
            // English unasked; a program calling the API says which language it reads the way HTTP does.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(c => ProblemResponses.IsApi(c)
                    ? acceptLanguage.DetermineProviderCultureResult(c)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        services.AddRazorPages(o => o.Conventions.AllowAnonymousToPage("/Setup").AllowAnonymousToPage("/Login").AllowAnonymousToPage("/LoginTwoFactor").AllowAnonymousToPage("/Error"))
            .AddViewLocalization()
            // No client-side validation script is served, and its hidden <li style="display:none"> in every empty
            // validation summary broke the Content-Security-Policy (style-src 'self') on every form page.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, BindingMessages>();
        services.AddProblemDetails(ProblemResponses.Configure);
        // Let malformed JSON reach the exception handler, which answers with a specific Japanese message.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddHealthChecks();
        services.AddMamoriRateLimits(configuration);
        services.AddHostedService<AuditRetention>();
        services.AddHostedService<AuditAnchoring>();
        var smtp = SmtpSettings.Read(configuration);
        services.AddSingleton(smtp);
        services.Replace(ServiceDescriptor.Singleton(new Mamori.Mail.MailSettings(smtp.Configured)));
        services.AddHostedService<MailSender>();
        services.Replace(ServiceDescriptor.Singleton(ReadPublicAddress(configuration)));
    }

    private static void Configure(WebApplication app)
    {
        app.UseSecurityHeaders();
        // Before the exception handler and status code pages, so refusals and error pages are written in the request's language.
        app.UseRequestLocalization();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ProblemResponses.Handle,
            // Refused input is answered with a 4xx and its own message; it is not an error worth a stack trace in the log.
            SuppressDiagnosticsCallback = c => ProblemResponses.Classify(c.Exception).Status < 500,
        });
        app.UseStatusCodePages(ProblemResponses.StatusCodePage);
        // Styles and scripts may be cached, revalidated by their ETag; everything else is no-store (SecurityHeaders).
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "no-cache" });
        app.UseRouting();
        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            var client = context.RequestServices.GetRequiredService<Mamori.Audit.AuditClient>();
            client.Address = context.Connection.RemoteIpAddress?.ToString();
            client.UserAgent = context.Request.Headers.UserAgent.ToString();
            return next(context);
        });
        app.UseAuthentication();
        app.UseAccountObligations();
        app.UseAuthorization();
        // After authorization, so only a request allowed to post here has its body read.
        app.UseFormReading();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapMamoriApi();
        app.MapRazorPages();
        app.MapWebDownloads();
        app.MapCampaignDownloads();
        app.MapIncidentDownloads();
    }

    /// <summary>Migrates (unless turned off for a deliberate `mamori migrate`), then starts and prints the first-start setup link.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await MamoriServices.MigrateAsync(app.Services);
        }
        await app.StartAsync();
        await SetupLink.PrintIfNeededAsync(app);
        await app.WaitForShutdownAsync();
    }

    public static string? FirstAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
}
