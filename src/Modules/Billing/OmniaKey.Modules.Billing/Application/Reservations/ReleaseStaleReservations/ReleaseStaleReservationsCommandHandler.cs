using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;

internal sealed partial class ReleaseStaleReservationsCommandHandler(
    IStaleReservations reservations,
    TimeProvider clock,
    ILogger<ReleaseStaleReservationsCommandHandler> logger) : ICommandHandler<ReleaseStaleReservationsCommand, StaleReservationsReleasedDto>
{
    public async Task<StaleReservationsReleasedDto> Handle(ReleaseStaleReservationsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int released = 0, fromUsage = 0;
        for (var batch = 0; batch < ReleaseStaleReservationsCommand.MaximumBatches; batch++)
        {
            var expired = await reservations.ListExpiredAsync(now, ReleaseStaleReservationsCommand.BatchSize, cancellationToken);
            foreach (var id in expired)
            {
                // Null: the call settled, or another instance's run released it, between the list and now.
                if (await reservations.ReleaseAsync(id, now, cancellationToken) is not { } release)
                {
                    continue;
                }

                released++;
                if (release.HadRecordedUsage)
                {
                    fromUsage++;
                    LogSettledFromUsage(release.RequestId, release.AccountId, release.Held, release.Charged);
                }
                else
                {
                    LogReleased(release.RequestId, release.AccountId, release.Held);
                }
            }

            if (expired.Count < ReleaseStaleReservationsCommand.BatchSize)
            {
                break;
            }
        }

        return new StaleReservationsReleasedDto(released, fromUsage);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the stale hold {RequestId} of account {AccountId} in full ({Held} USD): its call never settled and recorded no usage")]
    private partial void LogReleased(string requestId, Guid accountId, Money held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the stale hold {RequestId} of account {AccountId} ({Held} USD), charging {Charged} USD of recorded partial usage")]
    private partial void LogSettledFromUsage(string requestId, Guid accountId, Money held, Money charged);
}
