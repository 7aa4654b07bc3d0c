namespace OmniaKey.Application.Abstractions;

/// <summary>
/// The one way a command's changes reach the database: one transaction per command, shared by every module's
/// DbContext in the scope, committed by <see cref="Behaviors.UnitOfWorkBehavior{TRequest, TResponse}"/> after the
/// handler succeeded (docs/architecture.md, "One transaction per command"). Handlers and repositories never save or
/// commit themselves.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> inside the scope's transaction and commits when it succeeds; a nested call (a
    /// command sent by a handler) joins the outer transaction instead.
    /// </summary>
    Task<TResult> RunAsync<TResult>(Func<Task<TResult>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the pending changes inside the transaction without committing, for code that must see a unique index
    /// decide (a duplicate raises <c>DbUpdateException</c>, rolled back to a savepoint) or that runs SQL over the rows
    /// it just added.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (e.g. evicting a cache entry).</summary>
    void OnCommitted(Action action);
}
