using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Applies an Ardalis specification to an <see cref="IQueryable{T}"/>: filters, ordering, paging, no-tracking and
/// projection. Written here because Ardalis.Specification.EntityFrameworkCore is not available to us; it covers the
/// parts of a specification this codebase uses and refuses the rest loudly rather than ignoring them.
/// Each module keeps its specifications in <c>Infrastructure/Persistence/Specifications</c> (named <c>…Spec</c>, checked
/// by the architecture tests); its repositories and query classes run them through here.
/// </summary>
public static class SpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> query, ISpecification<T> specification)
        where T : class
    {
        if (specification.IncludeExpressions.Any() || specification.IncludeStrings.Any() || specification.SearchCriterias.Any())
        {
            throw new NotSupportedException("Includes and search criteria are not supported by OmniaKey's specification evaluator.");
        }

        foreach (var where in specification.WhereExpressions)
        {
            query = query.Where(where.Filter);
        }

        query = ApplyOrdering(query, specification);
        if (specification.Skip is > 0)
        {
            query = query.Skip(specification.Skip);
        }

        if (specification.Take is > 0)
        {
            query = query.Take(specification.Take);
        }

        return specification.AsNoTracking ? query.AsNoTracking() : query;
    }

    public static IQueryable<TResult> Apply<T, TResult>(IQueryable<T> query, ISpecification<T, TResult> specification)
        where T : class
    {
        var selector = specification.Selector
            ?? throw new InvalidOperationException($"{specification.GetType().Name} has no Select.");
        return Apply(query, (ISpecification<T>)specification).Select(selector);
    }

    private static IQueryable<T> ApplyOrdering<T>(IQueryable<T> query, ISpecification<T> specification)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var order in specification.OrderExpressions)
        {
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy => query.OrderBy(order.KeySelector),
                OrderTypeEnum.OrderByDescending => query.OrderByDescending(order.KeySelector),
                OrderTypeEnum.ThenBy => (ordered ?? throw Misordered()).ThenBy(order.KeySelector),
                OrderTypeEnum.ThenByDescending => (ordered ?? throw Misordered()).ThenByDescending(order.KeySelector),
                _ => throw new NotSupportedException($"Order type {order.OrderType} is not supported."),
            };
            query = ordered;
        }

        return query;
    }

    private static InvalidOperationException Misordered() => new("ThenBy used before OrderBy in a specification.");
}
