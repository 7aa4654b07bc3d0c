using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.GetTerms;

/// <summary>One published Terms version, by its label.</summary>
internal sealed record GetTermsQuery(string Version) : IQuery<TermsDto>;

internal sealed class GetTermsQueryHandler(ITermsRepository terms, PoliciesSettings settings) : IQueryHandler<GetTermsQuery, TermsDto>
{
    public async Task<TermsDto> Handle(GetTermsQuery query, CancellationToken cancellationToken)
    {
        var version = await terms.FindAsync(query.Version, cancellationToken)
            ?? throw new NotFoundException("terms_not_found", $"There is no Terms version \"{query.Version}\".");
        return version.ToDto(settings);
    }
}
