using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Application.Decisions;

internal static class AccessDecisionMapping
{
    public static AccessDecision ToEntity(AccessDecisionDto decision, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AccountId = decision.AccountId,
        Surface = decision.Surface,
        Outcome = decision.Outcome,
        Country = decision.Country,
        Signal = decision.Signal,
        Ip = decision.Ip,
        IpCountry = decision.IpCountry,
        DeclaredCountry = decision.DeclaredCountry,
        CardCountry = decision.CardCountry,
        Reference = decision.PaymentId is null ? null : AccessDecision.PaymentReference(decision.PaymentId),
        CreatedAt = now,
    };
}
