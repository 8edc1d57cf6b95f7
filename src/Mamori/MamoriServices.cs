using Mamori.Accounts;
using Mamori.Common;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Campaigns;
using Mamori.Catalog;
using Mamori.Data;
using Mamori.Facilities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mamori;

public static class MamoriServices
{
    /// <summary>Everything the web host, the CLI and the tests share: database, catalog, Identity stores, feature services.</summary>
    /// <param name="audit">Audit:KeyFile and Audit:AnchorFile as configured; unset ones default to files next to the database.</param>
    public static IServiceCollection AddMamoriCore(this IServiceCollection services, DatabaseOptions database, (string? KeyFile, string? AnchorFile) audit = default)
    {
        var connectionString = database.ConnectionString ?? (database.Provider == DatabaseProvider.Sqlite
            ? DatabaseOptions.DefaultSqlite
            : throw new InvalidOperationException("ConnectionStrings:Mamori is required when Database:Provider is Postgres."));
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            DatabaseSetup.EnsureSqliteDirectory(connectionString);
        }
        services.AddSingleton(database);
        services.AddSingleton(AuditFiles.Resolve(database.Provider, connectionString, audit.KeyFile, audit.AnchorFile));
        services.AddSingleton(s => AuditKey.Load(s.GetRequiredService<AuditFiles>().KeyFile));
        services.AddSingleton<AuditAnchors>();
        services.AddSingleton<AuditBatches>();
        services.AddSingleton<AuditSaving>();
        services.AddDbContext<MamoriDbContext>((s, o) =>
            DatabaseSetup.Configure(o, database.Provider, connectionString).AddInterceptors(s.GetRequiredService<AuditSaving>()));
        services.AddSingleton(CatalogStore.LoadEmbedded());
        services.AddScoped<CatalogLibrary>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiTokenCache>();
        services.AddSingleton<OpenSessionCache>();
        services.AddScoped<SignInSessions>();
        services.AddSingleton<NoticeCache>();
        // In the core, not only the web host: the CLI reads authenticator keys too (they are encrypted with these keys).
        services.AddDataProtection().SetApplicationName("Mamori").PersistKeysToDbContext<MamoriDbContext>();
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = GuidelinePasswordValidator.MinimumLengthWithTwoFactor;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddUserStore<MamoriUserStore>()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<JapaneseIdentityErrors>()
            .AddPasswordValidator<GuidelinePasswordValidator>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<AuditClient>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<AuditTargets>();
        services.AddScoped<Reauthentication>();
        services.AddScoped<AccountService>();
        services.AddScoped<SecurityPolicies>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<EmergencyAccounts>();
        services.AddScoped<FacilityService>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<AssessmentSharing>();
        services.TryAddSingleton(new Mamori.Mail.MailSettings(Enabled: false));
        services.AddScoped<Mamori.Mail.MailOutbox>();
        services.AddScoped<Mamori.Campaigns.CampaignInvitations>();
        services.TryAddSingleton(new Mamori.Campaigns.ConfiguredPublicAddress(null));
        services.AddScoped<Mamori.Campaigns.PublicAddresses>();
        services.AddScoped<DepartmentService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignAnswering>();
        services.AddScoped<CampaignResults>();
        services.AddScoped<CampaignResponses>();
        services.AddScoped<Incidents.IncidentService>();
        services.AddScoped<Incidents.Reports.IncidentReports>();
        services.AddScoped<Incidents.ContactService>();
        services.AddScoped<Incidents.FileService>();
        services.AddScoped<Incidents.PreparednessService>();
        services.AddScoped<Vendors.VendorService>();
        return services;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        await DatabaseSetup.PrepareSqliteAsync(db, ct);
        // Migrate() also diffs the model against the snapshot on every call, which costs a noticeable part of a
        // cold start; an up-to-date database (the usual start) needs only the history-table lookup.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
        await AuditLegacy.SealAsync(db, scope.ServiceProvider.GetRequiredService<AuditKey>(), ct);
    }
}
