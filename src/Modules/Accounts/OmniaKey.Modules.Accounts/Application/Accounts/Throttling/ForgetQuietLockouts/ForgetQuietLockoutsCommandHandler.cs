using Microsoft.Extensions.Logging;
using OmniaKey.Application.Batching;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.Throttling.ForgetQuietLockouts;

internal sealed partial class ForgetQuietLockoutsCommandHandler(
    ILogInLockouts lockouts,
    TimeProvider clock,
    ILogger<ForgetQuietLockoutsCommandHandler> logger) : ICommandHandler<ForgetQuietLockoutsCommand, int>
{
    public async Task<int> Handle(ForgetQuietLockoutsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var forgotten = await BatchedWork.RepeatAsync(
            () => lockouts.ForgetQuietAsync(now, ForgetQuietLockoutsCommand.BatchSize, cancellationToken),
            ForgetQuietLockoutsCommand.BatchSize,
            ForgetQuietLockoutsCommand.MaximumBatches);

        if (forgotten > 0)
        {
            LogForgotten(forgotten);
        }

        return forgotten;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} log-in lock-out rows with no lock in force and no recent failure")]
    private partial void LogForgotten(int count);
}
