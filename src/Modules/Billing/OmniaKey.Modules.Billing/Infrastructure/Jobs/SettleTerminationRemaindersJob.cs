using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Terminations.ListTerminationRemainders;
using OmniaKey.Modules.Billing.Application.Terminations.SettleTerminationRemainder;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.Jobs;

/// <summary>
/// The recurring job <c>billing.settle-termination-remainders</c> (every minute): settles, one command per account,
/// the money that came back to terminated accounts after their termination was settled (docs/adr/0053). Money can
/// come back only while a hold that existed at the termination lives, so only terminations settled within a day and
/// the holds' time to live are looked at; that also bounds the work for an account left with unrefundable credit,
/// which this finds every minute and leaves alone.
/// </summary>
internal sealed class SettleTerminationRemaindersJob(IDispatcher dispatcher, ReservationSettings reservations, TimeProvider clock)
{
    public const string Id = "billing.settle-termination-remainders";

    public async Task RunAsync()
    {
        var since = clock.GetUtcNow() - TimeSpan.FromDays(1) - reservations.TimeToLive;
        foreach (var accountId in await dispatcher.Query(new ListTerminationRemaindersQuery(since)))
        {
            await dispatcher.Send(new SettleTerminationRemainderCommand(accountId));
        }
    }
}
