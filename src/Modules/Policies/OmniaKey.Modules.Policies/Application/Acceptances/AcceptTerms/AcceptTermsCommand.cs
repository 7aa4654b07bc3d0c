using FluentValidation;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Terms.GetTermsForSignUp;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Acceptances.AcceptTerms;

/// <summary>
/// <c>POST /api/v1/terms/accept {version}</c>: the customer accepts the version in force or a published later one.
/// Idempotent: accepting again answers the first acceptance.
/// </summary>
internal sealed record AcceptTermsCommand(Guid AccountId, string? Version, string? IpAddress) : ICommand<AcceptanceDto>;

internal sealed class AcceptTermsCommandValidator : AbstractValidator<AcceptTermsCommand>
{
    public AcceptTermsCommandValidator() => RuleFor(c => c.Version).NotEmpty().MaximumLength(32);
}

internal sealed class AcceptTermsCommandHandler(ITermsRepository terms, ITermsAcceptanceRepository acceptances, TimeProvider clock)
    : ICommandHandler<AcceptTermsCommand, AcceptanceDto>
{
    public async Task<AcceptanceDto> Handle(AcceptTermsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var version = await AcceptableVersion.FindAsync(terms, command.Version!, "version", now, cancellationToken);
        var acceptance = await acceptances.AddIfMissingAsync(
            TermsAcceptance.Record(command.AccountId, version.Version, AcceptanceMethod.Explicit, now, command.IpAddress), cancellationToken);
        return new AcceptanceDto(acceptance.AccountId, acceptance.Version, TermsAcceptance.Name(acceptance.Method), acceptance.AcceptedAt);
    }
}
