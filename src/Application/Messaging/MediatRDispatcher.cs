using MediatR;

namespace OmniaKey.Application.Messaging;

internal sealed class MediatRDispatcher(IMediator mediator) : IDispatcher
{
    public Task Send(ICommand command, CancellationToken cancellationToken = default) =>
        mediator.Send(command, cancellationToken);

    public Task<TResult> Send<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default) =>
        mediator.Send(command, cancellationToken);

    public Task<TResult> Query<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default) =>
        mediator.Send(query, cancellationToken);
}
