namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>An account's money: what it can spend now, and what in-flight calls hold. Decimal USD strings.</summary>
public sealed record BalanceDto(string AvailableUsd, string ReservedUsd);
