using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using netDumbster.smtp;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>
/// The refund fixture (fake Stripe, refund jobs run by hand) with a real SMTP server in process (netDumbster on a
/// free loopback port), e-mail configured to go through it, a public base URL for the links, and every log line of
/// the app recorded at Trace level.
/// </summary>
public abstract class SelfServiceFixture(DatabaseKind kind) : RefundFixture(kind)
{
    public const string PublicBaseUrl = "https://omniakey.test";

    private SimpleSmtpServer? smtp;

    public SimpleSmtpServer Smtp => smtp ?? throw new InvalidOperationException("The fixture is not initialised.");

    public RecordedLogs Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = "OmniaKey <no-reply@omniakey.test>",
        ["Accounts:PublicBaseUrl"] = PublicBaseUrl,
        ["Logging:LogLevel:Default"] = "Trace",
    };

    public override async Task InitializeAsync()
    {
        smtp = Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithRandomPort().Build();
        await base.InitializeAsync();
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }

    /// <summary>The messages the SMTP server accepted, parsed.</summary>
    public IReadOnlyList<MimeMessage> ReceivedMail() =>
        [.. Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        smtp?.Dispose();
    }
}

public sealed class SqliteSelfServiceFixture() : SelfServiceFixture(DatabaseKind.Sqlite);

public sealed class PostgresSelfServiceFixture() : SelfServiceFixture(DatabaseKind.Postgres);

/// <summary>Every log entry of every category: the formatted message, the structured values and the exception.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyList<string> Entries => [.. entries];

    public void Clear() => entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
