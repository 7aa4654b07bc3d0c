using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;
using OmniaKey.Modules.Accounts.Infrastructure.Jobs;

namespace OmniaKey.Modules.Accounts.Infrastructure.Notices;

/// <summary>Enqueues <see cref="SignUpAttemptNoticeJob"/> once the sign-up command has committed.</summary>
internal sealed class SignUpAttemptNoticeQueue(IJobScheduler jobs, IUnitOfWork unitOfWork) : ISignUpAttemptNotices
{
    public void EnqueueAfterCommit(string email) =>
        unitOfWork.OnCommitted(() => jobs.Enqueue<SignUpAttemptNoticeJob>(job => job.RunAsync(email, CancellationToken.None)));
}
