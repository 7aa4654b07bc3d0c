using Microsoft.Extensions.Logging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// What a call settled on the slow path writes beside its money: its ledger entry (when it was charged anything) and its
/// usage record, added to the caller's transaction, and a warning when less than its cost could be charged. The
/// per-call settlement and the slow path of a hold lent by a lease both book a call through this, so the two read the
/// same in the ledger, the usage list and the log.
/// </summary>
internal sealed partial class CallBooks(BillingDbContext db, ILogger<CallBooks> logger)
{
    public void Add(CallSettlement settlement, Money charged, DateTimeOffset now)
    {
        if (charged < settlement.Cost)
        {
            LogUndercharged(settlement.RequestId, settlement.Cost, charged);
        }

        if (charged.IsPositive)
        {
            db.LedgerEntries.Add(LedgerEntry.UsageCharge(settlement.AccountId, charged, settlement.Model, settlement.RequestId, now));
        }

        db.UsageRecords.Add(UsageRecordFactory.From(settlement, charged, now));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {RequestId} cost {Cost} USD but only {Charged} USD could be charged")]
    private partial void LogUndercharged(string requestId, Money cost, Money charged);
}
