using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Modules.Policies.Application.Acceptances.RecordContinuedUse;
using OmniaKey.Modules.Policies.Application.Terms.GetTermsSchedule;
using OmniaKey.Modules.Policies.Application.Terms.PublishTerms;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Policies.Infrastructure.Acceptances;

/// <summary>
/// Continued use as acceptance (Terms §11) without a write per call: the schedule of versions comes from memory
/// (reloaded in the background, evicted when a version is published here), and each account is remembered per version
/// in force, so only its first call in this process queues an acceptance. <see cref="ContinuedUseWriter"/> writes the
/// queue in batches; the write is idempotent (unique on account and version), so other instances and restarts add
/// nothing twice. The queue is bounded: when it is full, the account is forgotten again and a later call retries.
/// </summary>
internal sealed partial class TermsUsageObserver : ITermsUsageObserver, ITermsScheduleChanges
{
    /// <summary>Accounts remembered per version before the memory is cleared (a cleared entry costs one idempotent write).</summary>
    public const int MaxRemembered = 200_000;

    private const string ScheduleKey = "schedule";
    private readonly ConcurrentDictionary<(Guid AccountId, string Version), byte> seen = new();
    private readonly Channel<ContinuedUse> queue = Channel.CreateBounded<ContinuedUse>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly StaleWhileRevalidateCache<string, TermsSchedule> schedule;
    private long queued;
    private readonly TimeProvider clock;
    private readonly ILogger<TermsUsageObserver> logger;

    public TermsUsageObserver(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TermsUsageObserver> logger)
    {
        this.clock = clock;
        this.logger = logger;
        schedule = new StaleWhileRevalidateCache<string, TermsSchedule>(
            "terms-schedule",
            async (_, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<IDispatcher>().Query(new GetTermsScheduleQuery(), ct);
            },
            StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromSeconds(30)) with { MaxEntries = 16 },
            clock,
            logger);
    }

    public ChannelReader<ContinuedUse> Queue => queue.Reader;

    /// <summary>How many acceptances this process has queued for writing since it started.</summary>
    public long Queued => Interlocked.Read(ref queued);

    public void Observe(Guid accountId, IPAddress? clientIp)
    {
        var versions = schedule.GetAsync(ScheduleKey, CancellationToken.None);
        if (versions.IsCompletedSuccessfully)
        {
            Observe(accountId, clientIp, versions.Result);
        }
        else
        {
            // Never loaded yet (or too old): the call goes on at once; the observation waits for the load.
            _ = ObserveAfterLoadAsync(versions, accountId, clientIp);
        }
    }

    public void Changed() => schedule.Evict(ScheduleKey);

    /// <summary>Forgets that an account's use was recorded (its write failed): the next call queues it again.</summary>
    public void Forget(ContinuedUse use) => seen.TryRemove((use.AccountId, use.Version), out _);

    private async Task ObserveAfterLoadAsync(ValueTask<TermsSchedule?> loading, Guid accountId, IPAddress? clientIp)
    {
        try
        {
            Observe(accountId, clientIp, await loading);
        }
        catch (Exception exception)
        {
            LogScheduleUnavailable(logger, exception);
        }
    }

    private void Observe(Guid accountId, IPAddress? clientIp, TermsSchedule? versions)
    {
        var now = clock.GetUtcNow();
        if (versions?.InForceAt(now) is not { } version)
        {
            return;
        }

        if (seen.Count >= MaxRemembered)
        {
            seen.Clear();
        }

        if (!seen.TryAdd((accountId, version), 0))
        {
            return;
        }

        if (queue.Writer.TryWrite(new ContinuedUse(accountId, version, now, clientIp?.ToString())))
        {
            Interlocked.Increment(ref queued);
        }
        else
        {
            seen.TryRemove((accountId, version), out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Terms schedule could not be loaded; continued use is recorded on a later call.")]
    private static partial void LogScheduleUnavailable(ILogger logger, Exception exception);
}
