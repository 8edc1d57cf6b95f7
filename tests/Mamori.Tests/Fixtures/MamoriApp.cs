using Mamori.Accounts;
using Mamori.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Fixtures;

/// <summary>
/// The whole app (WebApplicationFactory) on its own fresh database, shared by the tests of one class.
/// <see cref="SqliteApp"/> and <see cref="PostgresApp"/> pick the provider; everything else is the same.
/// </summary>
public abstract class MamoriApp : IAsyncLifetime
{
    public const string Password = "Test-password-2026!";

    private readonly Lazy<Task<HttpClient>> _admin;
    private TestDatabase? _database;
    private Factory? _factory;

    protected MamoriApp() => _admin = new(async () => await ApiClientAsync(await AddUserAsync(Role.Admin, name: "管理 一郎")));

    /// <summary>Set when the provider is not available here and its tests are to be skipped.</summary>
    public string? SkipReason { get; private set; }

    public DatabaseProvider Provider => Database.Provider;

    public string ConnectionString => Database.ConnectionString;

    public IServiceProvider Services => AppFactory.Services;

    private TestDatabase Database => _database ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialized.");

    private Factory AppFactory => _factory ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialized.");

    /// <summary>Services a fixture replaces (a clock, say) after the app has registered its own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Configuration a fixture sets on top of the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>The provider's database, or no database and the reason when the provider is not available here.</summary>
    protected abstract Task<(TestDatabase? Database, string? SkipReason)> CreateDatabaseAsync(CancellationToken ct);

    protected static async Task<(TestDatabase?, string?)> SqliteDatabaseAsync() => (await SqliteTestDatabase.CreateAsync(), null);

    protected static async Task<(TestDatabase?, string?)> PostgresDatabaseAsync(CancellationToken ct)
    {
        var server = PostgresTestDatabase.Server(out var skipReason);
        return server is null ? (null, skipReason) : (await PostgresTestDatabase.CreateAsync(server, ct), null);
    }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        (_database, SkipReason) = await CreateDatabaseAsync(ct);
        if (_database is null)
        {
            return;
        }
        _factory = new Factory(_database, Settings, ConfigureServices);
        // The factory never calls WebApp.RunAsync, which is where the app migrates on start.
        await MamoriServices.MigrateAsync(_factory.Services, ct);
        var used = _factory.Services.GetRequiredService<DatabaseOptions>();
        if (used.Provider != _database.Provider || used.ConnectionString != _database.ConnectionString)
        {
            throw new InvalidOperationException($"The app did not pick up the test database: it uses {used.Provider} '{used.ConnectionString}'.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin.IsValueCreated)
        {
            (await _admin.Value).Dispose();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each response.</summary>
    public HttpClient CreateClient() => AppFactory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client whose cookies the test can see and copy (no redirects followed either).</summary>
    public HttpClient CreateClient(System.Net.CookieContainer cookies) =>
        AppFactory.CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));

    /// <summary>
    /// A user made the way `mamori users add` makes one. Administrators (for whom two-factor is required by default)
    /// also have an authenticator set up, as after their first sign-in, unless <paramref name="twoFactor"/> says otherwise.
    /// </summary>
    public async Task<TestUser> AddUserAsync(Role role, Guid? facilityId = null, string name = "点検 花子", bool? twoFactor = null)
    {
        var email = $"user-{Guid.NewGuid():N}@example.jp";
        var ct = TestContext.Current.CancellationToken;
        using var scope = Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .AddUserAsync(email, name, role, facilityId, Password, null, ct);
        return new TestUser(user.Id, email, name, twoFactor ?? role == Role.Admin ? await EnrolAsync(user.Id) : null);
    }

    /// <summary>Sets up an authenticator for the user, as the two-factor page does once a code is confirmed.</summary>
    public async Task<TestAuthenticator> EnrolAsync(Guid userId)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("no such user");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("no key");
        return new TestAuthenticator(key, Services.GetRequiredService<TimeProvider>());
    }

    /// <summary>A bearer token made the way `mamori tokens create` makes one.</summary>
    public async Task<string> CreateTokenAsync(TestUser user)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateTokenAsync(user.Email, "tests", null, TestContext.Current.CancellationToken);
    }

    public async Task<HttpClient> ApiClientAsync(TestUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await CreateTokenAsync(user));
        return client;
    }

    /// <summary>
    /// The API client of one administrator of the whole installation, made on first use and shared by the
    /// class's tests (password hashing makes a user per test slow). Not to be disposed by a test.
    /// </summary>
    public Task<HttpClient> AdminApiAsync() => _admin.Value;

    private sealed class Factory(TestDatabase database, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection> services) : WebApplicationFactory<Program>
    {
        public string AuditDirectory { get; } = Path.Combine(Path.GetTempPath(), "mamori-tests", "audit-" + Guid.NewGuid().ToString("N"));

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await TempFolders.DeleteAsync(AuditDirectory);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Production: the exception handler and problem details users get, not the developer page.
            builder.UseEnvironment("Production");
            // As WebApp.Build does: settings and wwwroot next to the binary (the factory would pick the source folder).
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Mamori", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
            // Every test client comes from the same (absent) address; RateLimitTests sets its own limit.
            builder.UseSetting("RateLimits:SignInPerMinute", "100000");
            // Check the security stamp on every request, so "sign out everywhere" shows at once.
            builder.UseSetting("Session:RevalidateSeconds", "0");
            // Staff links need the public address; PublicAddressTests runs without it (an empty value).
            builder.UseSetting("Campaigns:PublicBaseUrl", "https://mamori.test");
            if (database.Provider == DatabaseProvider.Postgres)
            {
                // SQLite's key and anchors sit next to its file by default; a PostgreSQL fixture's get a folder of their own.
                builder.UseSetting("Audit:KeyFile", Path.Combine(AuditDirectory, "audit-key"));
                builder.UseSetting("Audit:AnchorFile", Path.Combine(AuditDirectory, "audit-anchors"));
            }
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services);
        }
    }
}

public sealed record TestUser(Guid Id, string Email, string Name, TestAuthenticator? Authenticator = null);

public sealed class SqliteApp : MamoriApp
{
    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class PostgresApp : MamoriApp
{
    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => PostgresDatabaseAsync(ct);
}
