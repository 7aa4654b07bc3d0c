using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// Decides, in memory and without writing anything, whether a caller may use <see cref="Surface"/> from
/// <see cref="Ip"/> (resolved to a country) with <see cref="DeclaredCountry"/> (sign-up only). A denial is thrown
/// by the caller as <see cref="RestrictedTerritoryException"/>; an allow is recorded with
/// <see cref="RecordAccessDecisionCommand"/> inside the caller's command.
/// </summary>
public sealed record EvaluateAccessQuery(string Surface, string? Ip, string? DeclaredCountry = null, Guid? AccountId = null)
    : IQuery<AccessDecisionDto>;
