using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Saves every module DbContext that the current scope used. A context enlists itself when resolved
/// (see <see cref="PersistenceRegistration"/>), so a command touching one module saves one context.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly List<DbContext> contexts = [];

    public void Enlist(DbContext context)
    {
        if (!contexts.Contains(context))
        {
            contexts.Add(context);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var context in contexts.Where(c => c.ChangeTracker.HasChanges()))
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
