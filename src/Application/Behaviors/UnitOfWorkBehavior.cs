using MediatR;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Application.Behaviors;

/// <summary>Innermost behaviour: commits a command's changes once its handler has succeeded. Queries pass through.</summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next().ConfigureAwait(false);
        if (request is IBaseCommand)
        {
            await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
