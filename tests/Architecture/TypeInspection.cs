using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Primitives;

namespace OmniaKey.ArchitectureTests;

/// <summary>
/// Reflection over the modules' types. Classification by interface or base class is done here rather than with
/// NetArchTest's <c>ImplementInterface</c>/<c>Inherit</c>, which in 1.3.2 only see interfaces a type declares
/// itself (not those of a base class) and need Mono.Cecil to resolve every referenced assembly.
/// </summary>
internal static class TypeInspection
{
    private static readonly Type[] CommandHandlerInterfaces = [typeof(ICommandHandler<>), typeof(ICommandHandler<,>)];

    private static readonly Type[] OurHandlerInterfaces = [.. CommandHandlerInterfaces, typeof(IQueryHandler<,>)];

    // Namespaces a package's source generator adds to the assembly it runs in (MaxMind.Db registers its model types
    // there for reflection-free decoding, Compliance's country records); they carry no [CompilerGenerated].
    private static readonly string[] SourceGeneratorNamespaces = ["MaxMind.Db.Generated"];

    /// <summary>The types written by people: no compiler- or source-generator-made types, closures, state machines or attributes.</summary>
    public static IEnumerable<Type> OwnTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => !IsCompilerGenerated(t) && !SourceGeneratorNamespaces.Contains(t.Namespace));

    /// <summary>Concrete classes and structs (not interfaces, not abstract classes, not static classes).</summary>
    public static bool IsConcrete(Type type) => !type.IsInterface && !type.IsAbstract;

    public static bool IsCommandHandler(Type type) => IsConcrete(type) && ImplementsAny(type, CommandHandlerInterfaces);

    public static bool IsQueryHandler(Type type) => IsConcrete(type) && ImplementsAny(type, typeof(IQueryHandler<,>));

    public static bool IsHandler(Type type) => IsCommandHandler(type) || IsQueryHandler(type);

    public static bool IsValidator(Type type) => IsConcrete(type) && DerivesFrom(type, typeof(AbstractValidator<>));

    public static bool IsDbContext(Type type) => IsConcrete(type) && typeof(DbContext).IsAssignableFrom(type);

    public static bool IsDomainEvent(Type type) => IsConcrete(type) && typeof(IDomainEvent).IsAssignableFrom(type);

    public static bool IsIntegrationEvent(Type type) =>
        IsConcrete(type) && typeof(IIntegrationEvent).IsAssignableFrom(type);

    public static bool IsBusinessRule(Type type) => IsConcrete(type) && typeof(IBusinessRule).IsAssignableFrom(type);

    /// <summary>A job is a concrete, top-level class in the module's <c>Infrastructure.Jobs</c> namespace.</summary>
    public static bool IsJob(Type type, ModuleUnderTest module) =>
        type.IsClass && IsConcrete(type) && !type.IsNested && Namespaces.Contains(module.JobsNamespace, type);

    /// <summary>
    /// The MediatR <c>IRequestHandler&lt;,&gt;</c> interfaces of <paramref name="type"/> that do not come through one
    /// of our <c>ICommandHandler</c>/<c>IQueryHandler</c> interfaces, i.e. that it implements directly.
    /// </summary>
    public static IEnumerable<Type> DirectMediatRHandlerInterfaces(Type type)
    {
        if (!IsConcrete(type))
        {
            return [];
        }

        var interfaces = type.GetInterfaces();
        var throughOurs = interfaces
            .Where(i => i.IsGenericType && OurHandlerInterfaces.Contains(i.GetGenericTypeDefinition()))
            .SelectMany(i => i.GetInterfaces())
            .ToHashSet();
        return interfaces.Where(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && !throughOurs.Contains(i));
    }

    /// <summary>
    /// Why <paramref name="type"/> is not immutable, or nothing when it is: every property is get-only or
    /// init-only, every instance field is read-only, and no property is an array or a mutable collection.
    /// </summary>
    public static IEnumerable<string> MutableMembers(Type type)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var property in current.GetProperties(Instance | BindingFlags.DeclaredOnly))
            {
                if (property.SetMethod is { } setter && !IsInitOnly(setter))
                {
                    yield return $"property {property.Name} has a setter";
                }

                if (IsMutableCollection(property.PropertyType))
                {
                    yield return $"property {property.Name} is a mutable {property.PropertyType.Name}";
                }
            }

            // Auto-property backing fields (<Name>k__BackingField) are judged through their property above.
            foreach (var field in current.GetFields(Instance | BindingFlags.DeclaredOnly).Where(f => !f.Name.StartsWith('<')))
            {
                if (!field.IsInitOnly)
                {
                    yield return $"field {field.Name} is not read-only";
                }
            }
        }
    }

    /// <summary>The type's name without a generic arity suffix (<c>PagedQueryHandler`1</c> → <c>PagedQueryHandler</c>).</summary>
    public static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    public static string Describe(Type type) => type.FullName ?? type.Name;

    private static bool IsCompilerGenerated(Type type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (current.Name.StartsWith('<') || current.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An <c>init</c> accessor carries the <c>IsExternalInit</c> required modifier on its return value.</summary>
    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>)
            || definition == typeof(Dictionary<,>)
            || definition == typeof(HashSet<>)
            || definition == typeof(ICollection<>)
            || definition == typeof(IList<>)
            || definition == typeof(IDictionary<,>)
            || definition == typeof(ISet<>);
    }

    private static bool ImplementsAny(Type type, params Type[] openInterfaces) =>
        type.GetInterfaces().Any(i => i.IsGenericType && openInterfaces.Contains(i.GetGenericTypeDefinition()));

    private static bool DerivesFrom(Type type, Type openBaseClass)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openBaseClass)
            {
                return true;
            }
        }

        return false;
    }
}
