using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.ListTerms;

/// <summary>Every published Terms version, newest effective date first (a short list: never paged).</summary>
internal sealed record ListTermsQuery : IQuery<TermsPage>;

internal sealed record TermsPage(IReadOnlyList<TermsDto> Data, string? NextCursor);

internal sealed class ListTermsQueryHandler(ITermsRepository terms, PoliciesSettings settings) : IQueryHandler<ListTermsQuery, TermsPage>
{
    public async Task<TermsPage> Handle(ListTermsQuery query, CancellationToken cancellationToken)
    {
        var versions = await terms.ListAsync(cancellationToken);
        return new TermsPage([.. versions.Select(v => v.ToDto(settings))], null);
    }
}
