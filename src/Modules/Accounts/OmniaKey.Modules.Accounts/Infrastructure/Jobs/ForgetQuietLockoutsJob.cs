using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling.ForgetQuietLockouts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Jobs;

/// <summary>The recurring job <c>accounts.forget-quiet-lockouts</c> (hourly): one command, through the usual pipeline.</summary>
internal sealed class ForgetQuietLockoutsJob(IDispatcher dispatcher)
{
    public const string Id = "accounts.forget-quiet-lockouts";

    public Task RunAsync() => dispatcher.Send(new ForgetQuietLockoutsCommand());
}
