using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Usage.ExportUsage;

/// <summary>
/// Every usage record of an account that passes the filters, newest first, as a stream read in batches — for the
/// CSV export, which may span far more records than a page. Validation runs before the first row is read.
/// </summary>
internal sealed record ExportUsageQuery(Guid AccountId, string? KeyId, string? Model, string? From, string? To)
    : IQuery<IAsyncEnumerable<UsageItemDto>>, IUsageFilterQuery
{
    /// <summary>Records read per round trip; the export holds no more than this in memory.</summary>
    public const int BatchSize = 500;
}
