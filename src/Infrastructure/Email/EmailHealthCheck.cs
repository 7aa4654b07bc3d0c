using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniaKey.Infrastructure.Health;

namespace OmniaKey.Infrastructure.Email;

/// <summary>
/// E-mail for readiness: degraded, never unhealthy (mail waits as pending and is sent later, while calls are served
/// either way) when no SMTP relay is configured or the configured one does not accept a TCP connection. A connection
/// only — no TLS, no login, no message — at most once per <see cref="Period"/>.
/// </summary>
internal sealed partial class EmailHealthCheck(IOptionsMonitor<EmailSettings> settings, TimeProvider clock, ILogger<EmailHealthCheck> logger)
    : CachedHealthCheck(clock, Period)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var current = settings.CurrentValue;
        if (string.IsNullOrWhiteSpace(current.Smtp.Host) || string.IsNullOrWhiteSpace(current.From))
        {
            return HealthCheckResult.Degraded(
                "E-mail is off: Email:Smtp:Host and Email:From are not both set; mail waits as pending.",
                data: new Dictionary<string, object> { ["configured"] = false });
        }

        var data = new Dictionary<string, object> { ["configured"] = true };
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            using var client = new TcpClient();
            await client.ConnectAsync(current.Smtp.Host, current.Smtp.Port, cancel.Token);
            return HealthCheckResult.Healthy("The SMTP relay accepts connections.", data);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            LogUnreachable(logger, current.Smtp.Host, current.Smtp.Port, e.GetType().Name);
            return HealthCheckResult.Degraded($"The SMTP relay does not accept connections ({e.GetType().Name}); mail waits as pending.", data: data);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the SMTP relay {Host}:{Port} does not accept connections ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string host, int port, string error);
}
