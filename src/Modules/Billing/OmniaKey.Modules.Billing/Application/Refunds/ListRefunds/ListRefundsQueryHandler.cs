using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Ledger;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.ListRefunds;

/// <summary>Keyset pages on (created_at, id), with the same opaque cursor as the ledger.</summary>
internal sealed class ListRefundsQueryHandler(IRefundStore refunds) : IQueryHandler<ListRefundsQuery, PageDto<RefundDto>>
{
    public async Task<PageDto<RefundDto>> Handle(ListRefundsQuery query, CancellationToken cancellationToken)
    {
        LedgerCursor.TryDecode(query.Cursor, out var after);
        _ = TryParseStatus(query.Status, out var status);
        var limit = query.Limit ?? ListRefundsQuery.DefaultLimit;

        // One extra row tells whether another page follows, without a count query.
        var rows = await refunds.ListAsync(query.AccountId, status, after, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? LedgerCursor.Encode(new LedgerPosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new PageDto<RefundDto>(page.Select(RefundDto.From).ToList(), next);
    }

    public static bool TryParseStatus(string? name, out RefundStatus? status)
    {
        status = null;
        if (name is null)
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<RefundStatus>())
        {
            if (Refund.Name(candidate) == name)
            {
                status = candidate;
                return true;
            }
        }

        return false;
    }
}
