using System.Runtime.CompilerServices;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage.ExportUsage;

internal sealed class ExportUsageQueryHandler(IUsageRepository usage, IPendingSettlements pending) : IQueryHandler<ExportUsageQuery, IAsyncEnumerable<UsageItemDto>>
{
    public Task<IAsyncEnumerable<UsageItemDto>> Handle(ExportUsageQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(ReadAsync(query.AccountId, UsageFilterText.Parse(query), cancellationToken));

    /// <summary>Keyset batches, so no query holds a connection for the whole download and memory stays flat.</summary>
    private async IAsyncEnumerable<UsageItemDto> ReadAsync(
        Guid accountId,
        UsageFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(accountId, cancellationToken);
        UsagePosition? after = null;
        while (true)
        {
            var batch = await usage.ListAsync(accountId, filter, after, ExportUsageQuery.BatchSize, cancellationToken);
            foreach (var record in batch)
            {
                yield return UsageItemDto.From(record);
            }

            if (batch.Count < ExportUsageQuery.BatchSize)
            {
                yield break;
            }

            after = new UsagePosition(batch[^1].CreatedAt, batch[^1].Id);
        }
    }
}
