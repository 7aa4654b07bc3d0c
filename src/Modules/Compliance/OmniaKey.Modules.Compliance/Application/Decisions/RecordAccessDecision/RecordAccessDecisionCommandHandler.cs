using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Application.Decisions.RecordAccessDecision;

internal sealed class RecordAccessDecisionCommandHandler(IAccessDecisionRepository decisions, TimeProvider clock)
    : ICommandHandler<RecordAccessDecisionCommand>
{
    public Task Handle(RecordAccessDecisionCommand command, CancellationToken cancellationToken)
    {
        decisions.Add(AccessDecisionMapping.ToEntity(command.Decision, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
