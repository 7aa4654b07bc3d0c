using MediatR;

namespace OmniaKey.Application.Messaging;

/// <summary>Handles a command that returns nothing. Implement this, never MediatR's interfaces directly.</summary>
public interface ICommandHandler<in TCommand> : IRequestHandler<TCommand, Unit>
    where TCommand : ICommand
{
    new Task Handle(TCommand command, CancellationToken cancellationToken);

    async Task<Unit> IRequestHandler<TCommand, Unit>.Handle(TCommand request, CancellationToken cancellationToken)
    {
        await Handle(request, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}

/// <summary>Handles a command that returns <typeparamref name="TResult"/>.</summary>
public interface ICommandHandler<in TCommand, TResult> : IRequestHandler<TCommand, TResult>
    where TCommand : ICommand<TResult>;
