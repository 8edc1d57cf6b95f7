using Mamori.Tests.Fixtures;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Mamori.EndToEndTests.Infrastructure.MamoriApp))]

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Sign-in details of a user the tests create.</summary>
public sealed record Account(string Email, string Name, string Password);

/// <summary>What the person at the console saw while creating the first administrator (the setup form is single-use).</summary>
public sealed record SetupObservation(
    IReadOnlyList<AxeViolation> FormViolations,
    string WeakPasswordError,
    bool CodeStillValidAfterRefusal,
    string LandingPath,
    bool TwoFactorQrShown,
    int RecoveryCodeCount,
    string AfterEnrolmentHeading,
    string Flash,
    bool SignOutOffered,
    string PasswordRules);

/// <summary>
/// One app process and one browser for the whole run; each test takes its own browser context. The first
/// administrator is created lazily by whichever test needs one first, through the printed setup URL.
/// </summary>
public sealed class MamoriApp : IAsyncLifetime
{
    public static readonly Account Admin = new("admin@e2e.mamori.test", "守 花子", "Mamori-e2e#2026-kagi");

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signIns = new(1, 1);
    private Task<SetupObservation>? _setup;
    private string? _adminSession;

    /// <summary>The administrator's authenticator app, set up right after the first administrator was created.</summary>
    public TestAuthenticator AdminAuthenticator { get; private set; } = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private MamoriServer? _server;

    public MamoriServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public Uri BaseUrl => Server.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        Artifacts.Reset();
        // Start the app and the browser side by side: both are mostly waiting on the disk at first.
        var starting = MamoriServer.StartAsync();
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("MAMORI_E2E_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            });
            _server = await starting;
        }
        catch
        {
            // Leave no app process or browser behind when half of the start failed.
            await DisposeAsync();
            try
            {
                await (await starting).DisposeAsync();
            }
            catch (Exception)
            {
                // The app itself failed to start (and cleaned up after itself); the first exception says why.
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
        _signIns.Dispose();
        if (_server is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(RepoPaths.Artifacts, "server.log"), _server.Log);
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>A fresh, signed-out browser: Japanese locale, Japan's time zone, downloads allowed.</summary>
    public async Task<IBrowserContext> NewContextAsync(Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            AcceptDownloads = true,
            ViewportSize = new() { Width = 1280, Height = 900 },
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>
    /// A page in a new context, signed in as the administrator: the session made at setup, carried over as its
    /// cookies. (Signing in anew for every test would need a fresh authenticator code each time, and Mamori accepts
    /// each 30-second code only once.) FirstAdministratorTests signs in through the forms.
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(Action<BrowserNewContextOptions>? configure = null)
    {
        await EnsureAdminAsync();
        var context = await NewContextAsync(o =>
        {
            o.StorageState = _adminSession;
            configure?.Invoke(o);
        });
        var page = await context.NewPageAsync();
        return (context, page);
    }

    /// <summary>
    /// Sign-ins of the shared administrator, one at a time. After a failed attempt, ASP.NET Identity resets the
    /// failure count on the next success with an optimistic-concurrency update of the user; two sign-ins at the same
    /// moment then race, and the loser is refused with the wrong-password message (reported as an app bug).
    /// </summary>
    public async Task SignInOneAtATimeAsync(Func<Task> signIn)
    {
        await _signIns.WaitAsync();
        try
        {
            await signIn();
        }
        finally
        {
            _signIns.Release();
        }
    }

    /// <summary>Creates the first administrator through the setup URL, once; every caller gets what was seen then.</summary>
    public Task<SetupObservation> EnsureAdminAsync()
    {
        lock (_gate)
        {
            return _setup ??= CreateFirstAdminAsync();
        }
    }

    private async Task<SetupObservation> CreateFirstAdminAsync()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var setup = new SetupPage(page);

        var status = await setup.OpenAsync(Server.SetupUrl);
        if (status != 200 || !await setup.HasFormAsync())
        {
            throw new InvalidOperationException($"The printed setup URL {Server.SetupUrl} did not show the setup form (HTTP {status}).");
        }
        await Artifacts.ScreenshotAsync(page, "setup-form");
        var violations = await Axe.RunAsync(page);
        var rules = await PageObjects.PasswordField.RulesAsync(page.GetByLabel("パスワード", new() { Exact = true }));

        // Long enough for the browser's own check, but only letters: the server must refuse it and keep the code.
        await setup.CreateAdminAsync(Admin.Name, Admin.Email, "onlylettersinthispassword");
        var weakError = await setup.ErrorTextAsync();
        var stillValid = await setup.HasFormAsync();
        await Artifacts.ScreenshotAsync(page, "setup-weak-password");

        await setup.CreateAdminAsync(Admin.Name, Admin.Email, Admin.Password);
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/setup", StringComparison.Ordinal));
        // Two-factor is required for administrators: the first page after setup is setting it up.
        var landing = new Uri(page.Url).AbsolutePath;
        var flash = page.Locator(".flash");
        var flashText = await flash.CountAsync() > 0 ? await flash.InnerTextAsync() : "";
        var twoFactor = new TwoFactorPage(page);
        var qrShown = await twoFactor.ShowsQrCodeAsync();
        await Artifacts.ScreenshotAsync(page, "two-factor-enrol");
        var (authenticator, codes) = await twoFactor.EnrolAsync();
        await Artifacts.ScreenshotAsync(page, "two-factor-recovery-codes");
        AdminAuthenticator = authenticator;
        await page.GotoAsync("/facilities/new");
        await Artifacts.ScreenshotAsync(page, "setup-done");
        _adminSession = await context.StorageStateAsync();
        return new SetupObservation(
            violations,
            weakError,
            stillValid,
            landing,
            qrShown,
            codes.Count,
            await page.Locator("h1").InnerTextAsync(),
            flashText,
            await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).IsVisibleAsync(),
            rules);
    }
}
