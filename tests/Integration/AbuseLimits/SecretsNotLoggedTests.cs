using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>The app with every category logging at Trace into <see cref="Logs"/>.</summary>
public sealed class LogCaptureFixture() : GatewayFixture(DatabaseKind.Sqlite)
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        ["Logging:LogLevel:Hangfire"] = "Trace",
    };

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(Logs);
}

/// <summary>Every log entry: category, message, each structured value, scopes and the exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Clear() => entries.Clear();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{category} [{logLevel}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner.scopes.ForEachScope((scope, builder) => builder.Append(" | scope ").Append(scope), text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner.entries.Enqueue(text.ToString());
        }
    }
}

public sealed class SecretsNotLoggedTests(LogCaptureFixture fixture) : IClassFixture<LogCaptureFixture>
{
    [Fact]
    public async Task Sign_up_log_in_key_creation_and_use_log_no_password_token_or_key()
    {
        await fixture.ResetAsync();
        fixture.Logs.Clear();
        const string password = "a very secret password 7f3k";
        const string wrongPassword = "a wrong secret password 9q2z";
        var email = ApiClientExtensions.NewEmail();
        var anonymous = fixture.App.CreateClient();

        var (accountId, token) = await anonymous.SignUpAndLogInAsync(email, password);
        using (var failed = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email, password = wrongPassword }))
        {
            await failed.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        await fixture.App.CreateAdminClient().CreditAsync(accountId, "5");
        var key = await fixture.App.CreateBearerClient(token).CreateApiKeyAsync("logged?");
        var api = fixture.App.CreateBearerClient(key);
        using (var completion = await api.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = "hi" } } }))
        {
            await completion.AssertSuccessAsync();
        }

        using (var unknownKey = await fixture.App.CreateBearerClient("sk-omk-" + new string('z', 43)).GetAsync("/v1/models"))
        {
            await unknownKey.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        var logs = fixture.Logs.Entries;
        Assert.Contains(logs, entry => entry.Contains("/api/v1/auth/login", StringComparison.Ordinal)); // the capture works
        Assert.Contains(logs, entry => entry.Contains("/v1/chat/completions", StringComparison.Ordinal));
        string[] secrets = [password, wrongPassword, token, key, key["sk-omk-".Length..], "z".PadLeft(43, 'z'), OmniaKeyAppFactory.AdminToken, fixture.Upstream.ApiKey];
        foreach (var secret in secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a secret appears in the log: {leak}");
        }
    }
}
