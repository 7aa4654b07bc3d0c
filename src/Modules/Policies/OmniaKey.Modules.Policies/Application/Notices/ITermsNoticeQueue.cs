namespace OmniaKey.Modules.Policies.Application.Notices;

/// <summary>
/// Starts the job <c>policies.send-terms-notices</c> once the command calling it has committed (a command that rolls
/// back enqueues nothing); the recurring sweep of the same job picks up whatever an enqueue missed.
/// </summary>
internal interface ITermsNoticeQueue
{
    void EnqueueAfterCommit();
}
