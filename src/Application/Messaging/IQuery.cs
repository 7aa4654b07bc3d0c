using MediatR;

namespace OmniaKey.Application.Messaging;

/// <summary>A request that reads state and changes nothing.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;
