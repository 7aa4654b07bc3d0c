using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Reservations.PurgeClosedReservations;

namespace OmniaKey.Modules.Billing.Infrastructure.Jobs;

/// <summary>The recurring job <c>billing.purge-closed-reservations</c> (hourly): one command, through the usual pipeline.</summary>
internal sealed class PurgeClosedReservationsJob(IDispatcher dispatcher)
{
    public const string Id = "billing.purge-closed-reservations";

    public Task RunAsync() => dispatcher.Send(new PurgeClosedReservationsCommand());
}
