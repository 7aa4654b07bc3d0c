using System.Net;
using OmniaKey.Modules.Compliance.Application.Geo;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Territory;

namespace OmniaKey.Modules.Compliance.Application.Decisions;

/// <summary>
/// The decision rules, pure and in memory. A country signal that names the Restricted Territory decides: the declared
/// country first (the customer's own word), then the client IP's country. A card country never refuses — the money is
/// already paid — it sends the account to <c>review</c>. A signal that names no country (an IP the database does not
/// know, no IP at all) decides nothing: the others decide, and with none the caller is allowed.
/// </summary>
internal sealed class AccessEvaluator(IIpCountryResolver resolver)
{
    public AccessDecisionDto Evaluate(string surface, string? ip, string? declaredCountry, Guid? accountId) =>
        Evaluate(surface, ParseIp(ip), declaredCountry, accountId);

    public AccessDecisionDto Evaluate(string surface, IPAddress? ip, string? declaredCountry, Guid? accountId)
    {
        var declared = Normalize(declaredCountry);
        var ipCountry = ResolveCountry(ip);
        var (outcome, country, signal) = (declared, ipCountry) switch
        {
            _ when RestrictedTerritory.Contains(declared) => (AccessOutcomes.Deny, declared, AccessSignals.DeclaredCountry),
            _ when RestrictedTerritory.Contains(ipCountry) => (AccessOutcomes.Deny, ipCountry, AccessSignals.IpCountry),
            (_, not null) => (AccessOutcomes.Allow, ipCountry, AccessSignals.IpCountry),
            (not null, null) => (AccessOutcomes.Allow, declared, AccessSignals.DeclaredCountry),
            _ => (AccessOutcomes.Allow, (string?)null, (string?)null),
        };
        return new AccessDecisionDto(surface, outcome, country, signal, accountId, ip?.ToString(), ipCountry, declared, null);
    }

    /// <summary>A card from the Restricted Territory paid a top-up: credited, but the account goes to review.</summary>
    public static AccessDecisionDto EvaluateCard(Guid accountId, string cardCountry, string paymentId)
    {
        var card = Normalize(cardCountry);
        var outcome = RestrictedTerritory.Contains(card) ? AccessOutcomes.Review : AccessOutcomes.Allow;
        return new AccessDecisionDto(AccessSurfaces.Payment, outcome, card, card is null ? null : AccessSignals.CardCountry, accountId, null, null, null, card, paymentId);
    }

    public string? ResolveCountry(IPAddress? ip) => ip is null ? null : resolver.Resolve(ip)?.Code;

    private static IPAddress? ParseIp(string? ip) => IPAddress.TryParse(ip, out var parsed) ? parsed : null;

    private static string? Normalize(string? country) =>
        string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
}
