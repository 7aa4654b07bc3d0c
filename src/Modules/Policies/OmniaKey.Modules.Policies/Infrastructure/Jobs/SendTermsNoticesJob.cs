using Hangfire;
using OmniaKey.Modules.Policies.Application.Notices;

namespace OmniaKey.Modules.Policies.Infrastructure.Jobs;

/// <summary>
/// <c>policies.send-terms-notices</c>: enqueued when a material Terms version is published, and recurring as the sweep
/// that resumes after a restart, a lost enqueue, exhausted retries or a later e-mail configuration. Every run does all
/// the work there is (all versions), so the enqueued and the recurring job are one and the same.
/// </summary>
internal sealed class SendTermsNoticesJob(TermsNoticeDelivery delivery)
{
    public const string Id = "policies.send-terms-notices";

    /// <summary>Every fifteen minutes: a sweep that finds nothing to do costs one query.</summary>
    public const string Schedule = "*/15 * * * *";

    /// <summary>
    /// An SMTP failure throws: Hangfire retries after 1, 2, 5, 10, 15, 30 and 60 minutes (then the sweep carries on).
    /// Two runs at once would only compete for claims; the lock just avoids the waste.
    /// </summary>
    [JobDisplayName(Id)]
    [AutomaticRetry(Attempts = 7, DelaysInSeconds = [60, 120, 300, 600, 900, 1800, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => delivery.RunAsync(cancellationToken);
}
