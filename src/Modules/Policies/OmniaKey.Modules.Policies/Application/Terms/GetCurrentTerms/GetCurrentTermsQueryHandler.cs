using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.GetCurrentTerms;

internal sealed class GetCurrentTermsQueryHandler(ITermsRepository terms, PoliciesSettings settings, TimeProvider clock)
    : IQueryHandler<GetCurrentTermsQuery, TermsDto>
{
    public async Task<TermsDto> Handle(GetCurrentTermsQuery query, CancellationToken cancellationToken)
    {
        var current = await terms.FindInForceAsync(clock.GetUtcNow(), cancellationToken)
            ?? throw new NotFoundException("terms_not_found", "No Terms of Service are in force.");
        return current.ToDto(settings);
    }
}
