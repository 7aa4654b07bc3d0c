using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Terms.GetTermsForSignUp;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Acceptances.RecordSignUpAcceptance;

internal sealed class RecordSignUpAcceptanceCommandHandler(ITermsRepository terms, ITermsAcceptanceRepository acceptances, TimeProvider clock)
    : ICommandHandler<RecordSignUpAcceptanceCommand>
{
    public async Task Handle(RecordSignUpAcceptanceCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var version = await AcceptableVersion.FindAsync(terms, command.Version, "terms_version", now, cancellationToken);
        await acceptances.AddIfMissingAsync(
            TermsAcceptance.Record(command.AccountId, version.Version, AcceptanceMethod.SignUp, now, command.IpAddress), cancellationToken);
    }
}
