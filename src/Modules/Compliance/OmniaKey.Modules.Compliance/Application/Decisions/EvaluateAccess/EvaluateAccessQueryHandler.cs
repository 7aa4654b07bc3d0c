using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.EvaluateAccess;

/// <summary>Pure: no database, no writes. The caller throws a denial or records an allow in its own command.</summary>
internal sealed class EvaluateAccessQueryHandler(AccessEvaluator evaluator) : IQueryHandler<EvaluateAccessQuery, AccessDecisionDto>
{
    public Task<AccessDecisionDto> Handle(EvaluateAccessQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(evaluator.Evaluate(query.Surface, query.Ip, query.DeclaredCountry, query.AccountId));
}
