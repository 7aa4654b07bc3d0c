using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// An operator credits an account. Repeating the command with the same <see cref="IdempotencyKey"/> returns the
/// first credit instead of crediting twice.
/// </summary>
public sealed record CreditBalanceCommand(Guid AccountId, string AmountUsd, string Reason, string? IdempotencyKey)
    : ICommand<LedgerEntryDto>;

public sealed record LedgerEntryDto(Guid Id, string Type, string AmountUsd, string Description, DateTimeOffset CreatedAt);
