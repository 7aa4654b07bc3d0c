using MediatR;

namespace OmniaKey.Application.Messaging;

/// <summary>Handles a query. Implement this, never MediatR's interfaces directly.</summary>
public interface IQueryHandler<in TQuery, TResult> : IRequestHandler<TQuery, TResult>
    where TQuery : IQuery<TResult>;
