using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Usage.ListUsage;

/// <summary>
/// An account's usage records, newest first, <see cref="Limit"/> a page (default 50, at most 200), filtered by key,
/// model and time (<see cref="From"/> inclusive, <see cref="To"/> exclusive). Filters arrive as text and are
/// validated here, so each error names its query parameter.
/// </summary>
internal sealed record ListUsageQuery(
    Guid AccountId,
    int? Limit,
    string? Cursor,
    string? KeyId,
    string? Model,
    string? From,
    string? To) : IQuery<PageDto<UsageItemDto>>, IUsageFilterQuery
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}
