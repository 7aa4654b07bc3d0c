using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Reservations.ReleaseStaleReservations;

namespace OmniaKey.Modules.Billing.Infrastructure.Jobs;

/// <summary>The recurring job <c>billing.release-stale-reservations</c>: one command, through the usual pipeline.</summary>
internal sealed class ReleaseStaleReservationsJob(IDispatcher dispatcher)
{
    public const string Id = "billing.release-stale-reservations";

    public Task RunAsync() => dispatcher.Send(new ReleaseStaleReservationsCommand());
}
