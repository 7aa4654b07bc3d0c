using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Accounts.SelfService;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>All browser tests share one app and one Chromium, one test at a time (the machine has two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleInABrowser : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console in a browser";
}

/// <summary>
/// The whole service on a real loopback socket (SQLite), with the fake OpenAI upstream, the Stripe double and a real
/// SMTP server (from <see cref="SelfServiceFixture"/>), and the machine's Chromium driven headless by Playwright.
/// Tests use fresh accounts (<see cref="UniqueEmail"/>), so they never reset the database and never see each
/// other's data. Every page a test visits can be checked with <see cref="ConsolePageChecks"/>.
/// </summary>
public sealed class ConsoleFixture() : SelfServiceFixture(DatabaseKind.Sqlite)
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected override bool ServeOverKestrel => true;

    /// <summary>The console's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => App.ServerAddress;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = await ChromiumLocator.FindAsync(),
            Headless = true,
            // Containers often run as root without a user namespace for Chromium's sandbox.
            ChromiumSandbox = false,
        });
    }

    /// <summary>A fresh browser profile (no cookies) at 1280 px in <paramref name="locale"/>, navigating relative to <see cref="Address"/>.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: a loaded two-core machine can take seconds to answer; a test never waits on a clock otherwise.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static string UniqueEmail(string prefix = "console") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public override async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
