using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;

/// <summary>
/// <see cref="AccountDto"/>'s fields (the contract's <c>id, email, status, country, balance</c>) and what an operator
/// needs to decide about the account. <see cref="StatusReason"/> is why it is not active: the suspension reason while
/// suspended, the termination reason once terminated, otherwise null.
/// </summary>
internal sealed record AccountDetailsDto(
    Guid Id,
    string Email,
    string Status,
    string Country,
    DateTimeOffset CreatedAt,
    BalanceDto Balance,
    string? SuspensionReason,
    string? StatusReason,
    TerminationDto? Termination,
    EligibilityDto? Eligibility,
    IReadOnlyList<AccountKeyDto> Keys);

/// <summary>The Terms §2 statement made at sign-up; null for an account an operator opened.</summary>
internal sealed record EligibilityDto(string TermsVersion, DateTimeOffset ConfirmedAt, string? Ip);

internal sealed record TerminationDto(string? Reason, bool MaterialBreach, DateTimeOffset? TerminatedAt);
