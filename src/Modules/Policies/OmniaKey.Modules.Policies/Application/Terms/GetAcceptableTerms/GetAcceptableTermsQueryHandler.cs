using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.GetAcceptableTerms;

/// <summary>The same rule as <c>POST /api/v1/terms/accept</c>: the version in force, or a published later one.</summary>
internal sealed class GetAcceptableTermsQueryHandler(ITermsRepository terms, PoliciesSettings settings, TimeProvider clock)
    : IQueryHandler<GetAcceptableTermsQuery, IReadOnlyList<TermsDto>>
{
    public async Task<IReadOnlyList<TermsDto>> Handle(GetAcceptableTermsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var inForce = await terms.FindInForceAsync(now, cancellationToken);
        var versions = await terms.ListAsync(cancellationToken);
        return [.. versions.Where(v => v.IsInForceOrFutureAt(now, inForce)).Select(v => v.ToDto(settings))];
    }
}
