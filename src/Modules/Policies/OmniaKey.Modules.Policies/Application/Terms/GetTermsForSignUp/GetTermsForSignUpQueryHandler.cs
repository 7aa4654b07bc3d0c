using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.GetTermsForSignUp;

internal sealed class GetTermsForSignUpQueryHandler(ITermsRepository terms, PoliciesSettings settings, TimeProvider clock)
    : IQueryHandler<GetTermsForSignUpQuery, TermsDto>
{
    public async Task<TermsDto> Handle(GetTermsForSignUpQuery query, CancellationToken cancellationToken) =>
        (await AcceptableVersion.FindAsync(terms, query.Version, "terms_version", clock.GetUtcNow(), cancellationToken)).ToDto(settings);
}

/// <summary>A version a customer may accept: the one in force, or a published one not yet in force.</summary>
internal static class AcceptableVersion
{
    public static async Task<TermsVersion> FindAsync(ITermsRepository terms, string version, string field, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inForce = await terms.FindInForceAsync(now, cancellationToken);
        var requested = await terms.FindAsync(version, cancellationToken);
        if (requested is not null && requested.IsInForceOrFutureAt(now, inForce))
        {
            return requested;
        }

        var current = inForce is null ? "" : $" (in force: \"{inForce.Version}\")";
        throw new RequestValidationException(
            field,
            requested is null
                ? $"\"{version}\" is not a published Terms version{current}"
                : $"\"{version}\" has been superseded: accept the version in force or a published later one{current}");
    }
}
