using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application;
using OmniaKey.Modules.Billing.Application.Ledger.ListLedger;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Application.Refunds.GetRefundable;
using OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// What <c>/dashboard/billing</c> shows, read with the queries the API's <c>GET /api/v1/balance</c>,
/// <c>/api/v1/ledger</c> and <c>/api/v1/billing/refunds</c> send, plus what is refundable now.
/// </summary>
internal sealed record BillingView(BalanceDto Balance, string RefundableUsd, PageDto<LedgerEntryDto> Ledger, PageDto<RefundDto> Refunds)
{
    public const int LedgerPageSize = 25;
    public const int RefundsPageSize = 10;

    public static readonly BillingView Empty = new(new BalanceDto("0", "0"), "0", new([], null), new([], null));

    public static async Task<BillingView> LoadAsync(
        IDispatcher dispatcher, Guid accountId, string? ledgerCursor, string? refundsCursor, CancellationToken cancellationToken)
    {
        var balance = await dispatcher.Query(new GetBalanceQuery(accountId), cancellationToken);
        var refundable = await dispatcher.Query(new GetRefundableQuery(accountId), cancellationToken);
        var ledger = await dispatcher.Query(new ListLedgerQuery(accountId, LedgerPageSize, NullIfEmpty(ledgerCursor)), cancellationToken);
        var refunds = await dispatcher.Query(new ListRefundsQuery(accountId, null, RefundsPageSize, NullIfEmpty(refundsCursor)), cancellationToken);
        return new BillingView(balance, refundable, ledger, refunds);
    }

    /// <summary>Whether a refund request could succeed now (the form is shown only then).</summary>
    public bool CanRequestRefund => Money.TryParse(RefundableUsd, out var refundable, out _) && refundable.IsPositive;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
