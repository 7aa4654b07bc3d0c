using MediatR;

namespace OmniaKey.Application.Messaging;

/// <summary>Marker shared by all commands, so that behaviours can tell writes from reads.</summary>
public interface IBaseCommand;

/// <summary>A request that changes state and returns nothing.</summary>
public interface ICommand : IRequest<Unit>, IBaseCommand;

/// <summary>A request that changes state and returns <typeparamref name="TResult"/>.</summary>
public interface ICommand<out TResult> : IRequest<TResult>, IBaseCommand;
