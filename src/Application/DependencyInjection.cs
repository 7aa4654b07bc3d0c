using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Behaviors;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Application;

public static class DependencyInjection
{
    /// <summary>Registers the mediator, the pipeline (logging → validation → unit of work) and the dispatcher.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) =>
            member is null ? null : SnakeCase.Convert(member.Name);
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<IDispatcher, MediatRDispatcher>();

        // MediatR 5 runs behaviours in registration order: the first registered is the outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        return services;
    }

    /// <summary>
    /// Registers every command/query handler, integration and domain event handler and validator declared in
    /// <paramref name="assembly"/>.
    /// </summary>
    public static IServiceCollection AddHandlersFrom(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(IsHandlerContract))
            {
                services.AddScoped(contract, type);
            }
        }

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }

    private static bool IsHandlerContract(Type contract) =>
        contract.IsGenericType
        && (contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
            || contract.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>)
            || contract.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>));
}
