using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Domain.Decisions;

namespace OmniaKey.Modules.Compliance.Application.Decisions.RecordApiDecisions;

internal sealed class RecordApiDecisionsCommandHandler(IAccessDecisionRepository decisions) : ICommandHandler<RecordApiDecisionsCommand>
{
    public Task Handle(RecordApiDecisionsCommand command, CancellationToken cancellationToken)
    {
        decisions.AddRange(command.Decisions.Select(d => AccessDecisionMapping.ToEntity(d.Decision, d.DecidedAt)));
        return Task.CompletedTask;
    }
}
