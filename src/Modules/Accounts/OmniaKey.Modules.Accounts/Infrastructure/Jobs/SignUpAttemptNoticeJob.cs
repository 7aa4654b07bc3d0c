using Hangfire;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;

namespace OmniaKey.Modules.Accounts.Infrastructure.Jobs;

/// <summary><c>accounts.sign-up-attempt-notice</c>: one notice; an SMTP failure throws and Hangfire retries it.</summary>
internal sealed class SignUpAttemptNoticeJob(IDispatcher dispatcher)
{
    public const string Id = "accounts.sign-up-attempt-notice";

    [JobDisplayName(Id)]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(string email, CancellationToken cancellationToken) =>
        dispatcher.Send(new NotifySignUpAttemptCommand(email), cancellationToken);
}
