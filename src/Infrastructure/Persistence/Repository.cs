using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Generic repository over a module DbContext. It never saves: the unit of work commits once per command.
/// </summary>
public class Repository<T>(DbContext context)
    where T : class
{
    protected DbSet<T> Set => context.Set<T>();

    public void Add(T entity) => Set.Add(entity);

    public ValueTask<T?> FindAsync(object id, CancellationToken cancellationToken) =>
        Set.FindAsync([id], cancellationToken);

    public Task<T?> FirstOrDefaultAsync(ISpecification<T> specification, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(Set, specification).FirstOrDefaultAsync(cancellationToken);

    public Task<List<T>> ListAsync(ISpecification<T> specification, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(Set, specification).ToListAsync(cancellationToken);

    public Task<List<TResult>> ListAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(Set, specification).ToListAsync(cancellationToken);

    public Task<bool> AnyAsync(ISpecification<T> specification, CancellationToken cancellationToken) =>
        SpecificationEvaluator.Apply(Set, specification).AnyAsync(cancellationToken);
}
