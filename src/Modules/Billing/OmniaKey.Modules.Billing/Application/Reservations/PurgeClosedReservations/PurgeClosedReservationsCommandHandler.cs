using Microsoft.Extensions.Logging;
using OmniaKey.Application.Batching;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Application.Reservations.PurgeClosedReservations;

internal sealed partial class PurgeClosedReservationsCommandHandler(
    IStaleReservations reservations,
    TimeProvider clock,
    ILogger<PurgeClosedReservationsCommandHandler> logger) : ICommandHandler<PurgeClosedReservationsCommand, int>
{
    public async Task<int> Handle(PurgeClosedReservationsCommand command, CancellationToken cancellationToken)
    {
        var expiredBefore = clock.GetUtcNow() - PurgeClosedReservationsCommand.Retention;
        var purged = await BatchedWork.RepeatAsync(
            () => reservations.DeleteClosedAsync(expiredBefore, PurgeClosedReservationsCommand.BatchSize, cancellationToken),
            PurgeClosedReservationsCommand.BatchSize,
            PurgeClosedReservationsCommand.MaximumBatches);

        if (purged > 0)
        {
            LogPurged(purged, expiredBefore);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} closed reservation rows that expired before {ExpiredBefore}")]
    private partial void LogPurged(int count, DateTimeOffset expiredBefore);
}
