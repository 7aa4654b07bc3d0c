using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

internal sealed record AccountDto(Guid Id, string Email, string Status, string Country, DateTimeOffset CreatedAt, BalanceDto Balance, string? SuspensionReason);
