using System.Globalization;
using Microsoft.Extensions.Configuration;
using MimeKit;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Shutdown;
using OmniaKey.Infrastructure.Telemetry;
using OmniaKey.Infrastructure.Web;

namespace OmniaKey.Infrastructure.Hardening;

/// <summary>
/// The checks <see cref="StartupConfiguration"/> runs, one per area. Each adds a message per bad key and never throws;
/// where an area already has a parser with good messages (trusted proxies, abuse limits, the admin token) it is reused
/// so the rule lives in one place.
/// </summary>
internal static class ConfigurationChecks
{
    /// <summary>Whole numbers that must be positive when set, with an upper bound where one exists.</summary>
    private static readonly (string Key, int Min, int Max)[] WholeNumbers =
    [
        ("Email:Smtp:Port", 1, 65_535),
        ("Email:Smtp:TimeoutSeconds", 1, int.MaxValue),
        ("Upstreams:TimeoutSeconds", 1, int.MaxValue),
        ("Upstreams:RequestTimeoutSeconds", 1, int.MaxValue),
        ("Upstreams:FirstByteTimeoutSeconds", 1, int.MaxValue),
        ("Upstreams:ProgressRecordSeconds", 1, int.MaxValue),
        ("Gateway:MaxMessages", 1, int.MaxValue),
        ("Gateway:MaxContentParts", 1, int.MaxValue),
        ("Billing:Reservations:TimeToLiveSeconds", 1, int.MaxValue),
        ("Billing:GroupCommit:MaxBatchSize", 1, 10_000),
        ("Billing:Refunds:MaxAttempts", 1, int.MaxValue),
    ];

    private static readonly string[] Flags =
    [
        "Database:MigrateOnStartup",
        "Email:Smtp:UseTls",
        "Jobs:Server:Enabled",
        "DataProtection:AllowUnprotectedKeys",
    ];

    private static readonly string[] AbsoluteUrls =
    [
        "Upstreams:OpenAI:BaseUrl",
        "Upstreams:Anthropic:BaseUrl",
        "Upstreams:Gemini:BaseUrl",
        "Accounts:PublicBaseUrl",
        "Policies:PublicBaseUrl",
        "Billing:Checkout:SuccessUrl",
        "Billing:Checkout:CancelUrl",
    ];

    public static readonly Action<IConfiguration, List<string>>[] All =
    [
        Database,
        (configuration, problems) => Add(problems, AdminTokenOptions.Problem(configuration["Admin:BootstrapToken"])),
        TrustedProxies,
        (configuration, problems) => problems.AddRange(RateLimitSettings.Problems(configuration)),
        Email,
        Jobs,
        Numbers,
        (configuration, problems) => Gateway(configuration, problems),
        (configuration, problems) => problems.AddRange(ShutdownSettings.Problems(configuration)),
        (configuration, problems) => problems.AddRange(TelemetrySettings.Problems(configuration)),
    ];

    private static void Database(IConfiguration configuration, List<string> problems)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText)
            && (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || int.TryParse(providerText, out _)))
        {
            problems.Add($"Database:Provider '{providerText}' is not supported; use Sqlite, Postgres or SqlServer.");
            return;
        }

        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(configuration.GetConnectionString("OmniaKey")))
        {
            problems.Add($"ConnectionStrings:OmniaKey is required for Database:Provider {provider}.");
        }
    }

    private static void TrustedProxies(IConfiguration configuration, List<string> problems)
    {
        var text = configuration[ClientIpRegistration.TrustedProxiesKey] ?? string.Empty;
        foreach (var entry in text.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                NetworkList.ParseEntry(entry, ClientIpRegistration.TrustedProxiesKey);
            }
            catch (InvalidOperationException e)
            {
                problems.Add(e.Message);
            }
        }
    }

    private static void Email(IConfiguration configuration, List<string> problems)
    {
        if (configuration["Email:From"] is { Length: > 0 } from && !MailboxAddress.TryParse(from, out _))
        {
            problems.Add($"Email:From '{from}' is not an e-mail address (write name@example.com or \"Name <name@example.com>\").");
        }

        if (string.IsNullOrEmpty(configuration["Email:Smtp:Username"]) != string.IsNullOrEmpty(configuration["Email:Smtp:Password"]))
        {
            problems.Add("Email:Smtp:Username and Email:Smtp:Password must be set together (or both left unset).");
        }
    }

    private static void Jobs(IConfiguration configuration, List<string> problems)
    {
        if (configuration["Jobs:Storage"] is { Length: > 0 } storage && !string.Equals(storage, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Jobs:Storage '{storage}' is not supported; leave it unset (storage follows Database:Provider) or use InMemory (tests only).");
        }
    }

    private static void Numbers(IConfiguration configuration, List<string> problems)
    {
        foreach (var (key, min, max) in WholeNumbers)
        {
            if (configuration[key] is { Length: > 0 } text
                && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max))
            {
                var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
                problems.Add($"{key} must be a whole number {range}, not '{text}'.");
            }
        }

        foreach (var key in Flags)
        {
            if (configuration[key] is { Length: > 0 } text && !bool.TryParse(text, out _))
            {
                problems.Add($"{key} must be true or false, not '{text}'.");
            }
        }

        foreach (var key in AbsoluteUrls)
        {
            if (configuration[key] is { Length: > 0 } text
                && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                // The value is not echoed: a URL may carry a credential (user info or a query key).
                problems.Add($"{key} must be an absolute http(s) URL.");
            }
        }
    }

    private static void Gateway(IConfiguration configuration, List<string> problems)
    {
        if (configuration["Gateway:MaxRequestBytes"] is { Length: > 0 } text
            && !(long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0))
        {
            problems.Add($"Gateway:MaxRequestBytes must be a whole number of bytes, 1 or more, not '{text}'.");
        }
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
