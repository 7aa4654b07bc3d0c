using System.Diagnostics.Metrics;
using OmniaKey.Infrastructure.Telemetry;

namespace OmniaKey.Infrastructure.Email;

/// <summary>Messages handed to the SMTP relay, and those it refused or that failed on the way (docs/observability.md).</summary>
internal sealed class EmailTelemetry
{
    private static readonly KeyValuePair<string, object?> Sent = new("omniakey.outcome", "sent");
    private static readonly KeyValuePair<string, object?> Failed = new("omniakey.outcome", "failed");

    private readonly Counter<long> messages;

    public EmailTelemetry(IMeterFactory meters) =>
        messages = meters.Create(TelemetryNames.Email)
            .CreateCounter<long>("omniakey.email.messages", "{message}", "E-mail messages sent through SMTP, by outcome.");

    public void MessageSent() => messages.Add(1, Sent);

    public void MessageFailed() => messages.Add(1, Failed);
}
