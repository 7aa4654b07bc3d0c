using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

namespace OmniaKey.Modules.Billing.Infrastructure.Leases;

/// <summary>
/// The set-based settlement of calls that held from balance leases (docs/adr/0048-balance-leases.md), implemented by
/// the providers whose group commit lends from leases (PostgreSQL). Without it, every call takes its own hold.
/// </summary>
internal interface ILeaseBatchSql
{
    /// <summary>
    /// Per lease, takes its settlements' holds (<see cref="SettlementRow.Held"/>) out of the lease row if it is still
    /// held and holds that much, releases them and charges their costs (never more than the holds), and writes their
    /// ledger entries and usage records, in one transaction. Returns the leases drawn on; the others' settlements are
    /// untouched.
    /// </summary>
    Task<IReadOnlySet<string>> SettleFromLeasesAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken);
}
