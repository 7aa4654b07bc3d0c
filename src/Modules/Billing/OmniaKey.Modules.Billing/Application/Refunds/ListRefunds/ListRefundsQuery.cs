using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;

/// <summary>
/// Refunds newest first, <see cref="Limit"/> a page (default 50, at most 200): one account's for the customer, any
/// account's (optionally one, optionally one status such as <c>pending_approval</c>) for operators.
/// </summary>
internal sealed record ListRefundsQuery(Guid? AccountId, string? Status, int? Limit, string? Cursor) : IQuery<PageDto<RefundDto>>
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}
