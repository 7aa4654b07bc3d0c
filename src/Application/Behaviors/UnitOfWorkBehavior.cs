using MediatR;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Application.Behaviors;

/// <summary>
/// Innermost behaviour: runs a command's handler inside the unit of work's transaction and commits once it has
/// succeeded; any exception rolls the whole command back. Queries pass through.
/// </summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is IBaseCommand ? unitOfWork.RunAsync(() => next(), cancellationToken) : next();
}
