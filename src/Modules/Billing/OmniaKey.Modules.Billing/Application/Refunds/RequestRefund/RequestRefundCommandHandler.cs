using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Application.Refunds.RequestRefund;

/// <summary>
/// Holds the refund at once, so the money cannot be spent while an operator decides; with auto-approval the refund
/// job is enqueued straight away. A terminated account's balance is settled by its termination instead.
/// </summary>
internal sealed class RequestRefundCommandHandler(RefundRequests requests, RefundSettings settings, IAccountDirectory accounts)
    : ICommandHandler<RequestRefundCommand, RefundDto>
{
    public async Task<RefundDto> Handle(RequestRefundCommand command, CancellationToken cancellationToken)
    {
        var status = await accounts.GetStatusAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {command.AccountId} does not exist.");
        if (status.Status == "terminated")
        {
            throw new ForbiddenException("account_terminated", "This account has been terminated; its balance was settled with the termination.");
        }

        Money? amount = command.AmountUsd is null ? null : Money.Parse(command.AmountUsd);
        var reference = string.IsNullOrWhiteSpace(command.IdempotencyKey) ? null : $"idempotency:{command.IdempotencyKey}";
        var requested = await requests.RequestAsync(command.AccountId, amount, RefundOrigin.Customer, reference, settings.AutoApprove, cancellationToken);
        if (requested.Refund is not { } refund)
        {
            throw new RequestValidationException("amount_usd", requested.Refundable.IsPositive
                ? $"exceeds the refundable amount of {requested.Refundable} USD (paid top-ups not yet refunded, at most the available balance; promotional credit is not refundable)"
                : "nothing is refundable: only paid top-ups not yet refunded can be refunded, up to the available balance (promotional credit is not refundable)");
        }

        if (!requested.IsNew && amount is { } asked && asked != refund.Amount)
        {
            throw new ConflictException("idempotency_key_reused", "This Idempotency-Key was already used for a refund of a different amount.");
        }

        return RefundDto.From(refund);
    }
}
