using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Messaging;

/// <summary>How integration events leave the outbox (configuration section <c>Outbox</c>).</summary>
internal sealed record OutboxOptions(
    bool DeliverImmediately,
    bool WorkerEnabled,
    TimeSpan PollInterval,
    int MaxAttempts,
    TimeSpan Lease)
{
    public const int BatchSize = 50;

    /// <summary>Waits 2, 4, 8 … seconds between attempts, at most five minutes.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 16))));

    public static OutboxOptions FromConfiguration(IConfiguration configuration) => new(
        DeliverImmediately: configuration.GetValue("Outbox:DeliverImmediately", true),
        WorkerEnabled: configuration.GetValue("Outbox:Worker:Enabled", true),
        PollInterval: TimeSpan.FromSeconds(configuration.GetValue("Outbox:PollIntervalSeconds", 5)),
        MaxAttempts: configuration.GetValue("Outbox:MaxAttempts", 10),
        Lease: TimeSpan.FromSeconds(configuration.GetValue("Outbox:LeaseSeconds", 60)));
}
