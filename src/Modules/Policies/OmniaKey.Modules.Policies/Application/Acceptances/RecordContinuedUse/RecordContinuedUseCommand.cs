using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Domain.Acceptances;

namespace OmniaKey.Modules.Policies.Application.Acceptances.RecordContinuedUse;

/// <summary>One account's first API call seen by this process while a version was in force.</summary>
internal sealed record ContinuedUse(Guid AccountId, string Version, DateTimeOffset At, string? IpAddress);

/// <summary>
/// Records acceptances by continued use (Terms §11), a batch at a time, from the background writer: an account that
/// already accepted the version (at sign-up, explicitly, or on another instance) keeps its first acceptance.
/// </summary>
internal sealed record RecordContinuedUseCommand(IReadOnlyList<ContinuedUse> Uses) : ICommand<int>;

internal sealed class RecordContinuedUseCommandHandler(ITermsAcceptanceRepository acceptances) : ICommandHandler<RecordContinuedUseCommand, int>
{
    public async Task<int> Handle(RecordContinuedUseCommand command, CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var use in command.Uses.DistinctBy(u => (u.AccountId, u.Version)))
        {
            var acceptance = TermsAcceptance.Record(use.AccountId, use.Version, AcceptanceMethod.ContinuedUse, use.At, use.IpAddress);
            if (ReferenceEquals(await acceptances.AddIfMissingAsync(acceptance, cancellationToken), acceptance))
            {
                recorded++;
            }
        }

        return recorded;
    }
}
