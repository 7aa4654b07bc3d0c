namespace OmniaKey.Application.Messaging;

/// <summary>
/// The one way endpoints, jobs and other modules send commands and queries. It hides MediatR so that
/// replacing or upgrading the mediator touches only its implementation (docs/adr/0002-mediatr-5.md).
/// </summary>
public interface IDispatcher
{
    Task Send(ICommand command, CancellationToken cancellationToken = default);

    Task<TResult> Send<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default);

    Task<TResult> Query<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default);
}
