using System.Reflection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Primitives;

namespace OmniaKey.ArchitectureTests;

/// <summary>The assemblies outside the modules.</summary>
internal static class SharedAssemblies
{
    public static Assembly Domain => typeof(IDomainEvent).Assembly;

    public static Assembly Application => typeof(ICommand).Assembly;

    public static Assembly Infrastructure { get; } = Assembly.Load(new AssemblyName(Namespaces.Infrastructure));

    public static Assembly Api { get; } = Assembly.Load(new AssemblyName(Namespaces.Api));
}
