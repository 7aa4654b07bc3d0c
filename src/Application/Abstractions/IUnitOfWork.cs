namespace OmniaKey.Application.Abstractions;

/// <summary>Commits every change a command made. Repositories never save on their own.</summary>
public interface IUnitOfWork
{
    Task CommitAsync(CancellationToken cancellationToken);
}
