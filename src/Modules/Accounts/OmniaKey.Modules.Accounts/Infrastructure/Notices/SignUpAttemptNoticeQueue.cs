using Microsoft.Extensions.Logging;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;
using OmniaKey.Modules.Accounts.Infrastructure.Jobs;

namespace OmniaKey.Modules.Accounts.Infrastructure.Notices;

/// <summary>
/// Enqueues <see cref="SignUpAttemptNoticeJob"/> once the sign-up command has committed. A failure to enqueue is logged
/// and swallowed: the notice is a courtesy, and a sign-up that failed only for taken addresses would tell the caller
/// exactly what the answer must not (docs/adr/0030).
/// </summary>
internal sealed class SignUpAttemptNoticeQueue(IJobScheduler jobs, IUnitOfWork unitOfWork, ILogger<SignUpAttemptNoticeQueue> logger)
    : ISignUpAttemptNotices
{
    public void EnqueueAfterCommit(string email) =>
        unitOfWork.OnCommitted(() =>
        {
            try
            {
                jobs.Enqueue<SignUpAttemptNoticeJob>(job => job.RunAsync(email, CancellationToken.None));
            }
#pragma warning disable CA1031 // Any failure of the job storage must leave the answer unchanged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Could not enqueue a sign-up attempt notice.");
            }
        });
}
