using OmniaKey.Application.Exceptions;

namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// 403 <c>unsupported_country_region_territory</c>: the caller is in or from the Restricted Territory (Terms §2).
/// Carries the decision so that it can be recorded after the refused command's transaction has rolled back
/// (<see cref="TerritoryDispatcherExtensions.SendRecordingDenial{TResult}"/>).
/// </summary>
public sealed class RestrictedTerritoryException(AccessDecisionDto decision)
    : ForbiddenException(ErrorCode, "OmniaKey is not available in your country, region or territory.")
{
    public const string ErrorCode = "unsupported_country_region_territory";

    public AccessDecisionDto Decision { get; } = decision;

    /// <summary>Throws for a denial; returns an allow or review decision unchanged.</summary>
    public static AccessDecisionDto ThrowIfDenied(AccessDecisionDto decision) =>
        decision.IsDenied ? throw new RestrictedTerritoryException(decision) : decision;
}
