using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Acceptances;

namespace OmniaKey.Modules.Policies.Application.Acceptances.GetTermsAcceptances;

internal sealed class GetTermsAcceptancesQueryHandler(ITermsAcceptanceRepository acceptances)
    : IQueryHandler<GetTermsAcceptancesQuery, IReadOnlyList<TermsAcceptanceDto>>
{
    public async Task<IReadOnlyList<TermsAcceptanceDto>> Handle(GetTermsAcceptancesQuery query, CancellationToken cancellationToken) =>
        [.. (await acceptances.ListForAccountAsync(query.AccountId, cancellationToken))
            .Select(a => new TermsAcceptanceDto(a.Version, TermsAcceptance.Name(a.Method), a.AcceptedAt, a.IpAddress))];
}
